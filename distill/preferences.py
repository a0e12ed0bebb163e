"""Preference slots for statements no teacher can enforce by construction but that still have one value.

"Prefers metric units", "Distances in kilometres please, weights in kilos" and "Give me feet, pounds and
Fahrenheit, not metric" share few words, and the last one must never group with the first two. They stay
kind `free` (taught by amplification), but with a slot and a value they group by key like facts, and a newer
value of the slot supersedes an older one (metric -> imperial). Keyword sets, not a model: each slot has a
handful of values and the words for them are a closed set; words after "not", "no", "rather than",
"instead of" or "over" count for the other side.
"""
from __future__ import annotations

import re

_CONTRA = re.compile(r"(?:\b(?:not|no|never|rather than|instead of|over|than|without|nothing like|hates?|dislikes?|"
                     r"can't stand|cannot stand|confused by|(?:stop|quit) (?:giving|using|sending|putting)|pas|jamais|sans|nicht|kein\w*|ohne|nunca|sin|sem|senza|mai|nada de|ayoko|ayaw|bukan|jangan)\b|n't\b)"
                     r"[^.;,!?]*", re.I)
# a refusal said after its object: "inches and pounds confuse him", "Fahrenheit means nothing to me"
_CONTRA_AFTER = re.compile(r"[^.;,!?]*\b(?:confus\w*|annoy\w*|means? nothing|mean nothing|hard to (?:read|follow|understand)|"
                           r"trips? (?:me|him|her|them) up|drives? (?:me|him|her|them) (?:crazy|mad|nuts)|değil)\b"
                           r"|[^.;,!?。、]*(?:ないで|しないで|やめて|いらない|不要)", re.I)
_SLOTS: dict[str, dict[str, re.Pattern]] = {
    # how warm an answer sounds, apart from its register: "a warmer tone" / "strictly neutral, businesslike"
    "warmth": {
        "warm": re.compile(r"\b(?:warm(?:er|th)?|encouraging|supportive|gentle|empathetic|cheerful)\b", re.I),
        "neutral": re.compile(r"\b(?:neutral|businesslike|business-like|matter-of-fact|clinical|detached|"
                              r"just (?:the )?facts)\b", re.I),
    },
    # the reader's level: "explain like I'm a beginner" / "assume I'm an expert", "skip the basics" (refused basics)
    "level": {
        "beginner": re.compile(r"\b(?:beginners?|novices?|newbies?|new to (?:this|all this|it|the topic|the subject|"
                               r"\w+ing)|eli5|like (?:i'?m|the user is|(?:he|she)'s|they're) (?:five|5)|layman'?s?|"
                               r"basics|basic concepts|fundamentals|débutante?s?|principiantes?|anfänger\w*)\b", re.I),
        "expert": re.compile(r"\b(?:experts?|expert-level|advanced|seasoned|assume (?:i|the user|he|she|they) "
                             r"(?:know|knows|understand)|experte?n?|experta?o?)\b", re.I),
    },
    "units": {
        "metric": re.compile(r"\b(?:metric|kilo\w*|kms?|kg|kgs|metres?|meters?|celsius|santigrat|degrees c|°c|centimet\w+|litres?|liters?|grams?|métrico|kilómetros|métrique)\b", re.I),
        "imperial": re.compile(r"\b(?:imperial|feet|pounds?|lbs?|miles?|fahrenheit|degrees f|°f|inch(?:es)?|gallons?|ounces?|oz|yards?)\b", re.I),
    },
    "tone": {
        "formal": re.compile(r"\b(?:formal|polite|(?<!\ba )professional|a professional (?=register|tone|style|manner|voice|way)|no slang|förmlich\w*|gesiezt|siezen|vouvo\w*|usted)\b|敬語|丁寧語|です・ます", re.I),
        "casual": re.compile(r"\b(?:casual|relaxed|informal(?:ly)?|chatty|laid-back|friendly tone|duzen|duz|tutoy\w*|tutoi\w*|tutear|tuteame|"
                            r"tutéame|de tú)(?!\w)|タメ口|ため口|カジュアル", re.I),
        "direct": re.compile(r"\b(?:direct|blunt|straightforward|no sugar-?coating|tell the user straight|straight)\b", re.I),
    },
    # which English an answer is spelled in: "UK English conventions ('colour')" / "US spelling (color, not colour)"
    "spelling": {
        "British": re.compile(r"\b(?:british|uk|u\.k\.|commonwealth|en-gb|oxford|australian|colour|favourite|-ise)\b", re.I),
        "American": re.compile(r"\b(?:american|us|u\.s\.|en-us|color|favorite|-ize)\b", re.I),
    },
    # what an answer must cite: "always quote the policy ID", "cite your sources"
    "citation": {
        "policy number": re.compile(r"\bpolic(?:y|ies)(?:'s)? (?:numbers?|ids?|no\.?|references?|codes?)\b", re.I),
        "sources": re.compile(r"\b(?:sources|citations|references)\b", re.I),
    },
}
# a slot read only where the statement is about answers: "warm" and "expert" name other things too
_SLOT_CUES = {
    "spelling": re.compile(r"\b(?:spell\w*|english|conventions|en-gb|en-us|dialect)\b", re.I),
    "citation": re.compile(r"\b(?:cite|cites|citing|quote|quoting|reference|include|give|mention|name)\b", re.I),
    "warmth": re.compile(r"\b(?:tone|sounds?|voice|style|repl(?:y|ies)|answers?|responses?|assistant|talk\w*|small talk)\b", re.I),
    "level": re.compile(r"\b(?:explain\w*|answers?|repl(?:y|ies)|assume|treat\w*|talk\w*|level|knowledge|jargon|"
                        r"like (?:i'?m|the user is)|as (?:if|though)|concepts?)\b", re.I),
}
_EMOJI = re.compile(r"\b(?:emojis?|emoticons?|smileys?|smiley faces?)\b", re.I)
_EMOJI_NO = re.compile(r"\b(?:no|not|never|without|don't|dont|doesn't|dislikes?|hates?|distract\w*|unprofessional|annoy\w*|skip|avoid\w*|"
                       r"stop|quit|less|fewer|drop|remove|ditch|leave out|cut (?:out|down)|tired of|sick of|enough)\b|n't\b", re.I)
