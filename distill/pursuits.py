"""What a person does, as a fact: what they studied, their hobbies and sports, what they train for, their trade.

Memory states these with verbs rather than "<x>'s <noun> is V" ("Goes bouldering twice a week", "I studied civil
engineering", "I'm training for my third marathon", "Electrician by trade", "Hace ciclismo los domingos"), so
the noun patterns of schema.py leave them `free` and they lose the statement and the probe. Each rule below
is a construction, not a list of values: the value is whatever activity or field the sentence names, cut at
the first time or place phrase ("twice a week", "at university"). Read on the canonical form (canonical.py).
A hobby is one of several a person has, so the slot does not supersede (schema.MULTI_VALUED).
"""
from __future__ import annotations

import re

_U = r"(?:[Tt]he user|[A-Z][\w'-]*)"
_DET = r"(?:(?:the user's|his|her|their|an?|the|my)\s+)?"
_ORDINAL = r"(?:(?:first|second|third|fourth|fifth|sixth|next|another|\d+(?:st|nd|rd|th)?|big|local|annual)\s+)*"
# Where the value ends: a time, frequency, place or reason phrase.
_CUT = re.compile(r"\s+(?:twice|once|three times|every|each|most|this|next|last|at|in|on|with|for|after|before|"
                  r"since|because|to|and|but|near|around|when|while|as|whenever|during|los|las|el|la|le|les|am|im|"
                  r"jeden|chaque|ogni|todos?|todas?|tous|toutes|durante|pendant)\b.*$", re.I)
SPORTS = {"tennis", "football", "soccer", "chess", "golf", "basketball", "volleyball", "badminton", "squash", "hockey",
          "rugby", "cricket", "baseball", "padel", "pickleball", "table tennis", "ping pong", "handball", "poker",
          "bridge", "video games", "water polo", "ultimate frisbee", "darts", "pool", "snooker", "bowling"}
_ACTIVITY_VERBS = {"runs": "running", "rows": "rowing", "swims": "swimming", "climbs": "climbing", "hikes": "hiking",
                   "skis": "skiing", "surfs": "surfing", "skates": "skating", "boxes": "boxing", "fences": "fencing",
                   "dances": "dancing", "paints": "painting", "knits": "knitting", "sews": "sewing", "kayaks": "kayaking",
                   "dives": "diving", "fishes": "fishing", "jogs": "jogging", "skateboards": "skateboarding",
                   "snowboards": "snowboarding", "sings": "singing", "gardens": "gardening", "bakes": "baking"}
_TAIL = r"(?:\s+(?:on|in|at|every|each|with|twice|once|most|after|before|competitively|regularly|daily|weekly|at weekends|for fun)\b.*)?$"
_PATTERNS = [
    (re.compile(rf"^{_U} (?:also |still |now |regularly |often |usually )?(?:goes|enjoys|loves|does|is into|took up|"
                rf"has taken up|is hooked on|is obsessed with|practices|practises) (?:going )?(?P<val>(?:[a-z]+ )?[a-z]+ing)\b", re.I), "hobby"),
    (re.compile(rf"^{_U} (?:is|has been) (?:training|in training) for {_DET}{_ORDINAL}(?P<val>[\w-]+(?: [\w-]+)?)", re.I), "hobby"),
    (re.compile(rf"^{_U} (?:runs|has run) (?P<val>(?:half |ultra |ultra-)?marathons|triathlons|ultramarathons)\b", re.I), "hobby"),
    (re.compile(rf"^{_U} (?:is|has been) an? (?:\w+ )?member of (?:an?|the) (?P<val>[\w -]+?) (?:club|team|society|league)\b", re.I), "hobby"),
    # "is in a Sunday league football team": the sport the team plays, whatever words come before it
    (re.compile(rf"^{_U} (?:is|plays|has been) (?:in|on|part of|for) (?:an?|the) (?:[\w-]+ ){{0,3}}?"
                rf"(?P<val>{'|'.join(sorted(SPORTS))}) (?:team|club|league|squad|side)\b", re.I), "hobby"),
    (re.compile(rf"^{_U} (?:studied|studies|is studying|majored in|majors in|has an? (?:\w+ )?degree in|"
                rf"holds an? (?:\w+ )?degree in|graduated in|did an? (?:\w+ )?degree in|trained in) (?P<val>[\w -]+)", re.I), "degree"),
    (re.compile(rf"^{_U} is an? (?:\w+[- ]year )?(?P<val>[\w -]+?) (?:student|major|graduate|undergrad|undergraduate)\b", re.I), "degree"),
    (re.compile(rf"^(?:{_U} (?:is )?)?(?:doing|pursuing|completing|finishing|working on|working towards) an? "
                rf"(?:PhD|Ph\.D\.?|doctorate|masters?|master's|MSc|MA|MBA|BSc|BA|bachelor's|degree)(?: degree)? in (?P<val>[\w -]+?)"
                rf"(?: at .*| part[- ]time| full[- ]time)?$", re.I), "degree"),
    (re.compile(rf"^{_U} is an? (?:[\w-]+ )?(?:student|candidate|researcher|postdoc) (?:in|of) (?P<val>[\w -]+?)(?: at .*)?$", re.I), "degree"),
    (re.compile(r"\b(?:the user's|his|her|their) (?P<val>[\w -]+?) (?:degree|studies|course|diploma)\b", re.I), "degree"),
    # foreign: hobbies with "does/practises" ("Hace ciclismo", "Fait de l'escalade", "Pratica la vela", "Macht Yoga")
    (re.compile(r"\b(?:hace|hago|practica|practico|pratica|pratico|fait du|fait de la|fait de l'|fais du|fais de la|"
                r"pratique l[ae']?|joga|jogo|gioca a) ?(?P<val>[\wÀ-ÿ-]+(?: de [\wÀ-ÿ-]+)?)", re.I), "hobby"),
]
_ALUMNUS = re.compile(rf"^{_U} is an? (?P<val>[A-Z][\w&.'-]*(?: (?:of )?[A-Z][\w&.'-]*){{0,4}}) (?:graduate|grad|alum|alumnus|alumna)\b")
_SUBJECTS = frozenset("english french german spanish italian history law maths math mathematics physics chemistry biology "
                      "economics medicine music art arts philosophy psychology engineering nursing classics geography "
                      "politics sociology theology architecture design drama film literature".split())
