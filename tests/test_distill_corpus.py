"""The labelled consolidation corpus is what consolidation's targets are measured on: if a label pointed at a missing
record, or a "key item" were said in one session, every figure from benchmarks/eval_consolidation.py would be
wrong without anyone noticing. These tests check the corpus and the scorer, not consolidation quality."""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from memlora.distill.profile import Item, Profile
from memlora.distill.records import load_memory
from memlora.distill.schema import make_probe

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "consolidation"
sys.path.insert(0, str(REPO / "benchmarks"))
import eval_consolidation as ev  # noqa: E402


LABELLED = {"main": ("labels.json", ("dev", "heldout")), **{name: (f, (name,)) for name, f in ev.EXTRA_SPLITS.items()}}


def _load(name: str) -> tuple[dict, dict]:
    labels_file, splits = LABELLED[name]
    labels = json.loads((CORPUS / labels_file).read_text(encoding="utf-8"))
    records = {}
    for split in splits:
        loaded = load_memory(CORPUS / split)
        assert not loaded.rejects, [str(r) for r in loaded.rejects[:3]]
        for r in loaded.records:
            assert r.id not in records, f"duplicate id {r.id}"
            assert labels[r.tenant]["split"] == split, f"{r.tenant} has records in {split}/ but is labelled {labels[r.tenant]['split']}"
            records[r.id] = r
    return labels, records


@pytest.fixture(scope="module")
def corpus():
    return _load("main")


@pytest.fixture(scope="module", params=sorted(LABELLED))
def labelled(request):
    """Each labelled part (the original dev+heldout corpus, and dev2) must satisfy what the scorer assumes."""
    return (request.param, *_load(request.param))


def test_dev2_is_a_second_dev_split_in_all_styles():
    """dev2 estimates unseen-memory performance: big enough, every style, Italian or Portuguese besides French/Spanish/German."""
    labels, records = _load("dev2")
    main_labels, _ = _load("main")
    assert len(records) >= 200 and len(labels) >= 20 and not set(labels) & set(main_labels)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in main_labels.values()}
    assert {lab["split"] for lab in labels.values()} == {"dev2"}
    langs = {lab["language"] for lab in labels.values()}
    assert langs & {"it", "pt"} and len(langs & {"fr", "es", "de"}) >= 2


def test_dev3_is_a_third_dev_split_in_all_styles():
    """dev3 is written from the styles alone, with two or more non-English tenants and stale values in several styles."""
    labels, records = _load("dev3")
    others = {**_load("main")[0], **_load("dev2")[0]}
    assert len(records) >= 150 and len(labels) >= 15 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    assert len({lab["language"] for lab in labels.values()} - {"en"}) >= 2
    assert len({lab["style"] for lab in labels.values() if lab["stale"]}) >= 4


def test_dev4_is_a_fourth_dev_split_in_all_styles():
    """dev4 is written from the styles alone, committed before measuring: new languages, stale values in most styles."""
    labels, records = _load("dev4")
    others = {**_load("main")[0], **_load("dev2")[0], **_load("dev3")[0]}
    assert len(records) >= 200 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 2
    assert len({lab["style"] for lab in labels.values() if lab["stale"]}) >= 5


def test_dev5_is_a_fifth_dev_split_in_all_styles():
    """dev5 is written from the styles alone, committed before measuring: five or more new languages, some in
    non-Latin scripts, and stale values in every style."""
    labels, records = _load("dev5")
    others = {k: v for name in ("main", "dev2", "dev3", "dev4") for k, v in _load(name)[0].items()}
    assert 230 <= len(records) <= 280 and len(labels) >= 25 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 5
    assert {lab["style"] for lab in labels.values() if lab["stale"]} == {lab["style"] for lab in labels.values()}


def test_dev6_is_a_sixth_dev_split_in_all_styles():
    """dev6 is written from the styles alone, committed before measuring: five or more languages no earlier split
    has, stale values in every style and in about two thirds of the tenants."""
    labels, records = _load("dev6")
    others = {k: v for name in ("main", "dev2", "dev3", "dev4", "dev5") for k, v in _load(name)[0].items()}
    assert 240 <= len(records) <= 280 and len(labels) >= 25 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 5
    assert {lab["style"] for lab in labels.values() if lab["stale"]} == {lab["style"] for lab in labels.values()}
    assert 0.5 <= sum(bool(lab["stale"]) for lab in labels.values()) / len(labels) <= 0.8