_SUMMARY = re.compile(r"\b(?:tl;?dr|summary|one-line|one-sentence|single-sentence|bottom line)\b", re.I)
_FIRST = re.compile(r"\b(?:first|top|open|opens|start|starts|before|begin|lead)\b", re.I)
_JARGON = re.compile(r"\b(?:jargon|buzzwords?|technical terms|plain language|plain english)\b", re.I)
# "spoiled me for cold water" is no spoiler: the noun, or spoiling a story, is
_TOPICS = {"politics": re.compile(r"\bpolitic\w*", re.I),
           "spoilers": re.compile(r"\bspoilers?\b|\bspoil(?:s|ing)? (?:the|it|anything|endings?|plots?|twists?|"
                                  r"(?:the )?(?:show|film|movie|book|series|season|episode)s?)\b", re.I)}
_CODE = re.compile(r"\b(?:code|snippets?|examples?|programming|scripts|scripting|código|codigo|programação|programación|"
                   r"programmation|programmier\w*)\b", re.I)  # "one script" is an instance
_CODE_LANGS = {"go": r"go|golang", "python": r"python", "rust": r"rust", "javascript": r"javascript|js",
               "typescript": r"typescript|ts", "java": r"java", "c++": r"c\+\+|cpp", "ruby": r"ruby",
               "kotlin": r"kotlin", "swift": r"swift", "r": r"r", "sql": r"sql", "powershell": r"powershell",
               "bash": r"bash|shell|zsh"}


