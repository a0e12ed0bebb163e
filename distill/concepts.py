"""Word-level equivalences the grouping guards need where a paraphrase shares no content word.

Two statements of one item sometimes name it with different words: a derivation ("drums" / "drummer" /
"drumming", "nurse" / "nursing"), or a property and what it means ("vegetarian" / "doesn't eat meat",
"lactose intolerant" / "can't digest milk", "allergic to shellfish" / "can't eat shrimp"). The embedding rates
these pairs 0.87-0.92, inside the band where different items of one tenant also fall, so a link there needs
a word in common; these maps supply it. Written by hand because no shipped lexicon covers both sides: the
derivations are a suffix stripper, the concepts a short multilingual list of the property families memory
is full of (diet, allergens, answer style), and one pair of poles (short/long answers) where refusing one pole
asks for the other. A word in no family is only itself, so the list can only add
links between statements the embedding already rates close; the polarity, name and value guards still apply.

Restrictions ("allergic", "intolerant", "vegetarian", "celiac", "hay fever", "sober") are avoidances stated without a
negation word, so the polarity guard lets them agree with both forms: "is allergic to shellfish", "can't eat
shrimp" and "shellfish gives her a severe reaction" are one allergy.
"""
from __future__ import annotations

import re
from functools import lru_cache

# concept -> word prefixes (lower case) that name it, in the languages memory comes in
_FAMILIES = {
    "meatless": ("meat", "vegetari", "végétari", "vlees", "fleisch", "carne", "viande", "mięs", "mies", "kött"),
    "dairy": ("dairy", "milk", "lactose", "lactos", "laktos", "melk", "milch", "lait", "leche", "latte", "leite",
              "mleko", "mleka", "mjölk", "zuivel"),
    "shellfish": ("shellfish", "shrimp", "crab", "prawn", "lobster", "mussel", "oyster", "crustace", "meeresfrücht",
                  "mariscos", "gamba", "garnal", "krab", "skaldj"),
    "peanut": ("peanut", "arachide", "cacahu", "erdnuss", "amendoim", "pinda", "jordnöt", "orzesz"),
    "nuts": ("walnut", "cashew", "almond", "hazelnut", "pecan", "pistachio", "macadamia", "tree nut", "nuts",
             "noisette", "nüsse", "nuez", "nueces", "noci", "nozes", "noten"),
    "bike": ("bike", "biking", "bicycl", "cycling", "cycles", "cyclist", "fiets", "vélo", "fahrrad", "bici", "rower"),
    "examples": ("example", "sample problem", "worked", "walk through", "walkthrough", "beispiel", "exemple",
                 "ejemplo", "esempio", "exemplo", "voorbeeld"),
    "gluten": ("gluten", "celiac", "coeliac", "celíac", "cœliaque", "coeliaque", "zöliak", "wheat", "glutine"),
    "vegan": ("vegan", "végétalien", "plant-based", "plantaardig", "wegańsk", "veganer"),
    "alcohol": ("alcohol", "alkohol", "alcool", "sober", "teetotal", "booze", "abstinen"),
    "humour": ("funny", "joke", "humor", "humour", "witty", "playful"),
    "lists": ("bullet", "bulleted", "lists", "listed", "itemized", "itemised", "numbered"),
    "sources": ("source", "citation", "cite", "cited", "citing", "reference", "footnote"),
    "jargon": ("jargon", "expert", "layman", "laymen", "technical term", "plain language", "plain english"),
}
_EXACT = {"list": "lists", "nut": "nuts"}
# A negated antonym states the same preference: "don't write essays" / "keep it short". Word prefixes per pole.
_POLES = {
    "short": ("short", "brief", "brevity", "concise", "succinct", "terse", "tl;dr", "tldr", "krótk", "zwięzł", "zwięźl",
              "kurz", "court", "corto", "breve", "beknopt", "kort", "lühi", "krátk", "kratk", "кратк", "trump"),
    "long": ("long", "lengthy", "essay", "verbose", "rambl", "wall of text", "walls of text", "długi", "długich",
             "ausschweif", "largo", "largas", "lunghe", "langdradig", "långa", "detailed", "thorough", "in-depth",
             "in depth", "comprehensive", "ausführlich", "détaillé", "detallad", "pikk", "dlh", "дуг", "дълг", "ilg"),
}
_ANTONYM = {"short": "long", "long": "short"}
_RESTRICTION = re.compile(r"\b(?:allerg\w*|alérgic\w*|intoleran\w*|unverträglich\w*|vegetari\w*|végétari\w*|vegan\w*|"
                          r"végétalien\w*|celiac|coeliac|celíac\w*|cœliaque|zöliakie|pescatarian|gluten-free|sans gluten|"
                          r"sin gluten|glutenfrei|hay ?fever|anaphyla\w*|sober|teetotal\w*|abstinen\w*)", re.I)