def test_dev7_is_a_seventh_dev_split_in_all_styles():
    """dev7 is written from the styles alone, committed before measuring: five or more languages no earlier split
    has, three of them in caseless scripts, stale values in every style and job changes in several."""
    labels, records = _load("dev7")
    others = {k: v for name in ("main", "dev2", "dev3", "dev4", "dev5", "dev6") for k, v in _load(name)[0].items()}
    assert 180 <= len(records) <= 260 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 5 and len(new_langs & {"he", "fa", "zh"}) == 3
    assert {lab["style"] for lab in labels.values() if lab["stale"]} == {lab["style"] for lab in labels.values()}
    jobs = [s for lab in labels.values() for s in lab["stale"] if s["slot"] in ("profession", "employer")]
    assert len({labels[s["replaced_by"].split(":")[0]]["style"] for s in jobs}) >= 5


def test_dev8_is_an_eighth_dev_split_mostly_not_in_english():
    """dev8 is written from the styles alone, committed before measuring: most tenants in languages other than
    English, two or more languages no earlier split has, every style, stale values in most tenants."""
    labels, records = _load("dev8")
    others = {k: v for name in LABELLED if name not in ("dev8", "dev12") for k, v in _load(name)[0].items()}
    assert 140 <= len(records) <= 220 and len(labels) >= 15 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    assert sum(lab["language"] != "en" for lab in labels.values()) >= 0.75 * len(labels)
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 2 and len({lab["language"] for lab in labels.values()} - new_langs - {"en"}) >= 8
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= len(labels) / 2


def test_dev9_is_a_ninth_dev_split_with_new_languages_and_scripts():
    """dev9 is written from the styles alone, committed before measuring: eight or more languages no earlier split
    has (Japanese was romanised before, here it is in kana and kanji), one per tenant, every style, stale values
    in at least half the tenants, a changed preference among them."""
    labels, records = _load("dev9")
    others = {k: v for name in LABELLED if name not in ("dev9", "dev12") for k, v in _load(name)[0].items()}
    assert 180 <= len(records) <= 240 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    new_langs = {lab["language"] for lab in labels.values()} - {lab["language"] for lab in others.values()}
    assert len(new_langs) >= 8 and "ja" in {lab["language"] for lab in labels.values()}
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= len(labels) / 2
    kinds = {it["kind"] for lab in labels.values() for s in lab["stale"] for it in lab["items"]
             if it["label_id"] == s["replaced_by"]}
    assert kinds == {"fact", "preference"}


def test_dev10_is_a_tenth_dev_split_mostly_in_english():
    """dev10 is written from the styles alone, committed before measuring: mostly English as memory layers write it,
    Mem0 exports the largest style, every style, three or more other languages, stale values in about half the
    tenants."""
    labels, records = _load("dev10")
    others = {k: v for name in LABELLED if name not in ("dev10", "dev12") for k, v in _load(name)[0].items()}
    assert 220 <= len(records) <= 280 and len(labels) >= 22 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    assert sum(lab["language"] == "en" for lab in labels.values()) >= 0.75 * len(labels)
    styles = Counter(lab["style"] for lab in labels.values())
    assert styles.most_common(1)[0][0] == "mem0" and len({lab["language"] for lab in labels.values()} - {"en"}) >= 3
    assert 0.4 <= sum(bool(lab["stale"]) for lab in labels.values()) / len(labels) <= 0.75


def test_dev11_is_a_split_of_change_statements():
    """dev11 is written from the styles alone, committed before measuring: in most tenants one sentence names the old
    and the new value of one slot, and that sentence is the first statement of the new value."""
    labels, records = _load("dev11")
    others = {k: v for name in LABELLED if name not in ("dev11", "dev12") for k, v in _load(name)[0].items()}
    assert 100 <= len(records) <= 160 and len(labels) >= 12 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 0.75 * len(labels)


def test_dev12_is_a_split_of_other_memory_layers():
    """dev12 is written from the styles alone, committed before measuring: memory in the shapes other layers write
    (ChatGPT saved memories, Letta core-memory lines, LangMem/Zep triples, an assistant's dated notes, long chat
    messages) and four other languages, stale values in at least 12 tenants."""
    labels, records = _load("dev12")
    others = {k: v for name in LABELLED if name != "dev12" for k, v in _load(name)[0].items()}
    assert 200 <= len(records) <= 280 and len(labels) >= 20 and not set(labels) & set(others)
    assert {"chatgpt", "letta", "triples", "notes"} <= {lab["style"] for lab in labels.values()}
    assert {"es", "it", "nl", "ja"} <= {lab["language"] for lab in labels.values()}
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 12