def _side(text: str, values: dict[str, re.Pattern]) -> str | None:
    """The value whose words the statement asks for; words in a contrasted span count for the others."""
    score = {v: 0 for v in values}
    contra = " ".join(m.group(0) for m in (*_CONTRA.finditer(text), *_CONTRA_AFTER.finditer(text)))
    main = _CONTRA_AFTER.sub(" ", _CONTRA.sub(" ", text))
    for v, pat in values.items():
        score[v] += 2 * len(pat.findall(main)) - len(pat.findall(contra))
    best = max(sorted(score), key=lambda v: score[v])
    if score[best] > 0:
        return best if sum(score[v] == score[best] for v in score) == 1 else None  # both sides: undecided
    refused = [v for v in score if score[v] < 0]
    return _OPPOSITE.get(refused[0]) if len(refused) == 1 else None  # "no need to be formal": casual


_LIKE_LONG = re.compile(r"\b(?:long-form|in depth|in-depth|detailed|thorough)\b", re.I)
_OPPOSITE = {"warm": "neutral", "neutral": "warm", "beginner": "expert", "expert": "beginner", "formal": "casual", "casual": "formal", "metric": "imperial", "imperial": "metric", "24-hour": "12-hour",
             "12-hour": "24-hour"}
_LONG = re.compile(r"\b(?:essays?|long|lengthy|verbose|rambl\w*|walls? of text|novels?|waffl\w*|lambi|lambe|lamba|"
                   r"largas|largos|longas|longos|lunghe|longues|uzun)\b", re.I)
_REFUSE = re.compile(r"\b(?:no|not|não|nao|nicht|never|don't|dont|doesn't|hates?|dislikes?|stop|without|avoid\w*|too|mat|nahi|nahin|"
                     r"ayoko|ayaw|bukan|jangan|nada de|değil)\b|n't\b", re.I)
_FEW_SENTENCES = re.compile(r"\b(?:(?:one|a single|single)[- ]paragraph (?:answers?|repl(?:y|ies)|responses?|max\w*|at most|tops)|"
                            r"(?:no máximo|como máximo|au plus|höchstens) (?:um|un|une|einen?) (?:parágrafo|párrafo|paragraphe|absatz)|(?:one|two|three|a few|couple of) (?:or (?:two|three|four) )?sentences? (?:at most|max\w*|tops)|"
                            r"at most (?:one|two|three|a few) sentences?)\b", re.I)
_DATES = {"iso": re.compile(r"\b(?:yyyy-mm-dd|iso(?: ?8601)?|year-month-day)\b", re.I),
          "day first": re.compile(r"\b(?:dd/mm/yyyy|dd\.mm\.yyyy|dd-mm-yyyy|day first|day-month-year|european[- ]style dates?|"
                                r"dd/mm/aaaa|jj/mm/aaaa|tt\.mm\.jjjj|dia/mês/ano|día/mes/año|jour/mois/année|gg/mm/aaaa)(?!\w)", re.I),
          "month first": re.compile(r"\b(?:mm/dd/yyyy|month first|month-day-year|american[- ]style dates?|us[- ]style dates?)\b", re.I)}
# The clock a time is written in: "24-hour", "18:30" (no am/pm) or "AM/PM", "6:30 PM"; contrasted words count for the other.
_CLOCK = {"24-hour": re.compile(r"\b(?:24[- ]?(?:hour|hr)\b|24h\b|military time|(?:[01]?\d|2[0-3]):[0-5]\d(?!\s*(?:[ap]\.?m\b|[ap]\.m\.)))", re.I),
          "12-hour": re.compile(r"\b(?:12[- ]?(?:hour|hr)\b|12h\b|am ?(?:/|and|or) ?pm|a\.m\.|p\.m\.|\d\s*[ap]m)\b", re.I)}
_CLOCK_CUE = re.compile(r"\b(?:times?|clock|format)\b|\b\d{1,2}:\d\d\b", re.I)  # "Write 18:30, not 6:30 pm" names no clock
_DATE_CUE = re.compile(r"\b(?:dates?|date format|yyyy|dd/mm|mm/dd|datas|fechas?|datum|tarih\w*)\b", re.I)
_TZ_CUE = re.compile(r"\b(?:times?|time ?zones?|schedules?|clock|meetings?|deadlines?)\b", re.I)
_TZ_CODE = re.compile(r"\b((?:[A-Z]{1,4}T|UTC|GMT)(?:[+-]\d{1,2})?)\b")
_TZ_NAME = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3}(?:Standard |Daylight |Summer )?Time)\b")


