"""Group one tenant's statements of the same preference or fact into memory items.

Every statement is first put in its canonical form ("The user ...", canonical.py), so perspective
(subject-less Mem0 memories, first person, a named third person) never separates two statements.
Method, and why: two signals, both linear in the number of records.
1. Schema keys. Most statements worth training on are preferences and facts with an enforceable value
   (`schema.extract`): same kind, slot and value means the same item whatever the wording, so
   "Vera is vegan" and "No animal products for Vera, please" group although they share no word.
2. Similarity for the rest. Backend `embedding` (the default, `distill.grouping`): multilingual-e5-small
   sentence embeddings (embed.py, cached per tenant), cosine >= `embedding_threshold`; a statement may join
   a structured group too ("Wants measurements in metric units" with a typed item), but a component never
   holds two different structured keys, so a bridge cannot merge two values. Backend `tfidf` (the baseline
   and the fallback when the model package is missing), free statements only: TF-IDF over character 3-5-grams (robust to inflection and
   typos) concatenated with word uni/bigrams (stop words removed), cosine >= `similarity_threshold`,
   joined transitively (union-find). The tenant's own name is masked first, else every pair of one
   tenant's statements looks alike.
A similarity alone groups opposites ("likes bullet points" / "hates bullet points": cosine ~0.8), so a link
also needs the same polarity (negation words) and no contrasting key term (vegan/vegetarian, different
numbers or quoted phrases); these guards are what the labelled hard negatives in
tests/data/grouping_pairs.jsonl check. Embeddings need them even more: e5 rates "is vegan"/"is vegetarian"
0.95 and "likes"/"hates bullet points" 0.92, so the guards also compare proper names (a hamster named
Biscuit is not one named Pepper) and more contrast families (units, temperature scales, languages).
"""
from __future__ import annotations

import difflib
import logging
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .canonical import canonical, looks_english, subject_name
from .caseless import Values, kin
from .compound import split_compound
from .concepts import concept, is_restriction, negated_antonym, phrase_concepts, poles, restriction_agrees, word_keys
from .embed import PACKAGE as EMBED_PACKAGE
from .embed import available as embed_available
from .embed import embed_by_tenant
from .foreign import NOUNS as FOREIGN_NOUNS
from .languages import CANONICAL as LANGUAGE_NAMES
from .languages import NAMES as LANGUAGE_ALIASES
from .languages import WORDS as LANGUAGE_WORDS
from .pursuits import about_work
from .org_facts import ORG_SLOT_PHRASES
from .records import Record
from .named_facts import english, guess_slot, name_value
from .preferences import one_time
from .schema import Extract, extract, kin_or_pet, typed_fact

log = logging.getLogger(__name__)
SHARED_THRESHOLD = 0.84  # the lower embedding tier (settings.distill.embedding_threshold_shared); see share_content

# Other people: a statement about the user's friend's parakeet is not about the user's parakeet, so two
# statements link only if they name the same set of them (foreign words are mapped by _ALIASES).
KIN = {"daughter", "son", "niece", "nephew", "colleague", "coworker", "friend", "brother", "sister", "wife", "husband",
       "mother", "father", "mom", "mum", "dad", "neighbour", "neighbor", "boss", "cousin", "aunt", "uncle", "grandson",
       "granddaughter", "grandmother", "grandfather", "roommate", "flatmate", "girlfriend", "boyfriend", "partner",
       "sibling", "bro", "sis", "mama", "mommy", "mummy", "daddy", "papa", "grandma", "granny", "nana", "grandpa",
       "granddad", "grandad", "hubby", "wifey", "bf", "gf", "stepdad", "stepmom", "stepmum", "teammate", "classmate",
       "housemate", "bandmate", "workmate", "roomie", "bestie", "student", "pupil", "client", "patient", "customer",
       "employee", "intern", "mentor", "landlord", "tenant", "mate"}
_ALIASES = {
    "sohn": "son", "tochter": "daughter", "kollege": "colleague", "kollegin": "colleague", "fille": "daughter",
    "fils": "son", "hijo": "son", "hija": "daughter", "collègue": "colleague", "sœur": "sister", "soeur": "sister",
    "frère": "brother", "hermano": "brother", "hermana": "sister", "bruder": "brother", "schwester": "sister",
    "ami": "friend", "amie": "friend", "amigo": "friend", "amiga": "friend", "freund": "friend", "freundin": "friend",
    "voisin": "neighbour", "voisine": "neighbour", "vecino": "neighbour", "vecina": "neighbour", "nachbar": "neighbour",
    "nachbarin": "neighbour", "mère": "mother", "père": "father", "madre": "mother", "padre": "father",
    "mutter": "mother", "vater": "father", "friend's": "friend",
    "bro": "brother", "sis": "sister", "mom": "mother", "mum": "mother", "mama": "mother", "mommy": "mother",
    "mummy": "mother", "dad": "father", "daddy": "father", "papa": "father", "grandma": "grandmother",
    "granny": "grandmother", "nana": "grandmother", "grandpa": "grandfather", "granddad": "grandfather",
    "grandad": "grandfather", "roomate": "roommate", "roomie": "roommate",
    "hubby": "husband", "wifey": "wife", "bf": "boyfriend", "gf": "girlfriend",
    "fratello": "brother", "sorella": "sister", "figlia": "daughter", "figlio": "son", "amico": "friend",
    "amica": "friend", "vicino": "neighbour", "vicina": "neighbour", "cugino": "cousin", "cugina": "cousin",
    "collega": "colleague", "irmão": "brother", "irmã": "sister", "filho": "son", "filha": "daughter",
    "vizinho": "neighbour", "vizinha": "neighbour", "colega": "colleague", "cousine": "cousin", "primo": "cousin",
    "vegano": "vegan", "vegana": "vegan", "végétalien": "vegan", "végane": "vegan", "vegane": "vegan", "veganer": "vegan",
    "vegetariano": "vegetarian", "vegetariana": "vegetarian", "végétarien": "vegetarian", "végétarienne": "vegetarian",
    "vegetarisch": "vegetarian", "vegetarier": "vegetarian", "veggie": "vegetarian",
    "gesiezt": "formal", "siezen": "formal", "vouvoie": "formal", "vouvoyer": "formal", "vouvoiement": "formal",
    "usted": "formal", "geduzt": "casual", "duzen": "casual", "tutoie": "casual", "tutoyer": "casual",
    "tutoiement": "casual", "tutear": "casual", "informal": "casual",
    "buurman": "neighbour", "buurvrouw": "neighbour", "broer": "brother", "zus": "sister", "vriend": "friend",
    "vriendin": "friend", "zoon": "son", "dochter": "daughter", "moeder": "mother", "vader": "father",
    "bror": "brother", "syster": "sister", "vän": "friend", "väns": "friend", "granne": "neighbour", "grannes": "neighbour",
    "dotter": "daughter", "brat": "brother", "siostra": "sister", "przyjaciel": "friend", "przyjaciółka": "friend",
    "sąsiad": "neighbour", "sąsiadka": "neighbour", "córka": "daughter", "syn": "son",
    "kardeşim": "sibling", "kardeşi": "sibling", "kardeş": "sibling", "arkadaşım": "friend", "arkadaşımın": "friend",
    "komşum": "neighbour", "komşumun": "neighbour", "annem": "mother", "babam": "father", "tetangga": "neighbour",
    "teman": "friend", "kakak": "sibling", "adik": "sibling", "ibu": "mother", "ayah": "father", "tomodachi": "friend",
    "ani": "brother", "ane": "sister", "otouto": "brother", "imouto": "sister", "haha": "mother", "chichi": "father",
    "bratr": "brother", "sestra": "sister", "kamarád": "friend", "kamarádka": "friend", "soused": "neighbour",
    "sousedka": "neighbour", "máma": "mother", "táta": "father",
    "søster": "sister", "søsters": "sister", "datter": "daughter", "søn": "son", "nabo": "neighbour",
    "naboens": "neighbour", "kollega": "colleague", "kæreste": "partner", "kaka": "brother", "dada": "sister",
    "rafiki": "friend", "jirani": "neighbour", "kapatid": "sibling", "kaibigan": "friend", "kapitbahay": "neighbour",
    "asawa": "partner",
    "сестра": "sister", "сестры": "sister", "сестри": "sister", "брат": "brother", "брата": "brother",
    "друг": "friend", "подруга": "friend", "мама": "mother", "мать": "mother", "отец": "father", "папа": "father",
    "дочь": "daughter", "дочка": "daughter", "донька": "daughter", "жена": "partner", "муж": "partner",
    "чоловік": "partner", "дружина": "partner", "сосед": "neighbour", "соседка": "neighbour", "сусід": "neighbour",
    "сусідка": "neighbour", "коллега": "colleague", "колега": "colleague", "приятел": "friend",
    "приятелка": "friend", "съпруга": "partner", "съпругата": "partner", "съпругът": "partner", "майка": "mother",
    "баща": "father", "дъщеря": "daughter", "съсед": "neighbour", "съседка": "neighbour",
    "fratele": "brother", "frate": "brother", "sora": "sister", "prietenul": "friend", "prietena": "friend",
    "tata": "father", "soția": "partner", "soțul": "partner", "sotia": "partner", "sotul": "partner",
    "vecinul": "neighbour", "colegul": "colleague", "fiica": "daughter", "fiul": "son",
    "abang": "brother", "suami": "partner", "isteri": "partner", "kawan": "friend", "rakan": "friend", "jiran": "neighbour",
    "broren": "brother", "søsteren": "sister", "datteren": "daughter", "sønnen": "son", "naboen": "neighbour",
    "kollegaen": "colleague", "venn": "friend", "vennen": "friend", "venninne": "friend", "venninnen": "friend",
    "mor": "mother", "moren": "mother", "faren": "father", "kona": "partner", "kjæreste": "partner",
    "sesuo": "sister", "sesers": "sister", "brolis": "brother", "brolio": "brother", "draugas": "friend",
    "draugė": "friend", "draugo": "friend", "kaimynas": "neighbour", "kaimynė": "neighbour", "tėtis": "father",
    "tėvas": "father", "motina": "mother", "dukra": "daughter", "sūnus": "son", "vyras": "partner", "žmona": "partner",
    "vend": "brother", "venna": "brother", "õde": "sister", "õe": "sister", "sõber": "friend", "sõbra": "friend",
    "naaber": "neighbour", "naabri": "neighbour", "tütar": "daughter", "poeg": "son", "kolleeg": "colleague",
    "abikaasa": "partner", "kamarát": "friend", "kamarátka": "friend", "sused": "neighbour", "suseda": "neighbour",
    "dcéra": "daughter", "otec": "father", "manžel": "partner", "manželka": "partner", "пријатељ": "friend",
    "пријатељица": "friend", "комшија": "neighbour", "комшиница": "neighbour", "ћерка": "daughter", "мајка": "mother",
    "отац": "father", "prijatelj": "friend", "prijateljica": "friend", "komšija": "neighbour", "suster": "sister",
    "seun": "son", "dogter": "daughter", "buurvrou": "neighbour",
    # Welsh (mutated forms too), Albanian, Icelandic, Latvian, Basque, Galician, Slovenian and Croatian, Macedonian,
    # Azerbaijani, Kazakh
    "chwaer": "sister", "brawd": "brother", "mrawd": "brother", "frawd": "brother", "ffrind": "friend",
    "nhad": "father", "cymydog": "neighbour", "gŵr": "partner", "gwraig": "partner", "kushëriri": "cousin",
    "kushërira": "cousin", "vëllai": "brother", "motra": "sister", "shoku": "friend", "shoqja": "friend",
    "nëna": "mother", "babai": "father", "fqinji": "neighbour", "bróðir": "brother", "systir": "sister",
    "vinur": "friend", "vinkona": "friend", "pabbi": "father", "nágranni": "neighbour", "māsa": "sister",
    "brālis": "brother", "draugs": "friend", "draudzene": "friend", "kaimiņš": "neighbour", "tētis": "father",
    "anaia": "brother", "ahizpa": "sister", "arreba": "sister", "laguna": "friend", "aita": "father", "irmá": "sister",
    "irmán": "brother", "curmán": "cousin", "curmá": "cousin", "veciña": "neighbour", "bratranec": "cousin",
    "sestrična": "cousin", "sodelavec": "colleague", "sodelavka": "colleague", "rođak": "cousin", "rođakinja": "cousin",
    "другар": "friend", "другарка": "friend", "пријател": "friend", "пријателка": "friend", "татко": "father",
    "сопруг": "partner", "сопруга": "partner", "qardaşım": "brother", "bacım": "sister", "dostum": "friend",
    "anam": "mother", "atam": "father", "qonşum": "neighbour", "інім": "brother", "ағам": "brother", "әпкем": "sister",
    "қарындасым": "sister", "сіңлім": "sister", "досым": "friend", "анам": "mother", "әкем": "father", "көршім": "neighbour",
}
_ALIASES.update({w: name.lower() for w, name in LANGUAGE_ALIASES.items() if w not in _ALIASES})
_PARTNER = {"wife": "partner", "husband": "partner", "girlfriend": "partner", "boyfriend": "partner"}
# Tense and mode: "used to work at X" or "would love to learn X" is not "works at X" / "plays X".
# "years ago" dates a former state ("lived in Rome years ago"), but a change it dates still holds ("moved to Rome two
# years ago": lives there now).
_MODE = re.compile(r"^(?!.*\b(?:moved|relocated|started|joined|adopted|married|bought|got|began|became|took up|switched)\b)"
                   r".*\byears ago\b|"
                   r"\b(?:used to|formerly|former|previously|no longer(?! than)|any ?more|hace años|früher|autrefois|"
                   r"vivía|trabajaba|tenía|vivait|travaillait|wohnte|arbeitete|would love to|'d love to|someday|"
                   r"some day|one day|hopes? to|dreams? of|wish(?:es)? (?:to|they|i)|plans? to|thinking (?:about|of)|considering)\b", re.I)
