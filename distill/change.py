"""Statements of change: one sentence that names the old and the new value of one slot ("Left Deloitte and joined
KPMG", "Moved from Boston to Denver", "quit tesco, now at sainsburys", "Dejé Telefónica, ahora trabajo en BBVA").

Such a sentence is a mention of the NEW value only. Read whole, it shares the old value's name with the old value's
statements, so grouping counted it as one more mention of the value the user gave up (and the new value, left a
`free` one-off, lost both its support and its power to retract the old one). Cutting it down to its new-value clause
before the perspective is normalised and the kind patterns run makes it typed, grouped and dated like any other
statement of the new value; the old value's own, older statements are then retracted by the newer one of the same
slot (profile.py `_retracted` / `_resolve_conflicts`), as for any later statement of another value.

Only sentences whose subject is the user are cut: "My brother quit Tesco and joined Aldi" is left whole, since it
says nothing about the user's own employer.
"""
from __future__ import annotations

import re

_OTHERS = re.compile(
    r"\b(?:daughter|son|brother|bro|sister|sis|wife|husband|partner|mother|father|mom|mum|dad|friend|mate|boss|"
    r"manager|girlfriend|boyfriend|cousin|niece|nephew|flatmate|roommate|neighbou?r|colleague|coworker|sibling|"
    r"uncle|aunt|grand\w+|frère|sœur|soeur|ami|amie|hermano|hermana|amigo|amiga|irmão|irmã|bruder|schwester|"
    r"freund|freundin)\b", re.I)
# "moved from A to B", "switched from Java to Kotlin", "passée de Lyon à Nantes", "von München nach Hamburg".
_FROM_TO = re.compile(
    r"\b(moved|relocated|switched|changed|transferred|migrated|swapped|gone|went|upgraded|lumipat(?:\s+na)?(?:\s+ako)?)"
    r"\s+from\s+[^,;.]+?\s+(to)\b|"
    r"\b(pass[ée]e?s?|déménagée?s?|mud[ée]|mudei|mudou|pas[ée])\s+de\s+[^,;.]+?\s+(à|a|para)\b|"
    r"\b()von\s+[^,;.]+?\s+(nach)\b", re.I)
_TO_FROM = re.compile(r"\b((?:moved|relocated|transferred)\s+to\s+[^,;.]+?)\s+from\s+[^,;.]+?(?=[.!]?$)", re.I)
_JOB_OLD = r"quit|left|resigned\s+from|no\s+longer\s+works?\s+(?:at|for)|dejé|deixei|saí\s+d[aoe]s?|(?:j'ai\s+)?quitté"
_OLD = re.compile(
    r"^(?P<subj>(?:(?:the\s+)?user|i|i've|i\s+have|[A-Z][a-z]+)\s+)?"
    r"(?:(?P<job>" + _JOB_OLD + r")|(?P<role>was\s+an?|used\s+to\s+be\s+an?)|"
    r"(?P<other>sold|gave\s+up|ditched|dropped|changed\s+(?:her|his|my|their)\s+mind|"
    r"(?:[A-Z][a-z]+'s|her|his|my|their)\s+\w+\s+\w+\s+(?:died|passed\s+away|ran\s+away)))"
    r"\b[^,;:]*?(?:\s*[,;:]\s*|\s+(?:and|n)\s+|\s+(?=to\s+join\b|for\s+[A-Z]))(?P<rest>.+)$", re.I)
_LEAD = re.compile(r"^(?:(?:and|then|so|but|now|ahora|maintenant|agora|jetzt)\b[,\s]*)+", re.I)
_PRONOUN = re.compile(r"^(?:she|he|they)\s+(?=\w)", re.I)
_AT = re.compile(r"^(?:(?:i'm|i\s+am|i\s+work|is|am|working|works?|to\s+join|joined|join)\s+)?(?:at|for|with)?\s*(?P<org>.+?)"
                 r"(?:\s+now)?(?P<end>[.!]?)$", re.I)
_JOINED = re.compile(r"^(?:to\s+join|joined|join|(?:i'm|i\s+am|is|i\s+work|works?|working)\s+(?:at|for)|at|(?-i:for(?=\s+[A-Z])))"
                     r"\s+(?!(?:a|an)\s)", re.I)
_ROLE = re.compile(r"^(?:(?:i'm|i\s+am|is|am)\s+)?(?P<role>an?\s+.+)$", re.I)


def _subject_verb(subj: str | None, verb_i: str, verb_3: str) -> str:
    s = (subj or "").strip()
    if s.lower() in ("i", "i've", "i have"):
        return f"I {verb_i}"
    return f"{s} {verb_3}".strip() if s else verb_3.capitalize()


def _new_clause(m: re.Match) -> str:
    rest = _PRONOUN.sub("", _LEAD.sub("", m.group("rest").strip()))
    if m.group("job") and re.match(r"(?:trabajo|trabalho|je\s+travaille|ich\s+arbeite)\b", rest, re.I):
        return rest[:1].upper() + rest[1:]
    if m.group("job") and _JOINED.match(rest):
        at = _AT.match(rest)
        if at and not re.match(r"^(?:trabajo|trabalho|je|ich)\b", rest, re.I):
            return f"{_subject_verb(m.group('subj'), 'work at', 'works at')} {at.group('org')}{at.group('end')}"
    if m.group("role") and (role := _ROLE.match(rest)):
        return f"{_subject_verb(m.group('subj'), 'am', 'is')} {role.group('role')}"
    if not m.group("other"):
        return m.string
    subj = (m.group("subj") or "").strip()
    if subj and not re.match(r"^(?:i|the user|user)\b", rest, re.I) and not m.group("other").lower().startswith(
            tuple(w for w in ("her ", "his ", "my ", "their "))):
        return f"{subj} {rest}"
    return rest[:1].upper() + rest[1:]


def new_value_clause(text: str) -> str:
    """`text` cut down to the clause that names the new value when it states a change of the user's own value;
    otherwise `text` unchanged."""
    if _OTHERS.search(text):
        return text
    t = _FROM_TO.sub(lambda m: " ".join(g for g in m.groups() if g), text, count=1)
    t = _TO_FROM.sub(r"\1", t, count=1)
    m = _OLD.match(t)
    return _new_clause(m) if m else t


def given_up(text: str) -> frozenset[str]:
    """The words a change statement drops with its old-value clause ("sold the fiesta n got a honda civic": sold,
    the, fiesta, n); empty for any other sentence. They are evidence against the old value (profile.py)."""
    new = new_value_clause(text)
    if new == text:
        return frozenset()
    return frozenset(re.findall(r"\w+", text.lower())) - frozenset(re.findall(r"\w+", new.lower()))