def time_zone(text: str) -> str | None:
    """The zone a statement asks times in, as its abbreviation: "Indian Standard Time" and "IST" are one value."""
    if not _TZ_CUE.search(text):
        return None
    m = _TZ_CODE.search(text)
    if m:
        return m.group(1).upper()
    m = _TZ_NAME.search(text)
    return "".join(w[0] for w in m.group(1).split()).upper() if m else None


_UNITS_CUE = re.compile(r"\b(?:metric|imperial|units?|measure\w*|medidas|sistema|use|give|prefer\w*|wants?|please|pls|only|convert\w*|"
                        r"asks? for|temperatures?|temps|from now on|switch\w*|derece|sıcaklık\w*|temperatur\w*|températures?|"
                        r"think in|in (?:kilo\w*|miles|feet|pounds|celsius|fahrenheit|metres|meters|inches))\b", re.I)
_SHORT = re.compile(r"\b(?:short|concise|brief|succinct|terse|to the point|impatient with long|few sentences|courtes?|bref|"
                    r"brève|kurz\w*|breves?|cortas?|curtas?|fais court|faites court|(?:under|at most|no more than|max(?:imum)?|within|fewer than|less than) "
                    r"(?:\w+ )?(?:sentences|lines)|(?:no más de|no pasen? de|como máximo|no máximo|não mais de|pas plus de|"
                    r"au plus|höchstens|non più di) (?:\w+ )?(?:frases|líneas|linhas|phrases|lignes|sätze|zeilen|frasi|righe))\b", re.I)


def preference(text: str) -> tuple[str, str] | None:
    """(slot, value) of a one-valued preference, or None."""
    found = _answer_habit(text)
    if found:
        return found
    for slot, values in _SLOTS.items():
        if slot == "units" and not _UNITS_CUE.search(text) or slot in _SLOT_CUES and not _SLOT_CUES[slot].search(text):
            continue
        v = _side(text, values)
        if v:
            return (cooking_scope(slot, text), v)
    tz = time_zone(text)
    if tz:
        return "timezone", tz
    if _CLOCK_CUE.search(text) and (v := _side(text, _CLOCK)):
        return "clock", v
    if _DATE_CUE.search(text):
        v = _side(text, _DATES)
        if v:
            return "date_format", v
    if _SUMMARY.search(text) and _FIRST.search(text):
        return "summary_first", "yes"
    if _SHORT.search(text) and not re.search(r"\d|\b(?:words?|paragraphs?|sentences? maximum)\b", text):
        return "brevity", "short"
    if (_LONG.search(text) and _REFUSE.search(text) and not _LIKE_LONG.search(text)) or _FEW_SENTENCES.search(text):
        return "brevity", "short"  # "don't write essays at me", "two or three sentences at most"
    if _EMOJI.search(text):
        return ("emoji", "none") if _EMOJI_NO.search(text) else ("emoji", "yes")
    if _JARGON.search(text):
        return "level", "beginner"  # "skip the jargon" asks for the level "explain it like I'm new to this" does
    for topic, pat in _TOPICS.items():
        if pat.search(text):
            return "avoid_topic", topic
    if _CODE.search(text):
        main = _CONTRA.sub(" ", text)  # "only shell scripts pls, no more powershell": the refused one is not asked for
        for lang, alts in _CODE_LANGS.items():
            if re.search(rf"\b(?:in|em|en|auf|use|prefers?|wants?|likes?|with)\s+(?:{alts})\b|\b(?:{alts})\s+(?:for|code|snippets|scripts?)\b",
                         main, re.I):
                return "code_language", lang
    return None


