"""Memory other layers write (Letta core-memory lines, LangMem/Zep triples, an assistant's dated notes) is typed and
grouped like the sentence a user would have written: the wrappers come off before the kind patterns run."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from memlora.distill.canonical import SUBJECTLESS_VERBS
from memlora.distill.layers import unwrap
from memlora.distill.profile import build_profiles
from memlora.distill.records import Record
from memlora.distill.schema import extract
from memlora.settings import Settings


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


@pytest.mark.parametrize("text,slot,value", [
    ("Occupation: nurse at St. Mary's", "job", "nurse"),
    ("Employer: Stripe", "employer", "Stripe"),
    ("Hobbies: bouldering", "hobby", "bouldering"),
    ("Pet: a tabby cat called Miso", "cat", "Miso"),
    ("Priya -> works_at -> Infosys", "employer", "Infosys"),
    ("Marek -> allergic_to -> penicillin", "allergy", "penicillin"),
    ("Marek \u2192 occupation \u2192 electrician", "job", "electrician"),
    ("Olu -> daughter -> Ada", "daughter", "Ada"),
    ("Sanne -> hond -> Bobbie", "dog", "Bobbie"),
    ("2026-08-14: user is a primary school teacher", "job", "primary school teacher"),
    ("[2026-08-25] - user's sister is called Yasmin", "sister", "Yasmin"),
    ("Note (Sep 3): user rides a Honda CB500", "vehicle", "Honda CB500"),
])
def test_a_layer_shaped_statement_is_typed_like_a_sentence(text, slot, value):
    e = extract(text, None, ("Priya", "Marek", "Olu"))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", [
    "Helena changed her mind: she wants replies in Spanish, not English.",
    "Prefers the tone: warm", "Has two kids, Mia (7) and Leo (4).", "Voted 3 -> 4 in the poll",
])
def test_a_sentence_with_a_colon_or_arrow_is_left_as_written(text):
    assert unwrap(text, SUBJECTLESS_VERBS) == text


def test_someone_elses_triple_stays_someone_elses():
    assert extract("Priya's cousin -> lives_in -> Mumbai", None, ("Priya",)).kind != "fact"
    assert extract("Marek's brother -> occupation -> plumber", None, ("Marek",)).kind != "fact"


def test_core_memory_lines_supersede_an_older_value_and_keep_a_relative_apart():
    """Letta rewrites "Location:" when the user moves: the newer city is selected, the older one superseded, and
    a sister's job said once is no item."""
    texts = ["Location: Lisbon", "- lives in Lisbon, in Alfama", "- sister Ana works as a pharmacist",
             "Location: Porto, Portugal", "- moved to Porto last year and loves the riverside"]
    p = build_profiles(_recs("sam", texts), Settings())["sam"]
    assert [(i.slot, i.value) for i in p.items if i.kind == "fact"] == [("city", "Porto")]
    assert "Lisbon" in {str(i.value) for i in p.superseded}


def test_a_language_under_a_key_is_the_answer_language():
    """"Preferred reply language: English" and "Lingua preferita: italiano" state the language to answer in; a
    spoken language under its key does not."""
    assert extract("Preferred reply language: English").slot == extract("Prefers replies in English").slot
    assert extract("Lingua preferita: italiano").value == "Italian"
    assert unwrap("Native language: Polish") == "The user's native language is Polish"
    assert unwrap("Spelling: British") == "The user's spelling is British"
    texts = ["Preferred reply language: Arabic", "- likes to be answered in Arabic", "Preferred reply language: English",
             "- wants answers in English even when she writes in Arabic"]
    p = build_profiles(_recs("noor", texts), Settings())["noor"]
    assert [str(i.value) for i in p.items] == ["English"]


def test_a_relative_of_a_named_person_is_someone_else():
    """"Tom's sister lives in Leeds" names the user's partner Tom, but it is about the sister: it joins no item of
    the user's, while "boyfriend Tom cooks" is one more mention of the partner."""
    from memlora.distill.consolidate import people

    assert people("Tom's sister lives in Leeds") == {"sister"} and people("The user's sister is called Yasmin") == set()
    texts = ["Partner: Tom", "- Tom's sister lives in Leeds", "- boyfriend Tom cooks at a restaurant in town"]
    p = build_profiles(_recs("hana", texts), Settings())["hana"]
    assert [(i.slot, i.value, sorted(i.record_ids)) for i in p.items] == [("partner", "Tom", ["hana0", "hana2"])]


def test_a_key_naming_a_manner_of_answering_is_a_preference():
    """"Communication style: keep it brief" is the same preference as "likes concise answers", not an attribute
    called "communication style"; a date format under its key is typed as the date format."""
    assert extract("Communication style: keep it brief, no long explanations").slot == extract("- likes concise answers").slot
    assert extract("Date format: DD/MM/YYYY").slot == extract("Prefers dates as DD/MM/YYYY").slot == "date_format"
    assert extract("Format preference: numbered steps").kind != "fact"


def test_a_job_based_somewhere_is_still_the_job():
    """ChatGPT saves "Is a software engineer based in Denver.": the job is typed, the place does not hide it."""
    e = extract("Is a software engineer based in Denver.")
    assert (e.kind, e.slot, e.value) == ("fact", "job", "software engineer")


def test_qualifying_as_a_trade_is_the_new_job():
    """"I finally qualified as an accountant" states the user's job now: it retracts the older job said twice, and
    a sister's qualification says nothing of the user's."""
    assert (extract("I finally qualified as an accountant, so spreadsheets are my life now.").slot,
            extract("I finally qualified as an accountant, so spreadsheets are my life now.").value) == ("job", "accountant")
    texts = ["I work as a bank teller, mostly counting cash.", "Long day at the teller window, so many customers.",
             "I finally qualified as an accountant, so spreadsheets are my life now."]
    p = build_profiles(_recs("yuki", texts), Settings())["yuki"]
    assert [(i.slot, i.value) for i in p.superseded] == [("job", "bank teller")]
    assert extract("My sister qualified as a doctor").slot != "job"