# Wanting the thing a restriction avoids contradicts it: "loves steak" is not "vegetarian", though neither has a negation.
_LIKING = re.compile(r"\b(?:loves?|likes?|enjoys?|adores?|craves?|favou?rite|can't get enough|is a fan of)\b", re.I)
_SUFFIXES = ("ings", "ing", "ers", "er", "ists", "ist", "es", "s", "ed")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """"drummer", "drums", "drumming" -> "drum"; "nursing", "nurses" -> "nurs"."""
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[:-len(suf)]
            break
    if len(w) >= 5 and w.endswith("e"):
        w = w[:-1]
    if len(w) >= 5 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def concept(word: str) -> str | None:
    w = word.lower()
    if w in _EXACT:
        return _EXACT[w]
    for name, prefixes in _FAMILIES.items():
        if any(w.startswith(p) for p in prefixes if " " not in p):
            return name
    return None


def phrase_concepts(text: str) -> set[str]:
    """Concepts named by a multi-word phrase ("technical terms", "plant based")."""
    low = text.lower()
    return {name for name, prefixes in _FAMILIES.items() for p in prefixes if " " in p and p in low}


def word_keys(word: str) -> set[str]:
    """What a word can match in another statement: itself, its stem (4+ letters), its concept."""
    keys = {word.lower()}
    if len(word) >= 6:  # inflection the suffixes miss: "architektką" / "architektka"
        keys.add("^" + word.lower()[:6])
    s = stem(word)
    if len(s) >= 4:
        keys.add("~" + s)
    c = concept(word)
    if c:
        keys.add("#" + c)
    return keys


def is_restriction(text: str) -> bool:
    return bool(_RESTRICTION.search(text))


_POLE_RE = {pole: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + ")") for pole, prefixes in _POLES.items()}
# a word limit asks for the short pole: "kept under 150 words", "max 200 words", "150 words is the ceiling"
_POLE_RE["short"] = re.compile(_POLE_RE["short"].pattern + r"|\b(?:under|below|max(?:imum)?|at most|no more than|fewer than|"
                               r"less than|up to|within) \d+ words?\b|\b\d+ words? (?:is the )?(?:max\w*|ceiling|limit|tops)\b")


@lru_cache(maxsize=65536)
def poles(text: str) -> frozenset:
    low = text.lower()
    return frozenset(pole for pole, pat in _POLE_RE.items() if pat.search(low))


def negated_antonym(a: str, pol_a: int, b: str, pol_b: int) -> bool:
    """One statement asks for a pole, the other refuses its opposite: "short answers please" / "impatient with
    long responses". Only for the poles above, where refusing one is asking for the other."""
    if pol_a == pol_b or 0 in (pol_a, pol_b):
        return False
    pos, neg = (a, b) if pol_a > 0 else (b, a)
    want, refuse = poles(pos), poles(neg)
    return len(want) == 1 and any(_ANTONYM[w] in refuse for w in want)


def restriction_agrees(restriction: str, other: str) -> bool:
    """A restriction agrees with a negation or a symptom ("shellfish makes her throat swell"), not with a liking."""
    return is_restriction(other) or not _LIKING.search(other)