def test_size_styles_and_split(corpus):
    labels, records = corpus
    assert len(records) >= 400 and len(labels) >= 40
    by_style = defaultdict(list)
    for lab in labels.values():
        by_style[lab["style"]].append(lab["split"])
    assert len(by_style) >= 5
    for style, splits in by_style.items():
        assert splits.count("heldout") / len(splits) >= 0.3, f"{style}: under 30% of tenants held out"
        assert splits.count("dev") >= 1
    assert len({lab["language"] for lab in labels.values()} - {"en"}) >= 2


def test_every_record_has_exactly_one_label(labelled):
    _, labels, records = labelled
    seen = Counter()
    for tenant, lab in labels.items():
        ids = [r for it in lab["items"] for r in it["record_ids"]] + lab["one_offs"] + [r for s in lab["stale"] for r in s["record_ids"]]
        for rid in ids:
            assert rid in records, f"{tenant}: label names missing record {rid}"
            assert records[rid].tenant == tenant, f"{tenant}: record {rid} belongs to {records[rid].tenant}"
        seen.update(ids)
    assert set(seen) == set(records), f"unlabelled records: {sorted(set(records) - set(seen))[:5]}"
    assert max(seen.values()) == 1, [r for r, n in seen.items() if n > 1][:5]


def test_items_one_offs_and_stale_are_what_the_targets_assume(labelled):
    _, labels, records = labelled
    for tenant, lab in labels.items():
        assert 3 <= len(lab["items"]) <= 6 and 2 <= len(lab["one_offs"]) <= 4 and len(lab["stale"]) <= 2, tenant
        slots = [it["slot"] for it in lab["items"]]
        assert len(set(slots)) == len(slots), tenant
        for it in lab["items"]:
            assert it["kind"] in ("preference", "fact") and it["slot"] == it["slot"].lower() and it["value"], it["label_id"]
            recs = [records[r] for r in it["record_ids"]]
            assert 2 <= len({r.session for r in recs}) == len(recs) <= 4, f"{it['label_id']}: each statement in its own session, 2-4"
            assert len({r.text.lower() for r in recs}) == len(recs), f"{it['label_id']}: repeated wording"
        for rid in lab["one_offs"]:
            assert sum(r.session == records[rid].session and r.text == records[rid].text for r in records.values()) == 1
        for st in lab["stale"]:
            new = next(it for it in lab["items"] if it["label_id"] == st["replaced_by"])
            assert st["slot"] == new["slot"] and ev.norm(st["value"]) != ev.norm(new["value"])
            old = [records[r] for r in st["record_ids"]]
            assert len({r.session for r in old}) >= 2, f"{tenant}: a stale value must be repeated, or it would not be selected anyway"
            assert max(r.created_at for r in old) < min(records[r].created_at for r in new["record_ids"]), f"{tenant}: stale is not older"


def test_records_carry_real_timestamps_and_sessions(labelled):
    name, labels, records = labelled
    for r in records.values():
        assert r.created_at is not None and r.source, r.id
    for tenant in labels:
        dates = [r.created_at for r in records.values() if r.tenant == tenant]
        assert (max(dates) - min(dates)).days >= 14, f"{tenant}: memories should span weeks"
    mem0 = [p for split in LABELLED[name][1] for p in (CORPUS / split).glob("*.json")]
    assert {json.loads(p.read_text(encoding="utf-8"))["results"][0]["user_id"] for p in mem0} == {
        t for t, lab in labels.items() if lab["style"] == "mem0"}


def test_build_reproduces_the_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.main(tmp_path)
    for p in sorted(tmp_path.rglob("*.json*")):
        committed = CORPUS / p.relative_to(tmp_path)
        assert committed.read_bytes() == p.read_bytes(), f"{committed} differs from what build.py writes: rerun it"


def _perfect_item(lab_item: dict) -> Item:
    slot, value = lab_item["slot"], lab_item["value"]
    return Item(id=lab_item["label_id"], text=value, kind="fact" if lab_item["kind"] == "fact" else "free", category=lab_item["kind"],
                value=value, score=1.0, mentions=len(lab_item["record_ids"]), sessions=len(lab_item["record_ids"]), sources=[],
                record_ids=list(lab_item["record_ids"]), reason="", probe=make_probe(slot, value), slot=slot)