# A one-time event is not a lasting fact: "visited Tampere last summer" is not "lives in Tampere", although
# e5 rates them close and both name the city.
_EVENT = re.compile(r"\b(?:yesterday|last (?:night|week|weekend|month|year|summer|spring|winter|autumn|fall|time)|"
                    r"this morning|tonight|visited|went to|for a (?:conference|trip|visit)|on (?:a|his|her|their) trip|"
                    r"ayer|hier soir|gestern|ieri|ontem|la semaine dernière|el año pasado|l'été dernier)\b", re.I)
# A reported question ("asked how long to rest a brisket", "wanted to know what time the shops close") is a request
# for information, said once; it shares a word with a lasting statement ("long explanations are a waste of time")
# without being that statement, so the two never link. A request to do something ("asked to use bullets", "asked
# for a summary first") is no question.
_QUESTION = re.compile(r"\b(?:ask(?:ed|s|ing)?|wonder(?:ed|s|ing)?|want(?:ed|s) to know|inquir(?:ed|es)|enquir(?:ed|es))"
                       r" (?:how|what|where|when|why|whether|if|which|who|about)\b", re.I)
CONTRAST_FAMILIES = [
    {"metric", "imperial"},
    {"celsius", "fahrenheit"},
    {name.lower() for name in LANGUAGE_NAMES},
    {"dark", "light"},
    {"tabs", "spaces"},
    {"python", "javascript", "typescript", "java", "rust", "go", "ruby", "kotlin", "swift", "bash", "powershell",
     "php", "perl", "scala", "haskell", "sql", "dart", "lua", "elixir", "julia", "zig", "fortran", "cobol"},
    {"windows", "mac", "macos", "linux"},
    {"summer", "winter", "spring", "autumn", "fall"},
    {"sweet", "savory", "savoury", "spicy", "mild"},
    {"first", "last", "end", "top", "bottom"},
    {"vegan", "vegetarian", "pescatarian", "keto", "paleo", "halal", "kosher", "omnivore"},
    {"morning", "evening", "night", "afternoon"},
    {"formal", "casual", "informal"},
    {"short", "long", "brief", "detailed"},
    {"cats", "cat", "dogs", "dog"},
    {"tea", "coffee"},
    {"email", "phone", "text", "slack"},
]
_NUM = re.compile(r"\b\d+(?:\.\d+)?(?=st\b|nd\b|rd\b|th\b|\b)")  # "the 3rd of July" names 3
_QUOTE = re.compile(r"(?<!\w)['\"\u201c]([^'\"\u201d]{1,80})['\"\u201d](?!\w)")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NEG = re.compile(r"\b(no|not|never|don't|doesn't|dont|hates?|dislikes?|avoids?|without|can't|cannot|won't|stop|stopped|"
                  r"nor|instead of|can't stand|annoy\w*|irritat\w*|complain\w*|impatient|skip|skips|ne|pas|nicht|kein\w*|ohne|nunca|jamais|sans|sin|nada|senza|sem|"
                  r"geen|niet|nooit|inte|aldrig|ingen|nie|bez|ei|ikke|nei)\b|n't\b", re.I)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b([^\W\d_][\w'-]+)")  # capitalised words; isupper() below reads any script
_NOT_PROPER = {"The", "I", "User", "Please", "OK", "AM", "PM"}
_PRONOUNS = re.compile(r"\b(he|she|they|his|her|their|him|them|user|the user)\b", re.I)


@dataclass
class Group:
    records: list[Record]
    extract: Extract
    key: tuple = field(default_factory=tuple)
    stated: list[Record] = field(default_factory=list)  # the records that typed this key themselves

    def last_stated(self) -> float:
        """When the value was last stated: a mention in passing joined by similarity ("visited Chicago for a
        conference") does not make an old address current again, nor does someone else's value ("my dad reads
        only 12-hour times") or a request for one answer ("this one in German") make an old preference current."""
        own = [r for r in (self.stated or self.records) if not (about_someone_else(r.text) or one_time(r.text))]
        dated = [r.created_at.timestamp() for r in (own or self.stated or self.records) if r.created_at]
        return max(dated) if dated else 0.0


@lru_cache(maxsize=65536)
def _display_names(tenant: str) -> tuple[str, ...]:
    base = re.split(r"[@/\s]", tenant.strip())[0]
    parts = [p for p in re.split(r"[._\-+]", base) if len(p) > 1]
    return tuple(sorted({p.lower() for p in parts + [base] if p}))


def display_names(tenant: str) -> list[str]:
    """Names a memory layer uses for this tenant: `bob@example.com` -> ["bob", "bob@example.com"... base part]."""
    return list(_display_names(tenant))


@lru_cache(maxsize=65536)  # one per tenant: a smaller cache thrashes on a 10k-tenant export
def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:'s)?\b", re.I)


def mask(text: str, names: list[str]) -> str:
    t = _name_pattern(tuple(names)).sub(" ", text) if names else text
    return _PRONOUNS.sub(" ", re.sub(r"\bthe user's\b", " ", t, flags=re.I))


def polarity(text: str) -> int:
    """-1 with a negation word; 0 for a restriction ("is allergic to", "vegetarian"), which agrees with both:
    "can't eat shrimp" and "shellfish makes my throat swell" both state an allergy to shellfish."""
    if is_restriction(text):
        return 0
    return -1 if _NEG.search(_NOT_NEGATIONS.sub(" ", main_clause(text))) else 1


_NOT_NEGATIONS = re.compile(r"\b(?:no (?:longer|more|later) than|not more than|no fewer than)\b", re.I)
_CONTRAST_TAIL = re.compile(r"(?:,|;| -| but)\s+(?:but\s+)?(?:not|never|rather than|instead of)\b[^.;!?]*[.!?]?\s*$", re.I)


def _refuses(a: str, b: str) -> bool:
    """`a`'s trailing contrast names what `b` asks for: "window seats, not the aisle" / "aisle seats"."""
    main = main_clause(a)
    if main == a:
        return False
    tail = _content_words(a[len(main):])
    return bool(tail & (_content_words(main_clause(b)) - _content_words(main)))


def main_clause(text: str) -> str:
    """The statement without a trailing contrast: "nautical miles, not kilometres" asks for nautical miles, it
    refuses nothing the statement itself asks for; the contrasted word still counts for the value guards."""
    return _CONTRAST_TAIL.sub("", text) or text


_KIN_ALT = "|".join(sorted(KIN | {k for k, v in _ALIASES.items() if v in KIN}, key=len, reverse=True))
_KIN_POSITION = re.compile(
    rf"^\W*(?:(?:my|his|her|their|sa|son|ma|mon|su|sein\w*|ihr\w*|mein\w*|le|la|el|die|der|a|an|the|mae fy|mae ei)\s+)?(?:(?!user['’]s\b)\w+(?:['’]s)?\s+)?({_KIN_ALT})\b"
    rf"|\b({_KIN_ALT})'s\b|\b(?:de (?:sa|son|mon|ma|leur)|del|de la|von (?:seiner|seinem|ihrer|ihrem|meiner|meinem)|di su[oa]|della|dello|do|da|"
    rf"de su|van (?:mijn|zijn|haar|onze))\s+({_KIN_ALT})\b",
    re.I)


_FRENCH_SON = re.compile(r"\s+(?:" + "|".join(sorted(set(FOREIGN_NOUNS) | {
    "mari", "métier", "travail", "ami", "amie", "nom", "frère", "père", "fils", "chat", "chien", "employeur",
    "entreprise", "vélo", "voilier", "bateau", "quartier", "appartement"}, key=len, reverse=True)) + r")\b", re.I)


def people(text: str) -> set[str]:
    """Other people a statement is about (as its subject or a possessor, not "learning from her grandfather")."""
    out = set()
    for m in _KIN_POSITION.finditer(text):
        w = (m.group(1) or m.group(2) or m.group(3)).lower()
        if w == "son" and (not looks_english(text) or _FRENCH_SON.match(text, m.end())):
            continue  # French "son" is "his/her": "Son mari s'appelle Julien"
        w = _ALIASES.get(w, w)
        out.add(_PARTNER.get(w, w))
    return out | kin(text)


def about_someone_else(text: str) -> bool:
    """A statement about another person, or about the user's past ("used to live in Lyon"): it never says what
    the user's own value is now."""
    return bool(people(text) or _MODE.search(text) or _ROLE_SUBJECT.search(text))


# someone the user works or lives with, as the subject of a statement: "Manager wants reports as bullet lists",
# "My teammate wants everything in Rust"; what they want is not the user's preference
_ROLE_SUBJECT = re.compile(r"^\W*(?:(?:my|his|her|their|the user's|[A-Z]\w+'s)\s+)?(?:boss|manager|colleague|co-?worker|"
                           r"teammate|team lead|intern|room-?mate|roomate|flatmate|housemate|client|customer|neighbou?r|"
                           r"(?:best )?friend|supervisor|professor|teacher|chef|chefin|patron|jefe|jefa|chefe)s?\b", re.I)


def key_terms(text: str) -> frozenset:
    low = text.lower()
    words = {_ALIASES.get(w, w) for w in re.findall(r"[a-zà-ÿœß]+", low)}
    terms = {w for fam in CONTRAST_FAMILIES for w in fam if w in words} | people(text)
    terms |= set(_NUM.findall(low)) | {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}
    terms |= {q.strip().lower() for q in _QUOTE.findall(text)}
    return frozenset(terms)


def proper_names(text: str) -> frozenset:
    """Capitalised words after the first (names, places, brands): two statements naming different ones
    are about different values."""
    return frozenset(w.lower().strip("'").removesuffix("'s") for w in _PROPER.findall(text)
                     if w[0].isupper() and w not in _NOT_PROPER and w.lower() not in _LANG_NAMES
                     and w.lower() not in _FAMILY_WORDS)


def _names_not_concepts(text: str) -> frozenset:
    """Capitalised words that are not a property concept's word: German writes "Vegetarierin" and "Fleisch" with
    capitals, and they are the diet, not two names."""
    return frozenset(w for w in proper_names(text) if concept(w) is None)


def _names_beyond(pa: frozenset, pb: frozenset) -> set[str]:
    """Names of `pa` that `pb` does not have, an inflected form counting as the name ("Koneella" is "Kone",
    "Debrecenben" is "Debrecen": Finnish, Hungarian or Turkish add case endings to names)."""
    return {x for x in pa if not any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
                                     or _case_forms(x, y) for y in pb)}


def _case_forms(x: str, y: str) -> bool:
    """Two case forms of one name: Slavic and Baltic languages swap a name's ending instead of adding one ("у
    Львові" / "до Львова", "w Krakowie" / "do Krakowa"): a stem of five letters or more, at most two letters
    after it on either side; a stem of four when what follows it on both sides is vowels ("Kaune" / "Kauną" /
    "Kauno", "v Brne" / "Brno" stays apart)."""
    k = len(os.path.commonprefix([x, y]))
    if len(x) - k > 2 or len(y) - k > 2:
        return False
    return k >= 5 or (k == 4 and x != y and all(c in _VOWELS for c in x[k:] + y[k:]))


_VOWELS = frozenset("aeiouyąęėįųūáéíóúýěäöüõåæøаеиоуыэюяіїєёъ")
# Welsh mutates a name's first consonant after a preposition ("Caerdydd", "i Gaerdydd", "yng Nghaerdydd", "ym
# Mangor" for Bangor): the mutated start and the radical consonants it can stand for
_MUTATED = (("ngh", "c"), ("mh", "p"), ("nh", "t"), ("ng", "g"), ("ch", "c"), ("ph", "p"), ("th", "t"),
            ("dd", "d"), ("m", "b"), ("n", "d"), ("g", "c"), ("b", "p"), ("d", "t"), ("f", "bm"), ("l", "l"), ("r", "r"))


def mutated_forms(x: str, y: str) -> bool:
    """One name with a mutated first consonant on one side: the rest of the name (five letters or more) alike,
    and the mutated start one that the other side's first consonant takes."""
    for a, b in ((x, y), (y, x)):
        for start, radicals in _MUTATED:
            rest = a[len(start):]
            if a.startswith(start) and len(rest) >= 5 and b[:1] in radicals and b[1:] == rest and a != b:
                return True
            if start in ("l", "r") and a.startswith(start) and b == start * 2 + a[1:] and len(a) >= 5:
                return True
    return False
case_forms = _case_forms  # profile.py: a later value in another case is no other value


_FAMILY_WORDS = frozenset(w for fam in CONTRAST_FAMILIES for w in fam)  # compared by the family check instead
_CAP_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def acronym_links(a: str, b: str) -> list[tuple[set[str], str]]:
    """(words, abbreviation) where a run of capitalised words on one side has its initials as an all-caps word
    on the other: "Indian Standard Time" / "IST", "Central European Time" / "CET"."""
    out = []
    for x, y in ((a, b), (b, a)):
        codes = {c.lower() for c in _ACRONYM.findall(y)}
        for run in _CAP_RUN.findall(x):
            code = "".join(w[0] for w in run.split()).lower()
            if code in codes:
                out.append(({w.lower() for w in run.split()}, code))
    return out


def expand_acronyms(a: str, b: str, pa: frozenset, pb: frozenset) -> tuple[frozenset, frozenset]:
    """A name and its abbreviation on the other side count as one name."""
    for words, code in acronym_links(a, b):
        pa, pb = pa - words - {code}, pb - words - {code}
    return pa, pb


_LANG_NAMES = LANGUAGE_WORDS


def _run_words(text: str) -> list[set[str]]:
    return [{w.lower().strip("'").removesuffix("'s") for w in run} for run in name_runs(text)]


def shortened_names(a: str, b: str, pa: frozenset, pb: frozenset) -> tuple[frozenset, frozenset]:
    """A multi-word name and a part of it said alone are one name: "a Ducati Monster" / "his Ducati", "a Toyota
    Corolla" / "the Corolla". Only a whole run of the other side inside this run counts, so "New York" and "New
    Jersey" stay two names."""
    ra, rb = _run_words(a), _run_words(b)
    for runs, others in ((ra, rb), (rb, ra)):
        for run in runs:
            if len(run) > 1 and any(o < run for o in others):
                pa, pb = pa - run, pb - run
    return pa, pb


def compatible(a: str, b: str, slots: frozenset = frozenset(), events: bool = True) -> bool:
    """The guard on a similarity link: same polarity, no contrasting key term, no different proper names.
    `slots`: the fact slots of the groups being linked; a relation that is the slot itself ("son" for the
    user's son's name) is not another person. `events=False` when one side names the other's relative or pet by
    name: an event about them ("Eli lost his first tooth last night") still says who they are."""
    pa, pb = polarity(a), polarity(b)
    if (pa == 0 and not restriction_agrees(a, b)) or (pb == 0 and not restriction_agrees(b, a)):
        return False
    antonym = negated_antonym(a, pa, b, pb)
    if (pa and pb and pa != pb and not antonym) or bool(_MODE.search(a)) != bool(_MODE.search(b)):
        return False
    if events and bool(_EVENT.search(a)) != bool(_EVENT.search(b)):
        return False
    if bool(_QUESTION.search(a)) != bool(_QUESTION.search(b)):
        return False
    ka, kb = key_terms(a), key_terms(b)
    if (ka & KIN) - slots != (kb & KIN) - slots:
        return False
    if _refuses(a, b) or _refuses(b, a):
        return False
    ma, mb = key_terms(main_clause(a)), key_terms(main_clause(b))
    for fam in CONTRAST_FAMILIES:
        fa, fb = ma & fam, mb & fam
        if fa and fb and not (fa & fb) and not antonym:
            return False
    pa, pb = expand_acronyms(a, b, _names_not_concepts(a), _names_not_concepts(b))
    pa, pb = shortened_names(a, b, pa, pb)
    if looks_english(a) and looks_english(b):
        if _names_beyond(pa, pb) and _names_beyond(pb, pa):  # each names something the other does not: Galway / Sligo
            return False
    elif pa and pb and len(_names_beyond(pa, pb)) == len(pa):  # German capitalises every noun: only disjoint names
        return False
    qa = {t for t in ka if t not in KIN and not any(t in f for f in CONTRAST_FAMILIES)}
    qb = {t for t in kb if t not in KIN and not any(t in f for f in CONTRAST_FAMILIES)}
    if qa and qb and not (qa & qb):
        return False
    return True


def make_vectorizer():
    """Char n-grams + words; fitted once on all texts of a run (IDF over the whole corpus)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True, dtype=np.float32)),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), stop_words="english", sublinear_tf=True, dtype=np.float32)),
    ])


def _normalize_rows(X):
    from sklearn.preprocessing import normalize

    return normalize(X, norm="l2", copy=False)


class _UnionFind:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def link_free(texts: list[str], X, threshold: float) -> list[int]:
    """Union-find labels for texts whose rows in X (L2-normalized) are similar and compatible."""
    n = len(texts)
    uf = _UnionFind(n)
    if n > 1:
        S = (X @ X.T).tocoo()
        for i, j, v in zip(S.row, S.col, S.data):
            if i < j and v >= threshold and compatible(texts[i], texts[j]):
                uf.union(int(i), int(j))
    return [uf.find(i) for i in range(n)]


def _structured_key(e: Extract) -> tuple | None:
    if e.kind == "free" and not e.slot:
        return None
    v = e.value
    canon = ",".join(sorted(str(x).lower() for x in v)) if isinstance(v, list) else str(v).strip().lower().rstrip(".!")
    return (e.kind, e.slot, canon)


_LEADING = re.compile(r"^\W*([^\W\d_][\w'-]*)")


def _caseless(text: str) -> bool:
    """Written in a script without capitals (Arabic, Devanagari, Thai, Hangul): no name guard can tell "I live in
    Irbid" from "I live in Amman" there, and e5 rates such pairs 0.94, so the top tier needs a shared word too."""
    return not any(c.isupper() or c.islower() for c in text)


def leading_names(texts: list[str]) -> list[str]:
    """A statement's first word is capitalised whatever it is, so the name guards skip it; but a first word this
    tenant's memory writes capitalised mid-sentence elsewhere is a name ("Szegeden lakom." / "Jelenleg Szegeden
    élek."), and "Szegeden lakom." must not join "Debrecenben lakom.". Such a statement is prefixed with a
    mark, so the guards read its first word as they read a name later in a sentence."""
    known = set().union(*map(proper_names, texts)) if texts else set()
    out = []
    for t in texts:
        m = _LEADING.match(t)
        w = m.group(1) if m else ""
        out.append(f"· {t}" if w[:1].isupper() and w.lower().removesuffix("'s") in known else t)
    return out


def tenant_names(tenant: str, texts: list[str]) -> tuple[str, ...]:
    """How this tenant's memory names them: display names plus the subject name its statements open with."""
    names = _display_names(tenant)
    subj = subject_name(texts, names)
    return tuple(sorted(set(names) | ({subj.lower()} if subj else set())))


def group_tenant(records: list[Record], X_free, threshold: float, extracts: list[Extract] | None = None,
                 canon: list[str] | None = None, E=None, embed_threshold: float = 0.93,
                 shared_threshold: float = SHARED_THRESHOLD) -> list[Group]:
    """Groups for one tenant. `X_free`: normalized TF-IDF rows of the `free` records, in order (tfidf backend);
    `E`: normalized embedding rows of all records (embedding backend; then `X_free` is unused)."""
    if extracts is None or canon is None:
        names = tenant_names(records[0].tenant, [r.text for r in records])
        canon = [canonical(r.text, names) for r in records]
        extracts = [extract(r.text, r.kind, names) for r in records]
    keys = [_structured_key(e) for e in extracts]
    n = len(records)
    uf = _UnionFind(n)
    root_key: dict[int, tuple] = {}
    first_of: dict[tuple, int] = {}
    for i, k in enumerate(keys):
        if k is not None:
            if k in first_of:
                if _same_key_compatible(canon[first_of[k]], canon[i], k):
                    uf.union(first_of[k], i)
            else:
                first_of[k] = i
    for k1, i1 in first_of.items():  # "Prius" and "silver Toyota Prius": one car
        for k2, i2 in first_of.items():
            if k1 < k2 and (_same_value(k1, k2) or _name_as_address(k1, k2)) and _same_key_compatible(canon[i1], canon[i2], k1):
                uf.union(i1, i2)
    for i, k in enumerate(keys):
        if k is not None:
            root_key[uf.find(i)] = k
    texts = leading_names([mask(c, ()) for c in canon])
    S = E @ E.T if E is not None else None  # one similarity matrix for the tiers and the mutual-nearest pass
    values = Values(texts)
    apart = _either(values.apart if values.cores else _never, _rival_values(S, keys, root_key, uf))
    if S is not None:
        unmarked = [not any(c.isupper() for c in r.text) for r in records]
        pairs = [p for p in _tier_pairs(S, texts, canon, keys, values, embed_threshold, shared_threshold, unmarked)
                 if not apart(*p)]
    else:
        free_idx = [i for i, k in enumerate(keys) if k is None]
        pairs = [(free_idx[i], free_idx[j]) for i, j in _tfidf_pairs(X_free, threshold)]
    _link_similar(pairs, uf, root_key, texts, canon, E, (shared_threshold + embed_threshold) / 2, apart)
    _link_work(uf, root_key, texts, canon)  # before the mutual pass, so a chatty aside cannot take a work statement
    if S is not None:
        _link_mutual(uf, root_key, texts, S, records, shared_threshold, apart)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(uf.find(i), []).append(i)
    out = []
    for root, idx in comps.items():
        recs = [records[i] for i in idx]
        typed = [i for i in idx if keys[i] is not None]
        votes = {keys[i][:2]: sum(keys[j][:2] == keys[i][:2] for j in typed) for i in typed}
        # the slot most of its statements name ("born in" once, "grew up in" twice: hometown), then the earliest
        first = min(typed or idx, key=lambda i: (-votes.get(keys[i][:2] if keys[i] else None, 0), _order(records[i])))
        key, ext = root_key.get(root), extracts[first]
        if key is None and E is not None and (named := _named_fact(idx, canon, E, texts, values)) is not None:
            key, ext = ("fact", named.slot, str(named.value).lower()), named
        out.append(Group(recs, ext, key or ("free", "", f"#{min(idx)}"), [records[i] for i in typed]))
    return out


def _tier_pairs(S, texts: list[str], canon: list[str], keys: list, values: Values, embed_threshold: float,
                shared_threshold: float, unmarked: list[bool]) -> list[tuple[int, int]]:
    """Candidate links of the embedding tiers, strongest first: the top tier; the shared-word tier (in a script
    without capitals, a word the tenant says rarely counts as shared, one said widely does not); the value-anchored
    tier. Two caseless statements holding different values (caseless.py) are never a candidate. `unmarked`: the
    statement was written without a capital (a caseless script, or chat typed in lower case: "работаю в сбере"),
    so no name marks its value and two such statements need a shared word at the top tier too."""
    common = tenant_common_words(texts) | values.widespread(len(texts))
    caseless = unmarked
    rare = _rare_words(texts)
    return [(i, j) for i, j, v in _embedding_pairs(S, min(embed_threshold, shared_threshold) - VALUE_MARGIN)
            if not values.apart(i, j) and ((v >= embed_threshold and not (caseless[i] and caseless[j]))
                                           or (v >= shared_threshold and (share_content(texts[i], texts[j], common)
                                                                          or values.same_predicate(i, j)))
                                           or (rare[i] & rare[j])
                                           or _names_value(keys[i], canon[j]) or _names_value(keys[j], canon[i]))]


def _rare_words(texts: list[str]) -> list[set[str]]:
    """Per statement, its words of four letters or more that at most two other statements of the tenant hold. In
    chat written in lower case a name loses its capital ("livin in melbourne now" / "got a myki for the trams
    since im in melbourne", e5 0.80), so the value tier's anchor is a word that rare, not a capitalised one."""
    words = [{w for w in _content_words(t) if len(w) >= 4} if t[1:] == t[1:].lower() else set() for t in texts]
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    return [{w for w in ws if df[w] <= 3} for ws in words]


def _link_similar(pairs: list[tuple[int, int]], uf: "_UnionFind", root_key: dict[int, tuple], texts: list[str],
                  canon: list[str], E, floor: float, apart: Callable[[int, int], bool] | None = None) -> None:
    """Similarity links, strongest first, in two passes: first those that attach a statement to a typed group
    (a key is the surest anchor), then the rest, so two untyped asides cannot pair up first and keep one of
    them out of the fact it belongs to ("ate a hazelnut cake once" / "hazelnuts make my throat swell")."""
    members: dict[int, list[int]] = {}
    for i in range(len(texts)):
        members.setdefault(uf.find(i), []).append(i)
    for anchored_only in (True, False):
        for i, j in pairs:
            ri, rj = uf.find(i), uf.find(j)
            ki, kj = root_key.get(ri), root_key.get(rj)
            if ri == rj or (anchored_only and ki is None and kj is None):
                continue
            slots = frozenset(k[1] for k in (ki, kj) if k and k[0] == "fact")
            if not compatible(texts[i], texts[j], slots, not (_names_kin(ki, canon[j]) or _names_kin(kj, canon[i]))):
                continue
            if not (_carries_value(ki, canon[j]) and _carries_value(kj, canon[i])):
                continue
            if ki is not None and kj is not None and ki != kj and not (_same_value(ki, kj) or _slot_only(ki, kj)):
                continue
            if E is not None and not _components_agree(members[ri], members[rj], texts, E, slots, floor, apart):
                continue
            uf.union(ri, rj)
            root = uf.find(ri)
            members[root] = members.pop(ri) + members.pop(rj)
            root_key[root] = ki or kj


# A remark about today ("wifi is down again", "deploy failed again ffs") or a to-do ("need to pick up the dry
# cleaning") is nearest to another such remark by its filler words alone; without a shared word that is no
# evidence of one item, so it never links as mutual nearest.
_TRANSIENT = re.compile(r"\b(?:again|today|tonight|tomorrow|tmrw|tmr|right now|rn|this (?:morning|afternoon|evening|week|weekend)"
                        r"|(?:needs?|has|have) to (?!avoid|stay|keep|be\b|eat|use|have|get)\w+|gotta"
                        r"|опять|снова|сегодня|знову|сьогодні|отново|днес|azi|astăzi|heute|wieder|hoy|otra vez|oggi"
                        r"|di nuovo|hoje|de novo|bugün|yine|aujourd'hui|dzisiaj|dziś|znowu|hari ini|आज|আজ|i dag|igjen|šiandien|vėl"
                        r"|täna|jälle|taas|dnes|znova|opäť|данас|опет|danas|opet|vandag|آج|پھر)\b"
                        r"|今日|今天|また|又|இன்று|மீண்டும்", re.I)  # no word boundary in unspaced scripts or after a Tamil mark


def _link_mutual(uf: "_UnionFind", root_key: dict[int, tuple], texts: list[str], S, records: list[Record],
                 floor: float, apart: Callable[[int, int], bool] | None = None) -> None:
    """Two statements from different sessions that are each other's nearest statement of the tenant link at the
    lower tier (`floor`) without a shared word. A paraphrase that shares no word with its twin ("is a graphic
    designer" / "makes logos and posters for clients all day", e5 0.84) sits in the band where a tenant's
    different items also fall, but among that tenant's own statements it is usually the closest one to its twin
    and its twin the closest to it; two different items of one tenant are rarely each other's first choice
    across sessions. Measured on the dev splits of the labelled corpus: recall on the fifth (written after the
    others were tuned) 63% -> 74%, no change to one-offs or stale values on any split. The guards still apply:
    polarity, other people, different typed values, contrasting terms."""
    n = len(texts)
    if n < 3:
        return
    S = S.copy()
    np.fill_diagonal(S, -1.0)
    # a statement that cannot link to this one this way (transient, past, about another person, or said in the same
    # session, as when Mem0 splits one remark in several memories) is not its nearest: it would only hide the twin
    S[:, [j for j in range(n) if _TRANSIENT.search(texts[j]) or _MODE.search(texts[j])]] = -1.0
    whose = _codes([frozenset(people(t)) for t in texts])
    S[whose[:, None] != whose[None, :]] = -1.0
    session = _codes([r.session for r in records])
    S[session[:, None] == session[None, :]] = -1.0
    nearest = S.argmax(axis=1)
    for i in range(n):
        j = int(nearest[i])
        if not (i < j and int(nearest[j]) == i and S[i, j] >= floor) or records[i].session == records[j].session:
            continue
        if _TRANSIENT.search(texts[i]) or _TRANSIENT.search(texts[j]):
            continue
        ri, rj = uf.find(i), uf.find(j)
        ki, kj = root_key.get(ri), root_key.get(rj)
        if ri == rj or (ki is not None and kj is not None and ki != kj and not _same_value(ki, kj)):
            continue
        if apart not in (None, _never) and _any_apart(uf, ri, rj, n, apart):
            continue
        if _place_without_name(ki, texts[j]) or _place_without_name(kj, texts[i]):
            continue
        if compatible(texts[i], texts[j], frozenset(k[1] for k in (ki, kj) if k and k[0] == "fact")):
            uf.union(ri, rj)
            root_key[uf.find(ri)] = ki or kj


# A place is named whenever it is meant: "fixing pipes all day" can be e5's nearest to "live in leeds" (0.89), but a
# statement about a city, employer or school that never names it is no mention of it.
_PLACE_SLOTS = frozenset({"city", "hometown", "birthplace", "employer", "school"})


def _place_without_name(key: tuple | None, text: str) -> bool:
    return key is not None and key[0] == "fact" and key[1] in _PLACE_SLOTS and not _carries_value(key, text)


def _codes(values: list) -> np.ndarray:
    """One integer per distinct value, so that equal values compare equal in a numpy mask."""
    ids: dict = {}
    return np.array([ids.setdefault(v, len(ids)) for v in values])


def _never(i: int, j: int) -> bool:
    return False


def _either(a: Callable[[int, int], bool], b: Callable[[int, int], bool]) -> Callable[[int, int], bool]:
    if b is _never:
        return a
    return b if a is _never else (lambda i, j: a(i, j) or b(i, j))


RIVAL_MARGIN = 0.02  # as named_facts.MARGIN: clearly nearer one value; at 0.0 items split on dev..dev4


def _rival_values(S, keys: list, root_key: dict[int, tuple], uf: "_UnionFind") -> Callable[[int, int], bool]:
    """Two untyped statements nearest to two different values of one slot are no paraphrase of each other. A
    tenant who changed jobs says "makes coffee at a café for a living" and later "wires new houses for a living":
    the shared "for a living" links them, and the pair then holds an old value with a new one. Where the memory
    names two or more values of a slot (typed statements: "works as a barista", "is an electrician"), each untyped
    statement is placed by e5 nearest one of them, if clearly (`RIVAL_MARGIN`), and two statements placed by
    different values stay apart."""
    if S is None:
        return _never
    anchors: dict[str, dict[tuple, list[int]]] = {}
    for i, k in enumerate(keys):
        if k is not None and k[0] == "fact":
            anchors.setdefault(k[1], {}).setdefault(root_key[uf.find(i)], []).append(i)
    near: dict[int, dict[str, tuple]] = {}
    for slot, by_value in anchors.items():
        if len(by_value) < 2:
            continue
        for i in (i for i, k in enumerate(keys) if k is None):
            sims = sorted(((float(S[i, idx].max()), value) for value, idx in by_value.items()), reverse=True)
            if sims[0][0] - sims[1][0] >= RIVAL_MARGIN:
                near.setdefault(i, {})[slot] = sims[0][1]
    if not near:
        return _never

    def apart(i: int, j: int) -> bool:
        a, b = near.get(i, {}), near.get(j, {})
        return any(a[s] != b[s] for s in a.keys() & b.keys())
    return apart


def _any_apart(uf: "_UnionFind", ri: int, rj: int, n: int, apart: Callable[[int, int], bool]) -> bool:
    """Some statement of component `ri` and one of `rj` hold different values (caseless.py)."""
    a = [x for x in range(n) if uf.find(x) == ri]
    b = [y for y in range(n) if uf.find(y) == rj]
    return any(apart(x, y) for x in a for y in b)


def _named_fact(idx: list[int], canon: list[str], E, marked: list[str], values: Values | None = None) -> Extract | None:
    """An untyped group that names a name, typed by meaning (named_facts.py): "Tôi sống ở Đà Nẵng." is the city.
    In a script without capitals the name is the one word the group's statements repeat and no other statement
    of the tenant holds (caseless.Values.group_value): "لاہور" in "اب میں لاہور میں رہتی ہوں۔"."""
    if any(people(canon[i]) or _MODE.search(canon[i]) for i in idx):
        return None
    runs = [name_runs(marked[i]) for i in idx]  # leading_names marks a name said first
    if not any(runs):
        value = values.group_value(idx, marked) if values is not None else None
        slot = guess_slot(E[idx], False, _as_grouped) if value else None
        return typed_fact(slot, value) if slot else None
    slot = guess_slot(E[idx], english([canon[i] for i in idx]), _as_grouped)
    value = name_value(runs) if slot else None
    return typed_fact(slot, value) if value else None


def _as_grouped(text: str) -> str:
    """A sentence as the grouping embeds a statement: canonical form, subject masked."""
    return mask(canonical(text, ()), ())


def name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words after the first, in any script, as written: [["Đà", "Nẵng"]]."""
    runs: list[list[str]] = []
    last = -2
    for k, m in enumerate(re.finditer(r"[^\W\d_][\w'-]*", text)):
        w = m.group(0)
        if (k == 0 and not text.startswith("· ")) or not w[0].isupper() or w in _NOT_PROPER or w.lower() in _LANG_NAMES:
            continue
        if k == last + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
        last = k
    return runs


def _link_work(uf: "_UnionFind", root_key: dict[int, tuple], texts: list[str], canon: list[str]) -> None:
    """A statement about the user's work that names no job ("catches cod and haddock for a living") joins the
    tenant's job when the memory names exactly one: e5 rates it 0.86 with "is a commercial fisherman", in the band
    of unrelated statements, and it shares no word with it."""
    jobs = {uf.find(i) for i in range(len(texts)) if (root_key.get(uf.find(i)) or ("",))[:2] == ("fact", "job")}
    if len(jobs) != 1:
        return
    (job,) = jobs
    key = root_key[job]
    head = next(i for i in range(len(texts)) if uf.find(i) == job)
    for i in range(len(texts)):
        r = uf.find(i)
        if r != job and root_key.get(r) is None and about_work(canon[i]) and not people(canon[i]) \
                and compatible(texts[i], texts[head], frozenset({"job"})):
            uf.union(r, job)
            job = uf.find(job)
            root_key[job] = key


def _components_agree(a: list[int], b: list[int], texts: list[str], E, slots: frozenset, floor: float,
                      apart: Callable[[int, int], bool] | None = None) -> bool:
    """Average linkage (`floor`: midway between the two embedding tiers) before a similarity link joins two groups: in a language e5 reads poorly every short
    sentence of a tenant scores 0.9+ with every other, and single links would chain the tenant's city, job and
    a remark about a sibling into one item. Every cross pair must also pass the guards, so a chain cannot carry
    a statement into a group holding its opposite or another person's attribute."""
    if len(a) * len(b) == 1:
        return True
    sims = E[a] @ E[b].T
    if float(sims.mean()) < floor:
        return False
    return all(compatible(texts[x], texts[y], slots) and not (apart and apart(x, y)) for x in a for y in b)


def _template(text: str, known: frozenset = frozenset()) -> tuple[tuple[str, ...], frozenset]:
    """Words around the names; a first word is a name when the tenant writes it capitalised mid-sentence too."""
    names = proper_names(text)
    m = _LEADING.match(text)
    if m and m.group(1)[:1].isupper() and m.group(1).lower().removesuffix("'s") in known:
        names |= {m.group(1).lower().removesuffix("'s")}
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", text.lower()) if w.strip("'").removesuffix("'s") not in names]
    return tuple(words), names


def same_sentence_other_name(a: list[Record], b: list[Record], known: frozenset = frozenset()) -> bool:
    """Some statement of `a` and one of `b` are the same words around different names: one slot, two values. One
    word more on one side is still the same sentence ("Jeg arbejder hos Vestas." / "Jeg arbejder nu hos Novo
    Nordisk.": "now" in any language), unless that word makes it about someone else or the past. `known`: the
    names the tenant writes mid-sentence, so a name said first counts ("Szegeden lakom." / "Debrecenben lakom.")."""
    ta = {(_template(r.text, known), r.text) for r in a}
    for r in b:
        words, names = _template(r.text, known)
        for (w, n), text in ta:
            if not (n and names and not (n & names) and any(len(x) > 2 for x in w)):
                continue
            if w == words or (_one_word_more(w, words) and people(text) == people(r.text)
                              and bool(_MODE.search(text)) == bool(_MODE.search(r.text))):
                return True
    return False


def _one_word_more(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return len(long_) == len(short) + 1 >= 3 and any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


_DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                        "july august september october november december christmas easter".split())


def _not_dates(names: frozenset) -> set:
    """Capitalised words less the days and months ("on Thursdays", "a Sunday league team"): when a thing is done
    names no other place or person."""
    return {w for w in names if w.lower().removesuffix("s") not in _DATE_WORDS}


_CODE_WORD = re.compile(r"\b(?:[A-Z]{2,5}|[A-Za-z]+-?\d[\w-]*)\b")


def _same_key_compatible(a: str, b: str, key: tuple) -> bool:
    """Same kind, slot and value, unless each also names another place or person ("My sister Maud lives in
    Galway" / "... in Sligo": both read sister=Maud)."""
    value = set(re.findall(r"\w+", key[2]))
    pa, pb = _not_dates(proper_names(a) - value), _not_dates(proper_names(b) - value)
    if key[0] == "fact" and key[1] in ORG_SLOT_PHRASES:
        # an organization's attribute is read only where no customer, client or partner is the subject (org_facts.py),
        # so its other capitals are nouns ("Unser Hauptsitz" / "Die Firma sitzt") and "the customer" in a policy is
        # customers in general ("Le client a 30 jours pour retourner un article")
        return bool(_MODE.search(a)) == bool(_MODE.search(b))
    if key[0] == "free" and not (looks_english(a) and looks_english(b)):
        pa = pb = frozenset()  # a closed-set preference value; German capitals are nouns ("Einleitungen", "Floskeln")
    if key[0] == "free":  # an acronym or a code in a preference's context names no one ("HR questions" / "POL-12")
        codes = {w.lower() for w in _CODE_WORD.findall(f"{a} {b}")}
        pa, pb = pa - codes, pb - codes
    return (not (pa - pb and pb - pa) and bool(_MODE.search(a)) == bool(_MODE.search(b))
            and people(a) - {key[1]} == people(b) - {key[1]})



VALUE_MARGIN = 0.06  # the value-anchored tier sits this far below embedding_threshold_shared


def _names_value(key: tuple | None, text: str) -> bool:
    """The value-anchored tier: a statement naming a typed fact's value as a name ("My cat Olive sleeps on my
    keyboard" / "I've got a tabby named Olive": e5 0.81) joins it a little below the shared-word tier. Only a
    name or code is rare enough to anchor (a capitalised or alphanumeric value of 3+ letters, said as a whole
    word; in all-lower-case memory, where names are not capitalised, any value); the guards still keep "my friend's cat Olive" and other people's values apart."""
    if key is not None and key[0] == "fact" and _attached(key[2], text):
        return True
    if key is None or key[0] != "fact" or len(key[2]) < 3 or key[2] in _STOP:
        return False
    parts = [key[2]] + [w for w in key[2].split() if len(w) >= 3 and w not in _STOP] * (" " in key[2])
    for part in parts:  # the whole value, or one word of a multi-word name ("the MX-5" of "a Mazda MX-5")
        m = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.I)
        if m and (text[m.start()].isupper() or any(c.isdigit() for c in part) or text[1:] == text[1:].lower()):
            return True
    return False


