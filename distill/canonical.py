"""One canonical form for a memory statement, whatever perspective the memory layer wrote it in.

Memory layers store the same thing as "Has a hamster named Biscuit" (Mem0: subject-less), "My hamster is
called Biscuit." (the user's own words), "Priya's hamster is Biscuit" (named third person) or "User has a
hamster named Biscuit". The kind patterns (schema.py) and the grouping read one form, "The user ...", so a
pattern is written once and two perspectives of one statement compare equal. Rules, not a model: the
rewrites are few and closed (pronouns, a subject to prepend, a verb to put in the third person), and a
statement they do not recognise is left as written, which only costs a pattern match, never a wrong value.
Light typos in the words the patterns key on ("alergic", "perfers") are corrected against that small
vocabulary; everything else (values, names) is kept verbatim.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from .change import new_value_clause
from .layers import unwrap

USER = "the user"
SUBJECTLESS_VERBS = {
    "is", "was", "has", "had", "likes", "loves", "enjoys", "prefers", "wants", "needs", "hates", "dislikes",
    "lives", "lived", "works", "worked", "rides", "drives", "owns", "grew", "studies", "studied", "speaks",
    "uses", "plays", "keeps", "avoids", "eats", "drinks", "follows", "supports", "sails", "runs", "writes",
    "reads", "listens", "watches", "goes", "attends", "teaches", "codes", "programs", "cannot", "can't", "can",
    "does", "doesn't", "asked", "mentioned", "said", "moved", "just",
    "recently", "adopted", "got", "bought", "visited", "plans", "planning", "started", "stopped",
    "wishes", "would", "should", "expects", "insists", "requests", "finds", "thinks", "believes", "feels",
    "values", "cares", "commutes", "cycles", "travels", "volunteers", "collects", "practices", "practises",
    "celebrates", "went", "will", "isn't", "wasn't", "hasn't", "rows", "swims", "climbs", "hikes", "skis", "surfs",
    "skates", "jogs", "kayaks", "dances", "paints", "knits", "bakes", "sings", "flies", "builds", "trains", "spends",
    "catches", "majored", "graduated", "holds", "gets", "manages", "suffers", "struggles", "relocated", "emigrated",
    # life told as activities and complaints, as Mem0 writes them: "Lectures at ...", "Complains about the traffic",
    # "Walked Otis along the pier", "Sold his old pickup", "Left the fire service"
    "lectures", "complains", "sorts", "walks", "walked", "drops", "takes", "took", "closes", "cooks", "fixes",
    "joined", "left", "sold", "broke", "finished", "stacks", "restocks", "commuted", "shops", "cleans",
}
_ADVERBS = {"really", "also", "usually", "always", "never", "still", "only", "mostly", "generally", "now",
            "currently", "just", "often", "actually", "definitely", "strongly", "absolutely", "truly", "totally",
            "finally", "already", "both", "all", "even", "sometimes", "rarely", "basically", "honestly"}
_IRREGULAR = {"have": "has", "am": "is", "'m": "is", "do": "does", "go": "goes", "don't": "doesn't",
              "dont": "doesn't", "haven't": "hasn't", "was": "was", "can": "can", "can't": "can't",
              "cannot": "cannot", "will": "will", "won't": "won't", "would": "would", "should": "should",
              "must": "must", "could": "could", "did": "did", "didn't": "didn't", "wasn't": "wasn't",
              "may": "may", "might": "might", "had": "had", "'ve": "has", "'d": "would", "'ll": "will"}
_PAST = {"grew", "went", "got", "did", "made", "took", "came", "saw", "met", "began", "became", "bought", "thought",
         "knew", "left", "ran", "rode", "drove", "wrote", "spent", "lost", "felt", "kept", "sold", "taught", "told",
         "found", "gave", "built", "fell", "flew", "moved", "used", "said", "sat", "stood", "swam", "won", "ate"}
_SHORTHAND = {"wrds": "words", "pls": "please", "plz": "please", "im": "I'm", "dont": "don't", "fav": "favourite",
              "fave": "favourite", "ur": "your", "u": "you", "thx": "thanks", "bro": "brother",
              "sis": "sister"}
_VOCAB = ("allergic", "prefers", "prefer", "named", "called", "lives", "works", "daughter", "brother", "sister",
          "husband", "partner", "mother", "father", "answers", "replies", "responses", "favourite", "favorite",
          "always", "never", "summary", "bullet", "points", "metric", "imperial", "units", "vegetarian", "vegan",
          "intolerant", "born", "grew", "hamster", "likes", "wants", "english", "french", "german", "spanish",
          "rabbit", "examples", "measurements", "married", "supports", "instrument", "husband", "allergy",
          "celsius", "fahrenheit", "kilometers", "kilometres")
_VOCAB_SET = frozenset(_VOCAB)
# Verbs a fact is stated with as a present participle ("living in Leeds", "working at Acme"); chat drops the g
# ("livin in melbourne now"), and a subject-less one is the user's ("Living in Porto these days").
_DROPPED_I = frozenset({"work", "live", "study"})
_GERUNDS = frozenset({"living", "working", "studying", "staying", "teaching", "training", "renting"})
_WORD = re.compile(r"\b[A-Za-z][A-Za-z']*(?![^\W\d_])")  # a whole word of ASCII letters: not the 'u' of 'učiteljica'
# Chat writes "to" as "2" ("just moved 2 bristol", "allergic 2 cats"); after these words it is never a count.
_TWO_AS_TO = re.compile(r"\b(moved|move|moving|relocated|allergic|went|going|back|next|close|used|listen|listening|"
                        r"talk|talking|switch|switched)\s+2\s+(?=[a-z])", re.I)
_FIRST_PERSON = [
    (re.compile(r"\bI am\b|\bI'm\b|\bIm\b(?=\s)", re.I), "the user is"),
    (re.compile(r"\bI've\b", re.I), "the user has"),
    (re.compile(r"\bI'll\b", re.I), "the user will"),
    (re.compile(r"\bI'd\b", re.I), "the user would"),
    (re.compile(r"\bmyself\b", re.I), USER),
    (re.compile(r"\bmine\b", re.I), "the user's"),
    (re.compile(r"\bmy\b", re.I), "the user's"),
    (re.compile(r"\bme\b", re.I), USER),
]
_I_VERB = re.compile(r"\bI\s+((?:(?:" + "|".join(_ADVERBS) + r")\s+)*)([A-Za-z']+)")
# A household speaks as "we" ("We finally moved to Liverpool", "Our place in Manchester"): what it says of the
# household it says of the user, as "I" would.
_WE = [(re.compile(r"\bwe're\b|\bwe are\b", re.I), "the user is"), (re.compile(r"\bwe've\b", re.I), "the user has"),
       (re.compile(r"\bours\b|\bour\b", re.I), "the user's")]
_WE_VERB = re.compile(r"\bwe\s+((?:(?:" + "|".join(_ADVERBS) + r")\s+)*)([A-Za-z']+)", re.I)
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]{1,80}[\"\u201d]|(?<!\w)'[^']{1,80}'(?!\w)")
_USER_FORMS = re.compile(r"\b(?:the\s+)?user\b", re.I)


def _third_person(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ed") or low.endswith("s") and not low.endswith("ss") or low in _PAST:
        return low
    if re.search(r"(?:sh|ch|x|z|o|ss)$", low):
        return low + "es"
    if re.search(r"[^aeiou]y$", low):
        return low[:-1] + "ies"
    return low + "s"


@lru_cache(maxsize=65536)
def _fix_word(word: str) -> str:
    """The vocabulary word a misspelt key word was meant to be; the word itself otherwise."""
    low = word.lower()
    if low in _SHORTHAND:
        return _SHORTHAND[low]
    if low + "g" in _GERUNDS:
        return word + "g"
    if len(low) < 5 or low in _VOCAB_SET or not low.isalpha():
        return word
    hit = difflib.get_close_matches(low, _VOCAB, n=1, cutoff=0.84)
    # a typo keeps the first letter: "alergic" is "allergic", but "other" is a word of its own, not "mother"
    return hit[0] if hit and hit[0][0] == low[0] else word


def fix_typos(text: str) -> str:
    def fix(m: re.Match) -> str:
        return m.group(0) if _BEFORE_NAME.match(m.group(0) + text[m.end():]) else _fix_word(m.group(0))

    return _WORD.sub(fix, text)


@lru_cache(maxsize=65536)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    names = tuple(n for n in names if n and n.lower() not in ("user", "the user"))
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # a subject or possessor only: "Skipper" in "Please call me Skipper" is the value, not the tenant
    return re.compile(r"^(?:" + alts + r")\b(?!@)|\b(?:" + alts + r")(?='s\b)|(?<=\b(?:and|but) )(?:" + alts + r")\b(?= \w+s\b)", re.I)


def _first_person(text: str) -> str:
    def verb(m: re.Match) -> str:
        return f"{USER} {m.group(1)}{_third_person(m.group(2))}"

    t = re.sub(r"\bi\b(?!')(?!\s+[A-ZÀ-ÝÆØÅČŠŽĆĐ])|\bi(?='(?:m|ve|ll|d)\b)", "I", text)
    for pat, rep in _FIRST_PERSON[:4]:
        t = pat.sub(rep, t)
    t = _I_VERB.sub(verb, t)
    for pat, rep in _WE:
        t = pat.sub(rep, t)
    t = _WE_VERB.sub(verb, t)
    t = re.sub(r"\bI\b(?!-\w)", USER, t)  # "I-5", "I-95": a highway, not the speaker
    for pat, rep in _FIRST_PERSON[4:]:
        t = pat.sub(rep, t)
    return t


def _subjectless(text: str) -> str:
    m = re.match(r"([A-Za-z']+)(.*)$", text, re.S)
    if not m:
        return text
    first, rest = m.group(1), m.group(2)
    low = first.lower()
    if low.endswith("'s") and low[:-2] not in ("user", "it", "that", "there", "what", "he", "she", "here"):
        if first[:1].islower() or first[:-2].lower() in _POSSESSED:
            return f"{USER}'s {low}{rest}"
        return text
    if low in _POSSESSED | {"fav", "hometown", "job", "car", "wife", "husband", "sons", "daughters"} and \
            re.match(r"(?:\s+[\w'-]+){0,3}?\s+(?:is|are|was)\b", rest):
        return f"{USER}'s {low}{rest}"
    if low in _RELATIVES and re.match(r"\s+[a-z]+s\b", rest):  # Mem0's "Sister lives in Rome": hers, not the user's
        return f"{USER}'s {low}{rest}"
    if low in _ADVERBS:
        m2 = re.match(r"\s+([A-Za-z']+)", rest)
        if not (m2 and (m2.group(1).lower() in SUBJECTLESS_VERBS or re.fullmatch(r"[a-z]+[^s]s", m2.group(1).lower()))):
            return text
        return f"{USER} {low}{rest}"
    if low in SUBJECTLESS_VERBS:
        return f"{USER} {low}{rest}"
    if low in _GERUNDS and re.match(r"\s+(?:in|at|for|with)\b", rest):
        return f"{USER} is {low}{rest}"
    if low in ("drive", "ride", "own") and first.islower() and re.match(r"\s+(?:an?|the)\s", rest):  # "drive a nissan micra"
        return f"{USER} {_third_person(low)}{rest}"
    if low in _DROPPED_I and re.match(r"\s+(?:in|at|for|as)\b", rest):  # chat drops the "I": "work at spotify now"
        return f"{USER} {_third_person(low)}{rest}"
    if low == "play" and first.islower() and re.match(r"\s+[a-z]+\s+(?:on|every|at|in|with)\b", rest):  # "play cricket on sundays"
        return f"{USER} plays{rest}"
    if low == "from":
        return f"{USER} is from{rest}"
    if low in ("born", "married", "allergic", "based"):
        return f"{USER} {'was' if low == 'born' else 'is'} {low}{rest}"
    if low in ("originally", "from") or (low in _ADVERBS and re.match(r"\s+from\b", rest)):
        return f"{USER} is {low}{rest}"
    return _role_phrase(text)


# A memory may be a bare noun phrase naming a role the user has: "Software engineer at Google", "Law student at
# Leiden", "Big Liverpool fan", "Mother of two" (Mem0 writes these, and so do people filling a profile). Read as
# "The user is a ...", they reach the same patterns as "Is a software engineer". Only a phrase whose head names a
# person (an agent noun or a word of _ROLE_HEADS) and that holds no verb qualifies: "Trip to Rome next month" or
# "Sister named Anna" stays as written.
_ROLE_HEADS = frozenset({
    "nurse", "chef", "student", "fan", "owner", "lover", "parent", "graduate",
    "native", "expat", "retiree", "veteran", "person", "coach", "pilot", "doctor", "judge", "surgeon", "dentist",
    "architect", "mechanic", "electrician", "plumber", "midwife", "paramedic", "candidate", "intern", "trainee",
    "apprentice", "freelancer", "engineer", "consultant", "analyst", "scientist", "artist", "musician", "athlete",
    "enthusiast", "nerd", "geek", "buff", "addict", "fanatic", "cook", "clerk", "barista", "cashier", "postdoc",
    "undergrad", "undergraduate", "grad", "alum", "alumnus", "alumna", "physician", "therapist", "pharmacist",
    "vet", "attorney", "accountant", "librarian", "firefighter", "officer", "sergeant", "soldier", "carpenter",
    "mom", "mum", "dad", "mother", "father", "grandmother", "grandfather", "grandparent", "member", "volunteer",
    "diabetic", "asthmatic", "epileptic", "employee", "staffer", "resident", "native",
})
_NAMED_BY = frozenset({"employee", "staffer", "fan", "supporter", "alum", "alumnus", "alumna", "graduate", "resident",
                       "native", "local"})  # an org or team
_NOT_PLACES = frozenset("plant home office remote cloud web evidence team project text browser fact science data "
                        "community faith water oil gas paper skill value model rule".split())
_OTHER_COPULAS = frozenset("soy sou sono bin ben är er es est jestem som sunt olen je ich ik jag yo eu io".split())
_KIN_HEADS = frozenset({"mom", "mum", "dad", "mother", "father", "grandmother", "grandfather", "grandparent", "parent"})
_NOT_AGENTS = frozenset({
    "computer", "water", "number", "letter", "paper", "winter", "summer", "dinner", "order", "border", "error",
    "center", "centre", "meter", "answer", "power", "tower", "corner", "chapter", "other", "brother", "sister",
    "daughter", "weather", "matter", "color", "colour", "honor", "honour", "flavor", "flavour", "labor", "favor",
    "calendar", "event", "moment", "comment", "content", "accent", "percent", "parent", "register", "birthday",
    "filter", "folder", "printer", "router", "monitor", "charger", "trailer", "laptop", "character", "sweater",
})
_NOT_PREFIX = frozenset({
    "a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "this", "that", "these", "those", "with",
    "to", "for", "at", "in", "on", "of", "from", "about", "after", "before", "and", "or", "but", "no", "not",
    "some", "any", "new", "next", "last", "every", "each", "is", "are", "was", "were", "has", "have", "had",
})
_ROLE_TAIL = re.compile(r"\s*(?:$|[.!]\s*$|,|\s(?:at|in|for|from|based|of|with|since|who|on|and|by|near)\b)")


def _role_phrase(text: str) -> str:
    based = re.match(r"([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})-based(?:\s+([a-z]+(?: [a-z]+){0,2}))?[.!]?$", text)
    if based and based.group(1).lower() not in _NOT_PLACES:  # "Denver-based", "Denver-based designer"
        role = based.group(2)
        if not role:
            return f"{USER} is based in {based.group(1)}"
        return f"{USER} is {'an' if role[0] in 'aeiou' else 'a'} {role} based in {based.group(1)}"
    words = re.match(r"((?:[A-Za-z0-9][\w'-]*\s+){0,3}?)([A-Za-z][a-z-]*)(?=" + _ROLE_TAIL.pattern + ")", text)
    if not words:
        return text
    prefix, head = words.group(1).split(), words.group(2).lower()
    if prefix and prefix[0].lower() in _OTHER_COPULAS:  # "Soy software engineer": another language's "I am"
        return text
    if any(w.lower() in _NOT_PREFIX | SUBJECTLESS_VERBS or w.lower().endswith("'s") for w in prefix):
        return text
    agent = head in _ROLE_HEADS or (len(head) > 4 and head not in _NOT_AGENTS and
                                    re.search(r"(?:er|or|ist|ian|ant|ent)$", head) is not None)
    if not agent or (head in _KIN_HEADS and not re.match(r"\s+of\b", text[words.end():])):
        return text
    rest = text[words.end():]
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|wants|likes|loves|needs|said|says)\b", rest, re.I):
        return text
    phrase = text[:words.end()]
    named = (head in _NAMED_BY and prefix) or (len(prefix) > 1 and prefix[1][:1].isupper())  # "Monzo employee"
    if not named and not re.match(r"[A-Z][a-z]*[A-Z]|[A-Z]{2}", phrase):
        phrase = phrase[:1].lower() + phrase[1:]
    article = "an" if phrase[:1].lower() in "aeiou" else "a"
    return f"{USER} is {article} {phrase}{rest}"


_RELATIVES = frozenset({
    "daughter", "son", "brother", "sister", "wife", "husband", "partner", "mother", "father", "mom", "mum", "dad",
    "friend", "boss", "manager", "girlfriend", "boyfriend", "fiancé", "fiancee", "grandmother", "grandfather",
    "grandma", "grandpa", "aunt", "uncle", "cousin", "niece", "nephew", "flatmate", "roommate", "neighbour",
    "neighbor", "colleague", "coworker", "sibling"})
_POSSESSED = {
    "daughter", "son", "brother", "sister", "wife", "husband", "partner", "mother", "father", "mom", "mum", "dad",
    "cat", "dog", "hamster", "rabbit", "bird", "parrot", "fish", "horse", "pet", "boat", "car", "bike", "friend",
    "boss", "manager", "kid", "child", "baby", "girlfriend", "boyfriend", "fiancé", "fiancee", "grandmother",
    "grandfather", "grandma", "grandpa", "aunt", "uncle", "cousin", "niece", "nephew", "team", "company",
    "employer", "favourite", "favorite", "name", "birthday", "hometown", "home", "job", "tortoise", "turtle",
    "snake", "lizard", "guinea", "puppy", "kitten", "roommate", "flatmate", "colleague", "coworker", "twin",
}


_ENGLISH = frozenset("the a an i my me is are and to in of with for at on be it not no please like likes wants prefers has have was".split())
_FOREIGN = frozenset("le la les des une est et je ne pas que qui mon ma mes der die das und ist nicht ich mein meine ein eine el los las una que es y yo mi por para con sur avec "
                     "ik ben mijn het een niet geen woon heet jag är och min mitt bor heter inte jestem mieszkam się nie jest mój moja "
                     "saya seorang dengan yang dan tolong ini itu desu imasu watashi kudasai onegaishimasu bir ve için çok "
                     "jsem bydlím prosím odpovídej chci jeg og ikke hos har hedder mig meg er det dag "
                     "ako ang ng mga sa ni ya kwa na ninaishi mimi "
                     "til på fra hver etter ved ek nie se 'n asseblief vir ons "
                     # Galician, Slovenian and Croatian, Albanian, Welsh, Basque, Icelandic, Latvian, Azerbaijani
                     "non unha coa moi miña teño estou ao pola nas sen xa hoxe sem sam je v pri iz joj ima moj "
                     "një në të dhe nuk për jo yn yng ym yr fy mae dw dwi gen nid yw mewn gyda efo rwy'n dw i'n "
                     "naiz eta ez dut nire bizi hjá og ekki fyrir með ir un uz ļoti mən və është jam tij saj o".split())



# Lower-case "i" or "u" before a name is "in" (Scandinavian "Bor i Bergen", Serbian and Croatian "Radim u
# Zagrebu"), not a pronoun or chat's "you" typed without its capital.
_BEFORE_NAME = re.compile(r"\b[iu](?=\s+[A-ZÀ-ÝÆØÅČŠŽĆĐ])")


def looks_english(text: str) -> bool:
    """The first-person rewrites are English grammar; "qu'on me vouvoie" must keep its "me"."""
    words = re.findall(r"[^\W\d_][\w']*", _BEFORE_NAME.sub(" ", text).lower())
    en = sum(w in _ENGLISH for w in words)
    # a word with a letter beyond Latin-1 ("işləyirəm", "Живеам", "ბათუმში") is another language's; a sentence
    # with such words and no English word at all is not English ("Lada sürürəm" has neither list's words)
    beyond = sum(any(c > "\u00ff" for c in w) for w in words)
    fo = sum(w in _FOREIGN for w in words) + bool(re.search(r"[àâçéèêëîïôûùüÿñæœßäöåø]", text.lower())) + beyond
    return en >= fo and (en > 0 or not beyond)


@lru_cache(maxsize=262144)
def canonical(text: str, names: tuple[str, ...] = ()) -> str:
    """`text` in the form "The user ..." where its perspective is recognised; `names` are the ways this
    tenant is named (display names, a detected subject name), replaced by "the user"."""
    t = new_value_clause(unwrap(" ".join(str(text).split()), SUBJECTLESS_VERBS))
    if not looks_english(t):
        return t
    quoted: list[str] = []

    def hide(m: re.Match) -> str:
        quoted.append(m.group(0))
        return f"\ue000{len(quoted) - 1}\ue001"

    t = _QUOTED.sub(hide, t)  # a quoted sign-off or banned word is a value: kept verbatim
    pat = _names_pattern(tuple(names))
    if pat is not None:  # before the typo fixes, which would read "Bjorn" as "born"
        t = pat.sub(USER, t)
    t = fix_typos(t)
    t = _TWO_AS_TO.sub(r"\1 to ", t)
    t = re.sub(r"\b(\w+)s (name|names)\b", lambda m: f"{m.group(1)}'s {m.group(2)}" if m.group(1).lower() in _POSSESSED else m.group(0), t)
    t = _USER_FORMS.sub(USER, t)
    t = re.sub(r"\b(?:he|she|they)\b(?=\s+(?:is|was|has|likes|prefers|wants|lives|works|loves|\w+s)\b)", USER, t, flags=re.I)
    t = re.sub(r"\b(?:his|her|their)\b(?=\s+\w+\s+(?:is|was|are)\b)", "the user's", t, flags=re.I)
    t = _first_person(t)
    if not t.lower().startswith(USER):
        t = _subjectless(t)
    t = re.sub(r"\bthe user the user\b", USER, t, flags=re.I)
    t = re.sub(r"\b(?:the\s+)+user\b", USER, t, flags=re.I)
    t = re.sub("\ue000(\\d+)\ue001", lambda m: quoted[int(m.group(1))], t)
    return t[:1].upper() + t[1:] if t else t


def subject_name(texts: list[str], known: tuple[str, ...] = ()) -> str | None:
    """The name a tenant's memory calls them by ("Priya's cat is Mango", "Priya likes tea"): the capitalised
    word that opens most of its statements as a subject, if it opens at least two and a third of them.
    A name that opens one statement ("Tom lives with me") is a person the user talks about, not the user."""
    counts: dict[str, int] = {}
    for t in texts:
        m = re.match(r"\s*([A-Z][a-z]+)(?:'s\b|\s+(?:is|was|has|likes|loves|prefers|wants|needs|lives|works|hates|\w+s)\b)", t)
        if m and m.group(1).lower() not in _NOT_NAMES:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    name, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    if name.lower() in known or (n >= 2 and n * 3 >= len(texts)):
        return name
    return None


_NOT_NAMES = {w for w in SUBJECTLESS_VERBS} | _POSSESSED | {
    "user", "the", "this", "that", "she", "he", "they", "it", "please", "always", "never", "keep", "use", "answer",
    "answers", "replies", "responses", "there", "what", "when", "here", "every", "each", "no", "my", "our",
}