# Measures in the kitchen are their own preference: "recipes in grams" is not "distances in km", and someone who
# wants miles on the road may still weigh flour in grams. Cups and spoons are kitchen measures by themselves.
_COOKING = re.compile(r"\b(?:recipes?|cooking|baking|bake|ingredients?|kitchen|cups?|tablespoons?|teaspoons?|tbsp|tsp|cuisine|küche|cocina|recetas?|recettes?|rezept\w*|receitas?)\b", re.I)


def cooking_scope(slot: str, text: str) -> str:
    """The units slot of a statement about cooking is `cooking_units`; any other slot is returned as it is."""
    return "cooking_units" if slot == "units" and _COOKING.search(text) else slot


# Habits of an answer that have one value each and no opposite worth training: a refusal of markdown, of
# apologies, of preamble; code without the prose around it.
_MARKDOWN = re.compile(r"\b(?:markdown|plain text|no formatting|raw text)\b", re.I)
_APOLOGY = re.compile(r"\b(?:apolog\w*|(?:saying|say|says) sorry|sorry all the time)\b", re.I)
_PREAMBLE = re.compile(r"\b(?:pleasantries|greetings?|small talk|preambles?|intros?|introductions?|filler|flattery|"
                       r"einleitung\w*|floskel\w*|préambule|formules de politesse|rodeos|al grano)\b", re.I)
_CODE_ONLY = re.compile(r"\b(?:just|only)\b[^.;!?]{0,24}\bcode\b|\bcode only\b|\bcode blocks? only\b|"
                        r"\b(?:explain\w*|explanations?|walk-?thr\w*|commentary)\b[^.;!?]{0,12}\bcode\b", re.I)
_CODE_PROSE = re.compile(r"\b(?:explain\w*|explanations?|walk-?thr\w*|commentary|prose)\b", re.I)


def _answer_habit(text: str) -> tuple[str, str] | None:
    """(slot, value) of an answer habit the user refuses or asks for: "no markdown", "stop apologizing",
    "skip the preamble", "just the code"; the refusal may come as a complaint ("I hate when you apologize")."""
    refused = bool(_REFUSE.search(text) or re.search(r"\b(?:skip|quit|drop|ditch|cut (?:out|the)|enough with|spar|ohne|sans|sin|sem|keine?n?|pas de)\b",
                                                            text, re.I))
    plain_for_emoji = _EMOJI.search(text) and not re.search(r"markdown|formatting", text, re.I)
    if _MARKDOWN.search(text) and not plain_for_emoji:  # "plain text without any emoji" refuses the emoji
        return "markdown", "off" if refused or re.search(r"plain text|raw text", text, re.I) else "on"
    if _APOLOGY.search(text) and refused:
        return "apologies", "none"
    if _CODE_ONLY.search(text) and (re.search(r"\b(?:just|only)\b", text, re.I) or refused and _CODE_PROSE.search(text)):
        return "code_only", "yes"
    if _PREAMBLE.search(text) and refused:
        return "preamble", "none"
    return None


# A request for one answer only ("answer this one in German", "just this once, the long version", "asked for
# one reply in French for a letter"): it says nothing about what the user wants from now on.
_ONE_TIME = re.compile(r"\b(?:this one|this time|just this once|for once|just for (?:today|now)|this (?:answer|reply|question)|"
                       r"(?:one|a single) (?:answer|reply|response|message)\b(?=.*\bfor (?:a|an|my|his|her|their|the)\b)|"
                       r"(?:asked|asks|wanted|needed) for (?:one|a single) (?:answer|reply|response|message)\b|"
                       r"(?<!^)once\b(?! (?:a|an|every|per|more|again|i|we|you|the user)\b))"
                       r"|\b(?:uma vez|una vez|une fois|cette fois|celle-ci|celui-ci|einmal|diesmal|dieses eine mal|questa volta|"
                       r"per una volta|esta vez)\b(?! (?:a la|al|à la|por|par|pro|per|in der|im|am|pela|la semana)\b)"
                       r"|今回だけ|今回は|这次|这一次|이번만|이번에는", re.I)


def one_time(text: str) -> bool:
    """A request scoped to a single answer, not a lasting preference."""
    return bool(_ONE_TIME.search(text))