def _attached(value: str, text: str) -> bool:
    """A value in a script without capitals is named with its particle or preposition attached ("대전에서",
    "札幌で", "بدبي") and often in two letters ("大阪", "腾讯"), so no whole-word test finds it: inside the text is
    the mark there."""
    return isinstance(value, str) and len(value) >= 2 and _caseless(value) and value in text


def _names_kin(key: tuple | None, text: str) -> bool:
    """`text` names the user's relative or pet of a typed fact by its name ("son=eli" / "Eli lost a tooth"), or
    the fact's thing as the user's own ("instrument=bass" / "need to restring my bass")."""
    if not key or key[0] != "fact" or len(key[2]) < 3:
        return False
    if kin_or_pet(key[1]) and _names_value(key, text):
        return True
    return bool(re.search(rf"\bthe user's (?:[\w-]+ )?{re.escape(key[2])}(?!\w)", text, re.I))


def _carries_value(key: tuple | None, text: str) -> bool:
    """A statement joins a fact only if it names the fact's value: "Colleague Elias is allergic to peanuts"
    reads close to "allergic to penicillin", but it is not that fact."""
    if key is None or key[0] != "fact" or _attached(key[2], text):
        return True
    low = text.lower()
    words = _match_keys(re.findall(r"\w+", low))
    if any(len(tok) > 2 and re.search(rf"(?<!\w){re.escape(tok)}(?!\w)", low) for tok in key[2].split()):
        return True  # "mx-5", "a320"
    if any(_case_forms(tok, w) for tok in key[2].split() for w in re.findall(r"\w+", low)):
        return True  # "Львові" / "Львова"
    return any(word_keys(w) & words for w in re.findall(r"\w+", key[2]) if len(w) > 2 or key[2].isdigit())


