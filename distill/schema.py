"""The item schema: what kind of memory a statement is, and the value a teacher can enforce.

Patterns, not a model: the kinds that can be satisfied by construction (opening, closing, format, length,
avoid, language, address) are phrased in a handful of ways by memory layers, a regex gives the exact value
to force (the sign-off text, the word limit, the banned words), and a wrong guess falls back to `free`,
which is still taught, only by amplification instead of construction. Facts get a slot (`boat`, `city`,
`job`, ...) so that two facts about the same thing can conflict, and a probe question for evaluation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ITEM_KINDS = ("opening", "closing", "format", "length", "avoid", "language", "address", "fact", "free")
# Kinds with one value per tenant: a newer value supersedes an older one.
SINGLE_VALUED = ("opening", "closing", "format", "length", "language", "address")

DIET_WORDS = {
    "vegan": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey", "fish", "salmon", "tuna", "shrimp",
              "egg", "eggs", "cheese", "milk", "butter", "cream", "yogurt", "honey", "gelatin"],
    "vegetarian": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey", "fish", "salmon", "tuna", "shrimp", "gelatin"],
    "pescatarian": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey"],
}
LANGUAGES = ("English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Polish", "Japanese", "Chinese")
NEGATIONS = re.compile(r"\b(no|not|never|don't|doesn't|dont|hates?|dislikes?|avoid|without|stop|instead of)\b", re.I)
_Q = r"['\"\u201c\u2018]([^'\"\u201d\u2019]{1,80}?)['\"\u201d\u2019](?=\W|$)"
SLOT_SYNONYMS = {"sailboat": "boat", "yacht": "boat", "kitty": "cat", "puppy": "dog", "favorite": "favourite",
                 "hometown": "city", "town": "city"}


@dataclass
class Extract:
    kind: str
    slot: str
    value: object
    polarity: int = 1
    probe: dict | None = None
    key_terms: frozenset = field(default_factory=frozenset)


def _quoted(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(_Q, text)]


def _slot(noun: str) -> str:
    words = [SLOT_SYNONYMS.get(w, w) for w in noun.lower().replace("-", " ").split()]
    return " ".join(words)


_NAME = r"(?:[A-Z][\w'-]*|[Tt]he user|[Hh]e|[Ss]he|[Tt]hey|I)"
_FACT_PATTERNS = [(re.compile(p.replace("{name}", _NAME)), slot) for p, slot in [
    (r"^{name}'s (?P<noun>[\w -]+?) is (?:called |named )?(?P<val>[A-Z0-9][\w .'-]*)$", None),
    (r"^{name}(?:'s| has an?| has) (?P<noun>[\w -]+?) (?:is )?(?:called|named) (?P<val>[\w .'-]+)$", None),
    (r"^(?:{name} )?(?:[Hh]as|[Oo]wns|[Ss]ails|[Dd]rives|[Kk]eeps) an? (?P<noun>[\w -]+?) (?:called|named) (?P<val>[\w .'-]+)$", None),
    (r"^(?P<val>[A-Z][\w .'-]*?) is the name of {name}'s (?P<noun>[\w -]+)$", None),
    (r"^{name} (?:lives|is based|lives and works) in (?P<val>[A-Z][\w .,'-]*)$", "city"),
    (r"^{name} (?:works|is working)(?: [\w ]+?)? as an? (?P<val>[\w -]+?)(?: at [\w .'-]+)?$", "job"),
    (r"^{name} is an? (?P<val>nurse|teacher|doctor|engineer|lawyer|developer|designer|chef|pilot|student|accountant|programmer|writer)$", "job"),
    (r"^{name} is allergic to (?P<val>[\w ,-]+?)(?: and (?:must|should|has to|needs to) [\w ]+)?$", "allergy"),
    (r"^{name} writes most of (?:his|her|their) code in (?P<val>[A-Z][\w+#]*)(?:, (?:his|her|their) (?P<noun>favou?rite [\w ]+))?$", None),
]]


def _fact(text: str) -> Extract | None:
    t = text.rstrip(" .!")
    pats = _FACT_PATTERNS
    for pat, slot in pats:
        m = pat.match(t)
        if not m:
            continue
        val = m.group("val").strip().rstrip(",")
        if slot is None:
            noun = m.groupdict().get("noun") or "favourite programming language"
            slot = _slot(noun)
        if slot == "city":
            val = val.split(",")[0].strip()
        return Extract("fact", slot, val, probe=make_probe(slot, val))
    return None


def make_probe(slot: str, value: str) -> dict:
    questions = {
        "city": "Which city do I live in?",
        "job": "What do I do for work?",
        "allergy": "What am I allergic to?",
    }
    if slot in questions:
        q = questions[slot]
    elif slot.startswith("favourite"):
        q = f"What is my {slot}?"
    else:
        q = f"What is the name of my {slot}?"
    expect = [value]
    if " " in value and slot not in ("job",):
        expect.append(value.split()[-1]) if slot == "city" else None
    return {"question": q, "expect": expect}


def fact_statement(slot: str, value: str) -> str:
    """The fact as a second-person sentence the teacher is made to say: a 135M teacher asked "what is the name
    of my cat?" with the profile in its prompt names the cat about half the time and invents one otherwise, and
    an adapter trained on that learns the invention as readily as the fact."""
    v = str(value).strip().rstrip(".")
    if slot == "city":
        return f"You live in {v}."
    if slot == "job":
        return f"You work as {'an' if v[:1].lower() in 'aeiou' else 'a'} {v}."
    if slot == "allergy":
        return f"You are allergic to {v}."
    if slot.startswith("favourite"):
        return f"Your {slot} is {v}."
    return f"Your {slot} is named {v}."


def extract(text: str, category: str | None = None) -> Extract:
    """Kind, slot and enforceable value of one statement (`free` when no pattern fits)."""
    low = text.lower()
    quoted = _quoted(text)
    neg = bool(NEGATIONS.search(low))
    if quoted and re.search(r"\b(start|begin|open)\w*\b", low) and not re.search(r"\b(end|sign)\w*", low):
        return Extract("opening", "opening", quoted[0], key_terms=frozenset([quoted[0].lower()]))
    if quoted and re.search(r"\b(end|ends|ending|sign[- ]?off|sign(?:s|ed)? off|close|closing|finish)\b", low):
        q = quoted[0]
        m = re.search(r"instead of " + _Q, text)
        if m and len(quoted) > 1 and quoted[0] == m.group(1):
            q = quoted[1]
        return Extract("closing", "closing", q, key_terms=frozenset([q.lower()]))
    if quoted and re.search(r"\b(never|don't|do not|avoid|not)\b.*\b(use|say|call|mention|write)\b|\bavoid\b", low):
        bad = list(quoted)
        m = re.search(r"\b(?:say|use)\s+" + _Q + r"\s+instead", text)
        if m:
            bad = [q for q in quoted if q != m.group(1)]
        return Extract("avoid", "words:" + ",".join(sorted(b.lower() for b in bad)), sorted(set(bad)),
                       key_terms=frozenset(b.lower() for b in bad))
    for diet in ("vegan", "vegetarian", "pescatarian"):
        if re.search(rf"\b{diet}\b", low) and not re.search(r"\b(recipe|friend|asked)\b", low):
            return Extract("avoid", "diet", diet, key_terms=frozenset([diet]))
    if re.search(r"\b(no animal products|plant-based|plant based)\b", low) or (
        re.search(r"\b(doesn't|does not|don't|never) eat\b", low) and re.search(r"\b(meat|dairy|eggs?)\b", low)
        and re.search(r"\b(dairy|eggs?)\b", low)
    ):
        return Extract("avoid", "diet", "vegan", key_terms=frozenset(["vegan"]))
    m = re.search(r"\b(\d+)\s*words?\b", low)
    if m and re.search(r"\b(under|at most|no more than|max(imum)?|limit|within|fewer than|less than|short)\b", low):
        return Extract("length", "length", int(m.group(1)), key_terms=frozenset([m.group(1)]))
    if re.search(r"\bbullet", low) or re.search(r"\bnumbered list", low):
        fmt = "numbered" if "numbered" in low else "bullets"
        pol = -1 if re.search(r"\b(hates?|dislikes?|no|never|don't|doesn't|avoid|without)\b[^.]*\bbullet", low) else 1
        return Extract("format", "format", fmt if pol > 0 else "prose", polarity=pol,
                       key_terms=frozenset([fmt]))
    for lang in LANGUAGES:
        if re.search(rf"\b(answer|reply|replies|respond|speak|write|responses?|answers?)\b.*\bin {lang}\b", text, re.I):
            return Extract("language", "language", lang, key_terms=frozenset([lang.lower()]))
    m = re.search(r"\b(?:call|address)\w* (?:him|her|them|me|the user)(?: as)? " + _Q, text)
    if m:
        return Extract("address", "address", m.group(1), key_terms=frozenset([m.group(1).lower()]))
    f = _fact(text)
    if f is not None:
        f.key_terms = frozenset([str(f.value).lower()])
        return f
    return Extract("free", "", text, polarity=-1 if neg else 1)


def avoid_words(kind: str, slot: str, value) -> list[str]:
    """Words the teacher must never produce for an `avoid` item."""
    if kind != "avoid":
        return []
    if slot == "diet":
        return list(DIET_WORDS.get(str(value), []))
    return [str(v) for v in (value or [])]
