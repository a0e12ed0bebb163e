"""Statements that state several things about the user at once ("Is a software engineer based in Denver",
"Lives in Leeds and works at Arup", "I'm vegan, allergic to cashews").

Memory layers write such sentences often (Mem0 joins what one message said; users list facts in passing). Grouping
puts each record in one group, so the sentence used to support only the item its first pattern typed, and the other
fact lost a mention (often its only second session). Cutting it into its clauses before grouping makes each clause
a mention of its own item, with the record's id, session and date, so lineage and the labels still name the one
record. A sentence is cut only when every clause types alone, to distinct slots, and the sentence is about the user:
"Works at Procter and Gamble" (an untyped "Gamble") and "My brother lives in Leeds and works at Arup" stay whole.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .canonical import canonical
from .schema import extract

# Kinds taught by a constructed statement ("You live in Denver."), so a clause's own wording never reaches the
# teacher; a preference is taught in its own words, and "short" cut from "in French, short and formal" says too little.
_STATED = frozenset({"fact", "avoid"})
_CUT = re.compile(r"\s*;\s*|,\s+(?:and\s+)?|\s+and\s+(?:also\s+)?|\s+(?=based (?:in|out of)\b)", re.I)


# "Has two kids, Mia and Leo", "I have 2 cats: Miso and Tofu": one named pet or relative per name.
_NAMED_LIST = re.compile(r"^(?P<pre>.*?\b)(?:two|three|four|[2-4])\s+(?P<noun>[a-z]+?)(?:ren|s)\s*[,:(-]?\s*(?:named\s+|called\s+)?"
                         r"(?P<names>[A-Z][\w'-]+(?:,\s*[A-Z][\w'-]+)*,?\s+(?:and|&)\s+[A-Z][\w'-]+)\)?[.!]?$")


def _named_list(text: str, names: tuple[str, ...], about_others: Callable[[str], bool]) -> list[str] | None:
    m = _NAMED_LIST.match(text.strip())
    if m is None or about_others(canonical(text, names)):
        return None
    parts = [f"{m['pre']}a {m['noun']} named {n}" for n in re.split(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", m["names"])]
    kinds = {(e.kind, e.slot) for e in (extract(p, None, names) for p in parts)}
    return parts if len(kinds) == 1 and next(iter(kinds))[0] == "fact" else None


# "Is a nurse at Johns Hopkins", "Works as a data analyst at Spotify": the job, and where it is done.
_JOB_AT = re.compile(r"^(?P<job>.+?)\s+at\s+(?P<org>(?:the\s+)?[A-Z][\w&'.-]*(?:\s+(?:of\s+)?[A-Z][\w&'.-]*)*)[.!]?$")


# "Works at Mercado Libre as a backend developer": where, and as what.
_AT_AS = re.compile(r"^(?P<pre>.*?\b(?:works?|working))\s+(?P<at>(?:at|for)\s+.+?)\s+as\s+(?P<job>an?\s+.+?)[.!]?$", re.I)


def _at_as(text: str, names: tuple[str, ...]) -> list[str] | None:
    m = _AT_AS.match(text.strip())
    if m is None:
        return None
    parts = [f"{m['pre']} {m['at']}", f"{m['pre']} as {m['job']}"]
    slots = [extract(p, None, names).slot for p in parts]
    return parts if slots == ["employer", "job"] else None


# "Studies law at Leiden University", "Law student at Leiden": what the user studies, and where.
_ORG = r"(?P<org>(?:the\s+)?[A-Z][\w&'.-]*(?:\s+(?:of\s+)?[A-Z][\w&'.-]*)*)"
_STUDY_AT = (re.compile(r"^(?P<pre>.*?\b(?:studies|study|studied|is studying|am studying|studying|majors in|majored in|majoring in))\s+"
                        r"(?P<field>[\w -]+?)\s+at\s+" + _ORG + r"[.!]?$", re.I),
             re.compile(r"^(?P<pre>.*?)(?P<field>\b[\w -]+?)\s+student\s+at\s+" + _ORG + r"[.!]?$", re.I))


def _study_at(text: str, names: tuple[str, ...]) -> list[str] | None:
    for i, pat in enumerate(_STUDY_AT):
        m = pat.match(text.strip())
        if m is None:
            continue
        parts = ([f"{m['pre']} {m['field']}", f"{m['pre']} at {m['org']}"] if i == 0 else
                 [f"{m['pre']}{m['field']} student", f"{m['pre']}student at {m['org']}"])
        if [extract(canonical(p, names), None, names).slot for p in parts] == ["degree", "school"]:
            return parts
    return None


def _job_at(text: str, names: tuple[str, ...], about_others: Callable[[str], bool]) -> list[str] | None:
    if about_others(canonical(text, names)):
        return None
    if at_as := _at_as(text, names) or _study_at(text, names):
        return at_as
    m = _JOB_AT.match(text.strip())
    if m is None or about_others(canonical(text, names)) or extract(text, None, names).slot != "job":
        return None
    parts = [m["job"], f"Works at {m['org']}"]
    return parts if extract(parts[0], None, names).slot == "job" and extract(parts[1], None, names).slot == "employer" else None


def split_compound(text: str, names: tuple[str, ...], about_others: Callable[[str], bool]) -> list[str]:
    """The clauses of `text` that each state one typed item of the user, or `[text]` when it is one statement."""
    listed = _named_list(text, names, about_others) or _job_at(text, names, about_others)
    if listed:
        return listed
    parts = [p.strip(" .!") for p in _CUT.split(text.strip())]
    if not 2 <= len(parts) <= 4 or not all(parts):
        return [text]
    whole = canonical(text, names)
    if not whole.startswith("The user ") or about_others(whole):
        return [text]
    slots = []
    for p in parts:
        e = extract(p, None, names)
        if e.kind not in _STATED or about_others(canonical(p, names)):
            return [text]
        slots.append(e.slot)
    return parts if len(set(slots)) == len(slots) else [text]