def _match_keys(words) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= word_keys(w)
    return out


def _slot_only(k1: tuple, k2: tuple) -> bool:
    """A parsed preference and one only the slot of is known ("max 50 words pls" / "no essays, like 50 wrds tops"):
    a similarity link may join them, and the guards (numbers, contrast families, polarity) decide."""
    if not ({k1[0], k2[0]} & {"fact"} == set() and sorted([k1[0] == "free", k2[0] == "free"]) == [False, True]
            and bool(k1[1] and k2[1])):
        return False
    kind, slot = (k1[0], k2[1]) if k2[0] == "free" else (k2[0], k1[1])
    return slot not in _OTHER_ASPECT.get(kind, frozenset())


# Free preference slots that are another aspect of an answer than a typed kind: a tone is no layout, a markdown
# refusal no length, however alike two requests in one language read ("敬語は使わないでほしい" / "箇条書きにしてほしい").
_ASPECT_SLOTS = frozenset({"units", "cooking_units", "tone", "warmth", "level", "clock", "date_format", "timezone", "emoji",
                           "code_language", "code_only", "markdown", "apologies", "avoid_topic"})
_OTHER_ASPECT = {"format": _ASPECT_SLOTS - {"markdown"}, "language": _ASPECT_SLOTS - {"code_language"},
                 "length": _ASPECT_SLOTS - {"code_only"}}