_NOT_ACTIVITIES = {"nothing", "something", "anything", "everything", "going", "being", "having", "doing", "getting",
                   "working", "thing", "things", "sure", "well", "fine", "the", "a", "an", "sport", "sports",
                   "recent", "new", "proud", "fresh", "former", "young", "mature", "first", "current", "high"}
_TRADE = re.compile(r"^(?:an? )?(?P<val>(?:\w+ )?\w+?(?:man|woman|er|or|ist|ian|ant|ent|ic))\s+(?:by (?:trade|profession|training)|"
                    r"out of \w+.*)$", re.I)


def _activity(verb_form: str) -> str:
    return _ACTIVITY_VERBS.get(verb_form.lower(), verb_form.lower())


def cut_phrase(val: str) -> str:
    """The value without the time, frequency, place or reason phrase after it."""
    return _CUT.sub("", val.strip()).strip(" .,!-")


def pursuit(text: str) -> tuple[str, str] | None:
    """(slot, value) for a hobby, sport, training goal, field of study or trade; None otherwise."""
    t = text.strip().rstrip(" .!")
    m = re.match(rf"^{_U} (?:also |still |regularly |often )?(?P<verb>{'|'.join(_ACTIVITY_VERBS)}){_TAIL}", t, re.I)
    if m:
        return "hobby", _activity(m.group("verb"))
    m = _ALUMNUS.match(t)
    if m and m.group("val").lower() not in _SUBJECTS | _NOT_ACTIVITIES:  # "an Oxford graduate", "TCD alum": a school; "an English graduate": a subject
        return "school", m.group("val")
    for pat, slot in _PATTERNS:
        m = pat.search(t)
        if m:
            val = cut_phrase(m.group("val"))
            words = val.lower().split()
            if val and len(words) <= 4 and words[0] not in _NOT_ACTIVITIES:
                return slot, val
    m = re.match(r"^the user plays (?P<val>[\w -]+?)" + _TAIL, t, re.I)
    if m and m.group("val").lower().removeprefix("the ") in SPORTS:
        return "hobby", m.group("val").lower().removeprefix("the ")
    m = _TRADE.match(t)
    if m and m.group("val").split()[-1].lower() not in _NOT_ACTIVITIES:
        return "job", m.group("val").lower()
    return None


# What a person does for work, said without naming the job: "catches cod for a living", "spends her days filling
# cavities", "makes logos for clients all day". Such a statement names the slot, not its value.
_AT_WORK = re.compile(r"\b(?:for a living|for work|by trade|(?:the user's|my) (?:trade|line of work)|(?:spends|spend) (?:the user's|his|her|their|my) (?:days|working days|"
                      r"workdays)|(?:for|with) (?:clients|customers|patients) all day|all day (?:at work|at the office)|"
                      r"(?:day|night|early|late) shifts?\b|(?:it's|its|it is|that's) (?:the user's|my|his|her|their) (?:job|trade|work)\b)",
                      re.I)


# ... or what the user habitually does at a workplace: "treats sick cats and dogs at an animal clinic", "delivers
# babies at the county hospital" (the user's present-tense verb, then the place of work within the clause; a
# customer's verbs such as "buys", "eats", "visits" say nothing of work).
_AT_WORKPLACE = re.compile(r"^the user (?:[a-z]+ly )?(?!(?:buys|gets|eats|drinks|meets|visits|picks|orders|shops|sees|has|"
                           r"goes|stops|waits|queues)\b)[a-z]+s\b[^.;!?]*?\b(?:at|for|in) (?:an?|the)\s+(?:[\w-]+ ){0,2}?(?:hospital|"
                           r"clinic|school|office|airline|firm|factory|restaurant|trattoria|bakery|garage|workshop|station|"
                           r"ward|studio|lab|laboratory|agency|practice|pharmacy|warehouse|plant|shop|salon|cafe|café|"
                           r"hotel|bank|court|newsroom|kitchen|surgery|depot|mill|mine|farm|dealership|university)s?\b", re.I)


def about_work(text: str) -> bool:
    """The statement says what the user does for work without naming the job (its value comes from the one job
    the tenant's memory names)."""
    return bool(_AT_WORK.search(text) or _AT_WORKPLACE.search(text))

