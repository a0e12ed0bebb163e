"""Values in scripts without capitals (distill/caseless.py): no name guard can tell two cities apart there, so a
move made the old city and the new one one item, trained as current. These check what a user of such a script
would see: the new value selected, the old one superseded, another person's value never joining theirs."""
from __future__ import annotations

from datetime import datetime, timezone

from memlora.distill.caseless import Values, kin
from memlora.distill.profile import build_profiles
from memlora.distill.records import Record
from memlora.settings import Settings


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


def test_two_values_of_one_predicate_are_apart_and_two_statements_of_one_value_are_not():
    texts = ["אני גרה בתל אביב.", "הדירה שלי בתל אביב ישנה.", "עברתי לירושלים ואני גרה שם.",
             "בירושלים קר בחורף.", "אני אוהבת תשובות קצרות.", "אני מעדיפה תשובות קצרות בבקשה."]
    v = Values(texts)
    assert v.apart(0, 2) and v.apart(1, 3)  # Tel Aviv, Jerusalem (with the attached prepositions)
    assert not v.apart(2, 3) and not v.apart(0, 1)  # one city, two statements
    assert v.same_predicate(0, 2)  # "גרה": one predicate, two cities: the newer supersedes the older
    assert v.apart(0, 4) and not v.same_predicate(0, 4)  # "אני" opens both: a word of the language, no predicate
    assert not Values(["I live in Leeds.", "I live in York."]).apart(0, 1)  # capitals: the name guards' job


def test_a_move_in_hebrew_selects_the_new_city_and_supersedes_the_old():
    p = build_profiles(_recs("dana", [
        "אני גרה בתל אביב.", "הדירה שלי בתל אביב ישנה.", "אני מעדיפה תשובות קצרות.",
        "עברתי לירושלים ואני גרה שם.", "תשובות קצרות בבקשה, בלי הקדמות.", "בירושלים קר בחורף."]), Settings())["dana"]
    selected = [set(i.record_ids) for i in p.items]
    assert {"dana3", "dana5"} in selected
    assert not any({"dana0", "dana1"} & ids for ids in selected)
    assert any({"dana0", "dana1"} <= set(i.record_ids) for i in p.superseded)


def test_a_move_in_korean_with_particles_supersedes_the_old_city():
    p = build_profiles(_recs("jiwoo", [
        "대전에 살아요.", "대전에서 일하고 있어요.", "답변은 짧게 해 주세요.",
        "광주에 살아요.", "광주로 이사했어요.", "짧은 답변이 좋아요."]), Settings())["jiwoo"]
    selected = [set(i.record_ids) for i in p.items]
    assert any({"jiwoo3", "jiwoo4"} <= ids for ids in selected)
    assert not any({"jiwoo0", "jiwoo1"} & ids for ids in selected)
    assert any({"jiwoo0", "jiwoo1"} <= set(i.record_ids) for i in p.superseded)


def test_a_relative_named_in_a_caseless_script_is_someone_else():
    assert kin("أختي تعيش في دبي.") == {"sister"} and kin("我妹妹住在上海。") == {"sister"}
    assert kin("친구는 대구에 살아요.") == {"friend"} and kin("خواهرم در تهران زندگی می‌کند.") == {"sister"}
    assert kin("אני אחות בבית חולים.") == set()  # "nurse": the same letters as "sister", no relative
    assert kin("My sister lives in Leeds.") == set()  # cased text: consolidate.people() reads it
    p = build_profiles(_recs("rana", ["أعيش في الزرقاء.", "أختي تعيش في دبي.", "بيتي في الزرقاء قريب من السوق."]),
                       Settings())["rana"]
    assert all("rana1" not in i.record_ids for i in p.items)


def test_relatives_in_bengali_are_someone_else_and_short_stems_need_a_word_start():
    """"আমার ভাই" (my brother) is someone else; "বাবা" (father) is "বব" without its vowel signs, which "জবাব"
    (answer) also holds, so a short stem counts only as written at a word's start."""
    assert kin("আমার ভাই চট্টগ্রামে থাকে।") == {"brother"}
    assert kin("আমার বাবা খুলনায় থাকেন।") == {"father"}
    assert kin("বাংলা ভাষায় জবাব চায়।") == set()
    assert kin("मेरा भाई मुंबई में रहता है।") == {"brother"}