def _same_value(k1: tuple, k2: tuple) -> bool:
    """Same fact slot (or one slot's words inside the other's: "boat" / "boat he") and one value."""
    if k1[0] != k2[0] or k1[0] != "fact":
        return False
    if k1[1] != k2[1] and ({k1[1], k2[1]} <= _ORIGIN_SLOTS or {k1[1], k2[1]} <= _CHILD_SLOTS):
        return k1[2] == k2[2]
    a, b = set(re.findall(r"\w+", k1[2])), set(re.findall(r"\w+", k2[2]))
    if k1[1] != k2[1]:  # "favourite football team" = "Celtic" / "team" = "Celtic FC": one value, named in full once
        sa, sb = set(re.findall(r"[a-z]+", k1[1])), set(re.findall(r"[a-z]+", k2[1]))
        return bool(sa and sb and (sa <= sb or sb <= sa)) and (k1[2] == k2[2] or bool(a and b and (a <= b or b <= a)))
    if a and b and (a <= b or b <= a):
        return True
    if (n1 := re.findall(r"\d+", k1[2])) and (n2 := re.findall(r"\d+", k2[2])) and n1 != n2:
        return False  # "30 days" / "60 days", "8:00-18:00" / "9:00-17:00": spelled alike, other numbers
    if " " not in k1[2] + k2[2] and (_case_forms(k1[2], k2[2]) or mutated_forms(k1[2], k2[2])):
        return True  # "žiline" / "žiliny": one city in two cases; "nghaerdydd" / "caerdydd"
    if {c for c in _match_keys(a) if c[0] == "#"} & _match_keys(b):  # an allergy to "milk" / to "lactose"
        return True
    return difflib.SequenceMatcher(None, k1[2], k2[2]).ratio() >= 0.85  # "tallinn" / "talinn"


