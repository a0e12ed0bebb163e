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
                           r"trips? (?:me|him|her|them) up|drives? (?:me|him|her|them) (?:crazy|mad|nuts)|değil)\b", re.I)
_SLOTS: dict[str, dict[str, re.Pattern]] = {
    "units": {
        "metric": re.compile(r"\b(?:metric|kilo\w*|kms?|kg|kgs|metres?|meters?|celsius|santigrat|degrees c|°c|centimet\w+|litres?|liters?|grams?|métrico|kilómetros|métrique)\b", re.I),
        "imperial": re.compile(r"\b(?:imperial|feet|pounds?|lbs?|miles?|fahrenheit|degrees f|°f|inch(?:es)?|gallons?|ounces?|oz|yards?)\b", re.I),
    },
    "tone": {
        "formal": re.compile(r"\b(?:formal|polite|(?<!\ba )professional|a professional (?=register|tone|style|manner|voice|way)|no slang|förmlich\w*|gesiezt|siezen|vouvo\w*|usted)\b", re.I),
        "casual": re.compile(r"\b(?:casual|relaxed|informal|chatty|laid-back|friendly tone|duzen|duz|tutoy\w*|tutoi\w*|tutear|tuteame|"
                            r"tutéame|de tú)(?!\w)", re.I),
        "direct": re.compile(r"\b(?:direct|blunt|straightforward|no sugar-?coating|tell the user straight|straight)\b", re.I),
    },
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
_CODE = re.compile(r"\b(?:code|snippets?|examples?|programming|scripts|scripting)\b", re.I)  # "one script" is an instance
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
_OPPOSITE = {"formal": "casual", "casual": "formal", "metric": "imperial", "imperial": "metric", "24-hour": "12-hour",
             "12-hour": "24-hour"}
_LONG = re.compile(r"\b(?:essays?|long|lengthy|verbose|rambl\w*|walls? of text|novels?|waffl\w*|lambi|lambe|lamba|"
                   r"largas|largos|lunghe|longues|uzun)\b", re.I)
_REFUSE = re.compile(r"\b(?:no|not|never|don't|dont|doesn't|hates?|dislikes?|stop|without|avoid\w*|too|mat|nahi|nahin|"
                     r"ayoko|ayaw|bukan|jangan|nada de|değil)\b|n't\b", re.I)
_FEW_SENTENCES = re.compile(r"\b(?:(?:one|two|three|a few|couple of) (?:or (?:two|three|four) )?sentences? (?:at most|max\w*|tops)|"
                            r"at most (?:one|two|three|a few) sentences?)\b", re.I)
_DATES = {"iso": re.compile(r"\b(?:yyyy-mm-dd|iso(?: ?8601)?|year-month-day)\b", re.I),
          "day first": re.compile(r"\b(?:dd/mm/yyyy|dd\.mm\.yyyy|dd-mm-yyyy|day first|day-month-year|european[- ]style dates?|"
                                r"dd/mm/aaaa|jj/mm/aaaa|tt\.mm\.jjjj|dia/mês/ano|día/mes/año|jour/mois/année|gg/mm/aaaa)(?!\w)", re.I),
          "month first": re.compile(r"\b(?:mm/dd/yyyy|month first|month-day-year|american[- ]style dates?|us[- ]style dates?)\b", re.I)}
# The clock a time is written in: "24-hour", "18:30" (no am/pm) or "AM/PM", "6:30 PM"; contrasted words count for the other.
_CLOCK = {"24-hour": re.compile(r"\b(?:24[- ]?(?:hour|hr)\b|24h\b|military time|(?:[01]?\d|2[0-3]):[0-5]\d(?!\s*(?:[ap]\.?m\b|[ap]\.m\.)))", re.I),
          "12-hour": re.compile(r"\b(?:12[- ]?(?:hour|hr)\b|12h\b|am ?(?:/|and|or) ?pm|a\.m\.|p\.m\.|\d\s*[ap]m)\b", re.I)}
_CLOCK_CUE = re.compile(r"\b(?:times?|clock|format)\b", re.I)
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
                        r"asks? for|temperatures?|temps|derece|sıcaklık\w*|temperatur\w*|températures?|"
                        r"think in|in (?:kilo\w*|miles|feet|pounds|celsius|fahrenheit|metres|meters|inches))\b", re.I)
_SHORT = re.compile(r"\b(?:short|concise|brief|succinct|terse|to the point|impatient with long|few sentences|courtes?|bref|"
                    r"brève|kurz\w*|breves?|cortas?|(?:under|at most|no more than|max(?:imum)?|within|fewer than|less than) "
                    r"(?:\w+ )?(?:sentences|lines)|(?:no más de|no pasen? de|como máximo|no máximo|não mais de|pas plus de|"
                    r"au plus|höchstens|non più di) (?:\w+ )?(?:frases|líneas|linhas|phrases|lignes|sätze|zeilen|frasi|righe))\b", re.I)


def preference(text: str) -> tuple[str, str] | None:
    """(slot, value) of a one-valued preference, or None."""
    for slot, values in _SLOTS.items():
        if slot == "units" and not _UNITS_CUE.search(text):
            continue
        v = _side(text, values)
        if v:
            return slot, v
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
        return "jargon", "avoid"
    for topic, pat in _TOPICS.items():
        if pat.search(text):
            return "avoid_topic", topic
    if _CODE.search(text):
        main = _CONTRA.sub(" ", text)  # "only shell scripts pls, no more powershell": the refused one is not asked for
        for lang, alts in _CODE_LANGS.items():
            if re.search(rf"\b(?:in|use|prefers?|wants?|likes?|with)\s+(?:{alts})\b|\b(?:{alts})\s+(?:for|code|snippets|scripts?)\b",
                         main, re.I):
                return "code_language", lang
    return None