def test_scorer_counts_recall_one_offs_stale_and_fact_checks(corpus):
    """A profile built from the labels scores perfectly; each planted mistake moves exactly its own counter."""
    labels, records = corpus
    tenant = next(t for t, lab in labels.items() if lab["stale"] and any(i["kind"] == "fact" for i in lab["items"]))
    lab = labels[tenant]
    items = [_perfect_item(i) for i in lab["items"]]
    sc = ev.score_tenant(Profile(tenant, items), lab, records)
    assert (sc["recalled"], sc["one_offs_selected"], sc["stale_selected"]) == (len(lab["items"]), 0, 0)
    assert sc["facts_ok"] == sc["facts_selected"] == sum(i["kind"] == "fact" for i in lab["items"])
    fact = next(i for i in items if i.kind == "fact")
    wrong = [i for i in items if i is not fact] + [Item(**{**fact.as_dict(), "slot": "zzz", "probe": make_probe("zzz", "Qwerty"), "value": "Qwerty"})]
    wrong.append(Item(**{**fact.as_dict(), "id": "x", "record_ids": [lab["one_offs"][0]]}))
    wrong.append(Item(**{**fact.as_dict(), "id": "y", "record_ids": lab["stale"][0]["record_ids"]}))
    sc = ev.score_tenant(Profile(tenant, wrong), lab, records)
    assert sc["one_offs_selected"] == 1 and sc["stale_selected"] == 1
    assert sc["facts_ok"] == sc["facts_selected"] - 1
    missing = ev.score_tenant(Profile(tenant, items[1:]), lab, records)
    assert missing["recalled"] == len(lab["items"]) - 1 and missing["misses"][0]["label_id"] == lab["items"][0]["label_id"]


def test_value_and_slot_matching_is_lenient_only_where_it_should_be():
    lab = {"slot": "cat_name", "slot_aliases": ["cat", "pet_name"], "value": "Tromsø", "value_aliases": []}
    assert ev.value_matches(["tromso"], lab) and ev.value_matches(["Grew up in TROMSØ, Norway"], lab)
    assert not ev.value_matches(["Oslo"], lab) and not ev.value_matches([""], lab)
    city = {"slot": "city", "slot_aliases": [], "value": "Москва", "value_aliases": ["moscow"]}
    assert ev.value_matches(["Живу в МОСКВА"], city) and ev.value_matches(["Moscow"], city)
    assert ev.value_matches(["θεσσαλονικη"], {**city, "value": "Θεσσαλονίκη", "value_aliases": []})
    assert not ev.value_matches(["Казань"], city) and not ev.value_matches(["부산"], {**city, "value": "서울"})
    assert ev.slot_matches("cat", lab) and ev.slot_matches("kitty cat", lab) and ev.slot_matches("pet name", lab)
    assert not ev.slot_matches("dog name", lab) and not ev.slot_matches("", lab)