def _name_as_address(k1: tuple, k2: tuple) -> bool:
    """"Name is Jordan" and "Likes being called Jordan": the user's name and the name they are addressed by, one item."""
    kinds = {k1[:2], k2[:2]}
    return kinds == {("fact", "name"), ("address", "address")} and k1[2].lower() == k2[2].lower()


_ORIGIN_SLOTS = {"birthplace", "hometown"}  # "born in Naples" / "originally from Naples": one place of origin
_CHILD_SLOTS = {"kid", "child", "son", "daughter", "baby", "youngest", "eldest", "oldest", "toddler", "boy", "girl",
                "teen", "teenager", "infant", "newborn", "stepson", "stepdaughter"}  # "two kids, Mia and Leo" / "my daughter Mia"


def _tfidf_pairs(X, threshold: float) -> list[tuple[int, int]]:
    if X is None or X.shape[0] < 2:
        return []
    S = (X @ X.T).tocoo()
    return sorted((int(i), int(j)) for i, j, v in zip(S.row, S.col, S.data) if i < j and v >= threshold)


def _embedding_pairs(S, threshold: float) -> list[tuple[int, int, float]]:
    """Most similar pairs first (`S`: the tenant's cosine matrix), so a component forms around its strongest
    links before weaker ones."""
    if S.shape[0] < 2:
        return []
    ii, jj = np.nonzero(np.triu(S >= threshold, k=1))
    order = np.argsort(-S[ii, jj], kind="stable")
    return [(int(ii[k]), int(jj[k]), float(S[ii[k], jj[k]])) for k in order]


