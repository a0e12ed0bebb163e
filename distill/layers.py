"""The wrappers other memory layers put around a statement, taken off before its perspective is normalised.

Mem0 stores a sentence; other layers store the same fact in their own shape: Letta/MemGPT core memory as bullets
and "Key: value" lines ("Occupation: nurse", "- likes concise answers"), LangMem/Zep as triples
("Priya -> works_at -> Infosys"), an assistant's notes behind a date or a "Note:" ("2026-08-30: user mentioned
moving to Leeds"). Read as written, these shapes match none of the kind patterns, so the fact became a `free`
item, and the arrows, dates and keys made two statements of one value look unlike each other. Each shape is a
closed syntax, so a few rules turn it into the sentence a user or Mem0 would have written ("Priya works at
Infosys", "The user's occupation is nurse"), and a statement in none of these shapes is returned unchanged.
"""
from __future__ import annotations

import re

from .foreign import NOUNS

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+")
_NOTE = re.compile(r"^\s*(?:\[?\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\]?|note|memo)"
                   r"\s*(?:\([^)]{0,30}\))?\s*[:\-\u2013\u2014]\s+(?=\S)", re.I)
_ARROW = r"\s*(?:->|\u2192|=>|-->)\s*"
_TRIPLE = re.compile(r"^(?P<s>[^>\u2192]{1,60}?)" + _ARROW + r"(?P<r>[\w' ]{1,40}?)" + _ARROW + r"(?P<o>.+?)[.!]?$")
_KEY_VALUE = re.compile(r"^(?P<k>[A-Za-z][A-Za-z' ]{1,30}?)\s*:\s+(?P<v>\S.*?)[.!]?$")
_PREFERENCE_KEYS = {"preference", "preferences", "likes", "wants"}
_MANNER = {"style", "format", "tone", "register", "units"}  # a key naming how to answer holds a preference
_PERSONS = {"i", "me", "my", "we", "our", "you", "your", "he", "his", "him", "she", "her", "they", "their", "them",
            "user", "user's"}
# "language" as keys write it in the languages memory comes in (language, lingua, lengua, langue, Sprache, taal)
_LANGUAGE_KEY = re.compile(r"\b(?:lang|ling|lengu|sprach|taal|idioma)", re.I)
_SPOKEN = re.compile(r"native|mother|first|speak|spoken|fluent|program|cod", re.I)
_PREPOSITIONS = {"in", "at", "to", "for", "from", "of", "with", "on", "by", "as"}
_ADJECTIVE_ENDS = ("ic", "ed", "ant", "ent", "ive", "ful", "ous", "able", "ible")
_HAS_NAMED = re.compile(r"^(?:an?|two|three|one)\s.*\b(?:named|called)\b", re.I)


def unwrap(text: str, verbs: frozenset | set = frozenset()) -> str:
    """`text` without a layer's bullet, date or note prefix, a triple or a "Key: value" line as a sentence;
    `verbs` open a sentence, never a key ("Prefers the tone: warm")."""
    t = _BULLET.sub("", text)
    t = _NOTE.sub("", t)
    if (m := _TRIPLE.match(t)) is not None:
        return _triple(m.group("s").strip(), m.group("r").strip(), m.group("o").strip())
    if (m := _KEY_VALUE.match(t)) is not None and _is_key(m.group("k"), m.group("v"), verbs):
        return _key_value(m.group("k").strip(), m.group("v").strip())
    return t


def _is_key(key: str, value: str, verbs: frozenset | set) -> bool:
    """A key names an attribute: a few words, no person in it and none opening the value ("Helena changed her
    mind: she wants ...", "Prefers the tone: warm" are sentences with a colon)."""
    words = key.lower().split()
    return len(words) <= 3 and words[0] not in verbs and not (_PERSONS & {*words, value.split()[0].lower()})


def _triple(subject: str, relation: str, obj: str) -> str:
    """A verb relation reads as a clause ("lives_in": "Priya lives in Pune"), an adjective one with "is"
    ("allergic_to"), a noun one as the subject's attribute ("occupation": "Marek's occupation is electrician"),
    a relative or pet named in another language by its English noun ("hond": "Sanne's dog is Bobbie")."""
    words = relation.replace("_", " ").split()
    if not words:
        return f"{subject} {obj}"
    first, last = words[0].lower(), words[-1].lower()
    if len(words) > 1 and last in _PREPOSITIONS and first.endswith(_ADJECTIVE_ENDS):
        return f"{subject} is {' '.join(words)} {obj}"
    if len(words) > 1 or (first.endswith("s") and not first.endswith("ss")):
        return f"{subject} {' '.join(words)} {obj}"
    return f"{subject}'s {NOUNS.get(first, first)} is {obj}"


def _key_value(key: str, value: str) -> str:
    """Which sentence a core-memory line stands for. "Preference: metric units" states a preference; so does a
    language under a language key ("Lingua preferita: italiano": a core memory keeps the language to answer in,
    unless the key names a spoken or programming language) and a key naming a manner of answering ("Date format:
    DD/MM/YYYY"). "Pet: a cat called Miso" is something the user has; any other key an attribute of the user,
    singular ("Hobbies: chess": the user's hobby)."""
    low = key.lower()
    if low in _PREFERENCE_KEYS:
        return f"Prefers {value}"
    if _LANGUAGE_KEY.search(low) and len(value.split()) <= 2 and not _SPOKEN.search(low):
        return f"Prefers answers in {value}"
    words = low.split()
    if words[-1] in _PREFERENCE_KEYS or words[-1] in _MANNER:
        manner = " ".join(words[:-1] if words[-1] in _PREFERENCE_KEYS else words)
        return f"Prefers {'' if manner.endswith('s') else 'a '}{manner} of {value}"
    if _HAS_NAMED.match(value):
        return f"The user has {value}"
    if low.endswith("ies") and len(low) > 5:
        low = low[:-3] + "y"
    elif low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        low = low[:-1]
    return f"The user's {NOUNS.get(low, low)} is {value}"