def test_style_pairs_are_labelled_like_the_original_pairs():
    """tests/data/grouping_pairs_styles.jsonl: hard negatives and paraphrases in the corpus styles, kept
    apart from grouping_pairs.jsonl because today's TF-IDF grouping fails most of them (P 0.27, R 0.12)
    while test_distill_profile asserts every pair there passes."""
    pairs = [json.loads(l) for l in (REPO / "tests" / "data" / "grouping_pairs_styles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 40
    for p in pairs:
        assert set(p) == {"tenant", "a", "b", "same", "note"} and isinstance(p["same"], bool) and p["a"] != p["b"], p
        assert p["note"].startswith("hard negative") == (not p["same"]), p
    assert sum(p["same"] for p in pairs) >= 20 and sum(not p["same"] for p in pairs) >= 20
    assert len({(p["a"], p["b"]) for p in pairs}) == len(pairs)


def test_dev15_is_a_split_of_languages_no_earlier_split_has():
    """dev15 is written from the styles alone, committed before measuring: sixteen tenants, each in a language no
    earlier split has (Croatian, Icelandic, Amharic, Albanian, Basque, Galician, Welsh, Slovenian, Marathi, Telugu,
    Latvian, Georgian, Azerbaijani, Macedonian, Nepali, Kazakh), four English ones so every style appears, and stale
    values in at least eight tenants."""
    labels, records = _load("dev15")
    # dev14 was written in the same session, beside it (its Croatian tenant too): only the splits before count
    earlier = {k: v for name in LABELLED if name not in ("dev15", "dev12", "dev14", "dev16") for k, v in _load(name)[0].items()}
    assert 180 <= len(records) <= 240 and len(labels) >= 20 and not set(labels) & set(earlier)
    assert {lab["style"] for lab in labels.values()} == {"mem0", "first_person", "third_person", "user",
                                                        "lowercase_typos", "non_english"}
    langs = Counter(lab["language"] for lab in labels.values())
    assert 3 <= langs.pop("en") <= 4 and len(langs) >= 15 and all(n == 1 for n in langs.values())
    assert not set(langs) & {lab["language"] for lab in earlier.values()}
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 8


def test_dev13_is_a_split_of_non_english_and_mixed_language_memory():
    """dev13 is written from the styles alone, committed before measuring: almost every tenant writes in another
    language than English or mixes two (Hinglish, Spanglish, Taglish), in unspaced scripts too, with stale values in
    at least twelve tenants."""
    labels, records = _load("dev13")
    others = {k: v for name in LABELLED if name not in ("dev13", "dev12") for k, v in _load(name)[0].items()}
    assert 200 <= len(records) <= 270 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {lab["style"] for lab in others.values()}
    langs = Counter(lab["language"] for lab in labels.values())
    assert "en" not in langs and {"ja", "zh", "th", "hi-en", "es-en", "tl-en"} <= set(langs)
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 12


def test_dev16_is_a_split_of_preferences_about_answers():
    """dev16 is written from the styles alone, committed before measuring: mostly preferences about the assistant's
    answers (requests, complaints, meta-notes, conditionals), every style, changed minds in at least eight tenants and
    one-offs that are one-time requests or someone else's preference."""
    labels, records = _load("dev16")
    others = {k: v for name in LABELLED if name != "dev16" for k, v in _load(name)[0].items()}
    assert 180 <= len(records) <= 230 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {"mem0", "first_person", "third_person", "user",
                                                          "lowercase_typos", "non_english"}
    kinds = Counter(it["kind"] for lab in labels.values() for it in lab["items"])
    assert kinds["preference"] >= 2 * kinds["fact"] and kinds["fact"] >= len(labels) - 2
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 8
    assert sum(lab["style"] == "non_english" for lab in labels.values()) >= 2


def test_dev17_is_a_split_of_enterprise_and_team_memory():
    """dev17 is written from the styles alone, committed before measuring: organization tenants (a company, a team, a
    workspace), their facts and house-style preferences told by admins, a memory layer and employees ("we/our"), in
    every style with German, French, Spanish, Japanese and Dutch tenants, old policies and tools as stale values in at
    least eight tenants. Measured once as written: 50/69 recall, 3 one-offs, 7 stale, facts 4/38."""
    labels, records = _load("dev17")
    others = {k: v for name in LABELLED if name != "dev17" for k, v in _load(name)[0].items()}
    assert 190 <= len(records) <= 240 and len(labels) >= 18 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} == {"mem0", "first_person", "third_person", "user",
                                                          "lowercase_typos", "non_english"}
    assert {"de", "fr", "es", "ja", "nl"} <= {lab["language"] for lab in labels.values()}
    kinds = Counter(it["kind"] for lab in labels.values() for it in lab["items"])
    assert kinds["fact"] >= 40 and kinds["preference"] >= 15
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 8
    assert all(lab["one_offs"] for lab in labels.values())


def test_dev14_is_a_split_of_english_life_memory():
    """dev14 is written from the styles alone, committed before measuring: English memory told as life events,
    activities and requests in every style, three tenants in Dutch, Danish and Croatian, stale life changes (moves,
    new jobs and employers, sold cars) in at least eight tenants."""
    labels, records = _load("dev14")
    others = {k: v for name in LABELLED if name != "dev14" for k, v in _load(name)[0].items()}
    assert 180 <= len(records) <= 240 and len(labels) >= 20 and not set(labels) & set(others)
    assert {lab["style"] for lab in labels.values()} >= {"mem0", "first_person", "third_person", "user",
                                                          "lowercase_typos", "non_english"}
    langs = Counter(lab["language"] for lab in labels.values())
    assert langs["en"] >= 15 and {"nl", "da", "hr"} <= set(langs)
    assert sum(bool(lab["stale"]) for lab in labels.values()) >= 8
    assert all(lab["one_offs"] for lab in labels.values())