# Two tiers of embedding similarity. Paraphrases of one item written with context ("Keeps a tortoise named
# Gerald in the garden" / "Tortoise Gerald hibernates from November to March") score 0.84-0.92 with e5-small,
# the same band as different items of one tenant, so below `embedding_threshold` a link also needs one shared
# content word (the value, the pet, the activity: "cello"/"cello", "fisherman"/"fishermen", typos within a
# ratio). Stop words are the function words of the languages memory comes in plus the verbs every preference
# uses ("prefers", "wants"), which say nothing about which item it is.
_STOP = frozenset("""
the a an and or but of to in on at for with from by as is are was were be been being it its this that these those
there their they them he she his her him you your we our i me my mine user users user's has have had having do does
did done not no so if than then when while who whom which what how very just also only really too more most some any
all each every about into over under after before again once here both few other such own same can could will would
should may might must shall am up down out off per via yes one ones thing things way ways lot bit like likes liked
prefer prefers preferred preference wants want wanted wish please asks asked ask says said mentioned mention tells
told keep keeps kept always usually often sometimes never get gets got go goes going make makes made use uses used
answer answers reply replies response responses assistant help time times day days week weeks year years now
le la les un une des du de et ou en au aux est sont avec pour par sur dans que qui son sa ses il elle ils elles
je j me mon ma mes ne pas plus très aime préfère veut
el los las unos unas y o es son con para por del al su sus lo se que quien muy le les prefiere quiere gusta
der die das den dem des ein eine einen einem einer und oder ist sind mit für von zu im am auf sein seine ihr ihre
sich er sie es nicht kein keine bevorzugt möchte mag
il lo gli i uno una e o di da del della dei delle al alla con per su che chi è sono suo sua suoi sue ha hanno si
preferisce vuole ama
o a os as um uma e ou de do da dos das em no na nos nas ao com para por que seu sua seus suas tem é são ele ela
prefere quer gosta
de het een en of niet ik mijn ben is zijn wil graag jag och är inte min mitt vill gärna jest nie mój moja się chcę
olen on ja ei minä mun minun se hän haluan vagyok vagy van vagyunk az egy és nem is meg nagyon szeretném
я мне меня мой моя моё мои это и не в на с хочу очень είμαι είναι το τη την τα και δεν με μου θέλω πολύ
tôi là và ở có không của rất muốn ben bir ve bu çok benim istiyorum saya aku dan di yang ini itu sangat mau
jsem je se můj moje moji chci velmi mimi na ni ya wa sana nataka
""".split())


