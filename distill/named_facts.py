"""A fact no pattern reads, typed by what it means: "Tôi sống ở Đà Nẵng.", "Työskentelen Nokialla.",
"Home for her is Munich these days".

The patterns of schema.py read English and a few other languages; in any other language a statement of where
the user lives or works stays `free`, so it gets no second-person statement and no probe, and the gate cannot
check it. When such a group names a name (a capitalised word in any script), its slot is the one whose English
prototype sentences e5 places nearest, and the name is the value. e5 is multilingual, but a sentence and its
translation score lower than two English paraphrases (0.84-0.87 against 0.88-0.96), so text that is not English
gets a lower bar. Measured on the typed English statements of the dev splits: at 0.88 and a 0.02 margin over
the next slot, 124 of 127 guesses that reach the bar match the slot the patterns give (the misses: car/vehicle).
A statement about someone else ("my sister lives in Hanoi") is never typed, as the grouping guards would say.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from .canonical import looks_english

PROTOTYPES = {
    "city": ["The user lives in Porto.", "The user's home is in Porto.", "The user is based in Porto these days."],
    "hometown": ["The user grew up in Porto.", "The user is originally from Porto.", "The user comes from Porto."],
    "birthplace": ["The user was born in Porto."],
    "employer": ["The user works at Zentrix.", "The user's employer is Zentrix.", "The user has a job at Zentrix."],
    "dog": ["The user's dog is named Rex.", "The user has a dog called Rex."],
    "cat": ["The user's cat is named Rex.", "The user has a cat called Rex."],
    "partner": ["The user's wife is named Ana.", "The user is married to Ana.", "The user's husband is called Ana."],
    "daughter": ["The user's daughter is named Ana."],
    "son": ["The user's son is named Rex."],
    "car": ["The user drives a Toyota.", "The user's car is a Toyota."],
    "vehicle": ["The user rides a Honda motorbike.", "The user rides a Vespa scooter."],
    "mother": ["The user's mother is named Ana."],
    "father": ["The user's father is named Rex."],
    "team": ["The user supports Arsenal.", "The user is a fan of Arsenal."],
}
BAR_ENGLISH, BAR_OTHER, MARGIN = 0.88, 0.84, 0.02
_NOT_VALUES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december i i'm user the""".split())


@lru_cache(maxsize=4)
def _prototypes(prepare: Callable[[str], str]) -> tuple[list[str], np.ndarray]:
    """Prototype rows, written the way the grouping writes statements (`prepare`) before embedding them."""
    from .embed import encode

    slots = [s for s, texts in PROTOTYPES.items() for _ in texts]
    return slots, encode([prepare(t) for texts in PROTOTYPES.values() for t in texts])


def guess_slot(rows: np.ndarray, english: bool, prepare: Callable[[str], str]) -> str | None:
    """The slot whose prototypes one of the group's statements (`rows`, e5 vectors) is nearest, if clearly so."""
    slots, P = _prototypes(prepare)
    sims = (P @ rows.T).max(axis=1)  # the statement that says it most plainly
    best: dict[str, float] = {}
    for s, v in zip(slots, sims):
        best[s] = max(best.get(s, -1.0), float(v))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    (slot, top), (_, second) = ranked[0], ranked[1]
    return slot if top >= (BAR_ENGLISH if english else BAR_OTHER) and top - second >= MARGIN else None


def name_value(runs: list[list[list[str]]]) -> str | None:
    """The name the group's statements name (per statement, its runs of capitalised words): the shortest form
    every mention starts with ("Koneella", "Kone" -> "Kone"), else the longest ("Honda Wave", "Wave")."""
    flat = [" ".join(r) for rs in runs for r in rs if " ".join(r).lower() not in _NOT_VALUES]
    for cand in sorted(set(flat), key=len):
        if len(cand) >= 3 and all(f.lower().startswith(cand.lower()) for f in flat):
            return cand
    return max(flat, key=len) if flat else None


def english(texts: list[str]) -> bool:
    return all(looks_english(t) for t in texts)