# Combining marks that NFC leaves separate (Arabic shadda and vowel signs, Devanagari virama and matras, Thai
# vowel marks) are not `\w`, so a tokenizer would cut "عمّان" into two 2-letter stubs and no word of those
# scripts would ever be shared; dropping them leaves one comparable skeleton per word.
_MARKS = {cp: None for cp in range(0x300, 0x10000) if unicodedata.category(chr(cp)).startswith("M")}


# Function words and discourse adverbs ("again", "now", "already", "too", "my", "our") of more languages, kept
# as the tokenizer sees them (marks dropped: Bengali "আমার" is "আমর"). Two remarks that share only "опять"
# ("again") or "আমার" ("my") share no content, yet they linked a new employer to a dog and a cat to someone
# else's town. Forms of "be" and "have" that are no English word ("suis", "ist", "tengo") join them: "Je suis
# boulangère" and "Je suis crevée aujourd'hui" share no content.
_FUNCTION = frozenset(w.translate(_MARKS) for w in """
опять снова теперь сейчас уже тоже также ещё еще очень меня мне мой моя моё мои наш наша наше наши нас для что как
это вот всё все был была было
знову тепер зараз вже теж також дуже мене мені мій моя моє мої наш наша наше наші нас для що як це будь ласка
отново сега вече също много мен моят моята моето моите наш наша нас за че как това моля
iar acum deja foarte este sunt meu mea mei mele noi pentru care vreau
lagi sekarang sudah juga kami kita dengan untuk dari pada dalam sangat
znowu teraz już też bardzo
auch jetzt wieder schon noch sehr bitte mich mir mein meine meiner meinem meinen
ahora también otra vez mucho
ancora adesso ora già anche sempre molto mio mia miei mie
agora também muito meu minha pra
yine şimdi artık
encore maintenant déjà aussi toujours mon
suis sommes êtes sont avons avez ont soy eres somos estoy estás está estamos están tengo tiene tenemos
bist ist sind seid habe hab hast haben sou estou tenho tem temos sono sei siamo siete hanno
আমার আমাকে আমাদের আমরা তুমি আপনি এবং খুব করে করি আছে
मेरा मेरी मेरे हमारा हमारी करता करती बहुत बिल्कुल
""".split())


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower().translate(_MARKS))
            if len(w) > 2 and w not in _STOP and w not in _FUNCTION}


def _concepts_of(words) -> set[str]:
    return {k[1:] for k in _match_keys(words) if k[0] == "#"}


def tenant_common_words(texts: list[str]) -> frozenset:
    """Words in half of a tenant's statements (at least 5, more than one item's 2-4 statements): the way this
    memory layer writes (a name, a stock phrase), not what one item is about."""
    df: dict[str, int] = {}
    for t in texts:
        for w in _content_words(t):
            df[w] = df.get(w, 0) + 1
    return frozenset(w for w, n in df.items() if n >= 5 and 2 * n >= len(texts))


def share_content(a: str, b: str, common: frozenset = frozenset()) -> bool:
    """One content word in common, allowing inflection (a shared 5-letter prefix) and typos (ratio >= 0.8)."""
    wa, wb = _content_words(a) - common, _content_words(b) - common
    if acronym_links(a, b):
        return True
    if poles(a) and poles(b) and (poles(a) & poles(b) or negated_antonym(a, polarity(a), b, polarity(b))):
        return True
    if wa & wb or _match_keys(wa) & _match_keys(wb) or phrase_concepts(a) & (phrase_concepts(b) | _concepts_of(wb)) \
            or phrase_concepts(b) & _concepts_of(wa):
        return True
    for x in wa:
        for y in wb:
            if len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5]:
                return True
            if min(len(x), len(y)) >= 4 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.8:
                return True
            if min(len(x), len(y)) >= 10 and _longest_common(x, y) >= 6:  # Thai writes a clause as one "word"
                return True
    return False


def _longest_common(x: str, y: str) -> int:
    return difflib.SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y)).size


def _order(r: Record) -> tuple:
    """Earliest first; undated records after dated ones; ties by id, so the choice is deterministic."""
    return (r.created_at is None, r.created_at.timestamp() if r.created_at else 0.0, r.id)


def consolidate(records: list[Record], threshold: float = 0.5, *, grouping: str = "tfidf",
                embed_threshold: float = 0.93, shared_threshold: float = SHARED_THRESHOLD, cache_dir: Path | None = None,
                extractor: Callable[[list[str], list[str | None], str, tuple[str, ...]], list[Extract]] | None = None,
                ) -> dict[str, list[Group]]:
    """All tenants' groups; pairwise work only within a tenant. `grouping="embedding"` falls back to tfidf,
    with a warning, when the embedding package is not installed; `cache_dir` is the state dir whose
    `tenants/<key>/` holds each tenant's cached embeddings. `extractor(texts, kinds, tenant, names)` types one
    tenant's statements (the LLM extractor); the embedded patterns when None."""
    order = sorted(range(len(records)), key=lambda i: records[i].tenant)
    recs, names_of = _split_compounds([records[i] for i in order])
    spans = _tenant_spans(recs)
    canon, extracts = [], []
    for a, b in spans:
        names = names_of[recs[a].tenant]
        canon += [canonical(r.text, names) for r in recs[a:b]]
        texts, kinds = [r.text for r in recs[a:b]], [r.kind for r in recs[a:b]]
        extracts += (extractor(texts, kinds, recs[a].tenant, names) if extractor is not None
                     else [extract(t, k, names) for t, k in zip(texts, kinds)])
    backend = resolve_backend(grouping)
    out = {}
    if backend == "embedding":
        E = embed_by_tenant({recs[a].tenant: canon[a:b] for a, b in spans}, cache_dir)
        for a, b in spans:
            t = recs[a].tenant
            out[t] = group_tenant(recs[a:b], None, threshold, extracts[a:b], canon[a:b], E[t], embed_threshold, shared_threshold)
        return out
    free = [i for i, e in enumerate(extracts) if _structured_key(e) is None]
    X = None
    if free:
        try:
            X = _normalize_rows(make_vectorizer().fit_transform([mask(canon[i], ()) for i in free]).tocsr())
        except ValueError:
            X = None
    free_pos = {i: k for k, i in enumerate(free)}
    for a, b in spans:
        rows_idx = [free_pos[i] for i in range(a, b) if i in free_pos]
        rows = X[rows_idx[0]:rows_idx[-1] + 1] if (X is not None and rows_idx) else _empty_rows(len(rows_idx))
        out[recs[a].tenant] = group_tenant(recs[a:b], rows, threshold, extracts[a:b], canon[a:b])
    return out


def _split_compounds(recs: list[Record]) -> tuple[list[Record], dict[str, tuple[str, ...]]]:
    """Each record cut into the clauses that state one item each (compound.py), and each tenant's names, read
    from the records as written."""
    out, names_of = [], {}
    for a, b in _tenant_spans(recs):
        names = names_of[recs[a].tenant] = tenant_names(recs[a].tenant, [r.text for r in recs[a:b]])
        for r in recs[a:b]:
            parts = split_compound(r.text, names, about_someone_else)
            out += [r] if len(parts) == 1 else [replace(r, text=p) for p in parts]
    return out, names_of


def _tenant_spans(recs: list[Record]) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(recs):
        end = start
        while end < len(recs) and recs[end].tenant == recs[start].tenant:
            end += 1
        spans.append((start, end))
        start = end
    return spans


def resolve_backend(grouping: str) -> str:
    """The backend that will run: `embedding` only when its model package is installed."""
    if grouping == "embedding" and not embed_available():
        _warn_fallback()
        return "tfidf"
    return "embedding" if grouping == "embedding" else "tfidf"


@lru_cache(maxsize=1)
def _warn_fallback() -> None:
    log.warning("distill.grouping=embedding but the %r package is not installed: grouping with tfidf", EMBED_PACKAGE)


def _empty_rows(n: int):
    from scipy.sparse import csr_matrix

    return csr_matrix((n, 1), dtype=np.float32)


def same_item(a: str, b: str, vectorizer=None, tenant: str = "", threshold: float = 0.5, grouping: str = "tfidf",
              embed_threshold: float = 0.93, shared_threshold: float = SHARED_THRESHOLD) -> bool:
    """Would these two statements of one tenant become one item? (Used to measure grouping on labelled pairs.)"""
    recs = [Record(id="a", tenant=tenant or "user", text=a), Record(id="b", tenant=tenant or "user", text=b)]
    names = tenant_names(recs[0].tenant, [a, b])
    canon = [canonical(r.text, names) for r in recs]
    ex = [extract(r.text, None, names) for r in recs]
    if resolve_backend(grouping) == "embedding":
        E = embed_by_tenant({recs[0].tenant: canon}, None)[recs[0].tenant]
        return len(group_tenant(recs, None, threshold, ex, canon, E, embed_threshold, shared_threshold)) == 1
    free = [mask(c, ()) for c, e in zip(canon, ex) if _structured_key(e) is None]
    X = _normalize_rows(vectorizer.transform(free).tocsr()) if free else _empty_rows(0)
    return len(group_tenant(recs, X, threshold, ex, canon)) == 1
