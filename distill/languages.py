"""The languages an answer can be asked in, by every name memory gives them.

One table, because three steps must agree on it: the schema types "Replies in Kiswahili, please" as an answer
language, the grouping guard keeps "answers in English" and "answers in Swahili" apart (different languages are
different values, never paraphrases), and proper-name comparison skips language names (compared here instead).
Keys are lower-case names as memory writes them: the English name, the name in the language itself, and the
name in the languages memory most often comes in ("anglais", "inglés", "Englisch"); values are the English name
the profile stores. Written by hand because no dependency we ship maps endonyms and exonyms to one name.
"""
from __future__ import annotations

import re
import unicodedata

from .canonical import looks_english

_ALIASES = {
    "English": "english anglais inglés ingles englisch inglese inglês engels angielski",
    "French": "french français francais francés frances französisch franzosisch francese francês francuski",
    "German": "german allemand alemán aleman deutsch tedesco alemão duits niemiecki",
    "Spanish": "spanish español espanol espagnol spanisch spagnolo espanhol castellano castellà castella spaans hiszpański",
    "Italian": "italian italiano italien italienisch italiaans włoski",
    "Portuguese": "portuguese português portugues portugais portugués portugiesisch portoghese portugees",
    "Dutch": "dutch nederlands néerlandais neerlandais holandés niederländisch olandese flemish vlaams",
    "Polish": "polish polski polsku polonais polaco polnisch polacco pools",
    "Japanese": "japanese 日本語 nihongo japonais japonés japanisch giapponese japonês japans",
    "Chinese": "chinese mandarin 中文 汉语 普通话 chinois chino chinesisch cinese chinês chinees putonghua",
    "Cantonese": "cantonese 粤语 廣東話 cantonais cantonés",
    "Korean": "korean 한국어 coréen coreen coreano koreanisch koreaans",
    "Arabic": "arabic العربية arabe árabe arabisch arabo arabisch",
    "Russian": "russian русский по-русски russe ruso russisch russo russisch",
    "Ukrainian": "ukrainian українська по-українськи ukrainien ucraniano ukrainisch",
    "Hindi": "hindi हिन्दी हिंदी",
    "Bengali": "bengali bangla বাংলা",
    "Urdu": "urdu اردو",
    "Punjabi": "punjabi ਪੰਜਾਬੀ",
    "Tamil": "tamil தமிழ்",
    "Telugu": "telugu తెలుగు",
    "Marathi": "marathi मराठी",
    "Persian": "persian farsi فارسی persan",
    "Turkish": "turkish türkçe turkce turc turco türkisch",
    "Greek": "greek ελληνικά grec griego griechisch greco grieks",
    "Hebrew": "hebrew עברית hébreu hebreo hebräisch ebraico",
    "Swedish": "swedish svenska suédois sueco schwedisch svedese zweeds",
    "Norwegian": "norwegian norsk norvégien noruego norwegisch",
    "Danish": "danish dansk danois danés dänisch",
    "Finnish": "finnish suomi suomeksi finnois finlandés finnisch",
    "Icelandic": "icelandic íslenska",
    "Hungarian": "hungarian magyar hongrois húngaro ungarisch",
    "Czech": "czech čeština cestina tchèque checo tschechisch",
    "Slovak": "slovak slovenčina slovencina slovensky",
    "Slovenian": "slovenian slovene slovenščina",
    "Croatian": "croatian hrvatski",
    "Serbian": "serbian srpski српски",
    "Bulgarian": "bulgarian български",
    "Romanian": "romanian română romana roumain rumano rumänisch",
    "Estonian": "estonian eesti",
    "Latvian": "latvian latviešu",
    "Lithuanian": "lithuanian lietuvių lietuviškai",
    "Catalan": "catalan català catalán katalanisch",
    "Basque": "basque euskara euskera",
    "Galician": "galician galego",
    "Welsh": "welsh cymraeg",
    "Irish": "irish gaeilge",
    "Vietnamese": "vietnamese tiếng việt vietnamien vietnamita",
    "Thai": "thai ภาษาไทย",
    "Indonesian": "indonesian bahasa indonesia indonésien indonesio",
    "Malay": "malay bahasa melayu",
    "Filipino": "filipino tagalog",
    "Swahili": "swahili kiswahili",
    "Amharic": "amharic አማርኛ",
    "Yoruba": "yoruba yorùbá",
    "Zulu": "zulu isizulu",
    "Afrikaans": "afrikaans",
    "Hausa": "hausa",
    "Latin": "latin latín latein",
    "Esperanto": "esperanto",
}
NAMES: dict[str, str] = {}
for _name, _words in _ALIASES.items():
    for _w in _words.split():
        NAMES.setdefault(_w, _name)
NAMES["bahasa"] = "Indonesian"
NAMES["tiếng"] = "Vietnamese"
CANONICAL = frozenset(_ALIASES)  # the English names the profile stores
WORDS = frozenset(NAMES)  # every lower-case word that names a language


def language_of(word: str) -> str | None:
    """The English name of the language `word` names ("Kiswahili" -> "Swahili"), else None."""
    return NAMES.get(word.lower().strip(".,;:!?\"'()"))


def language_named(text: str) -> str | None:
    """The first language `text` names, a case ending allowed ("magyarul", "한국어로", "suomeksi" is not one)."""
    low = text.lower()
    for two in re.findall(r"(?:bahasa|tiếng) \w+", low):
        if (name := NAMES.get(two.split()[0])) is not None:
            return name
    for word in re.findall(r"[^\W\d_][\w-]*", low):
        if (name := NAMES.get(word)) is not None:
            return name
        stem = next((w for w in _LONG_NAMES if word.startswith(w)), None)
        if stem is not None:
            return NAMES[stem]
    english = looks_english(text)  # "romantic responses" is no case form of "romana"
    for word in re.findall(r"[^\W\d_][\w-]*", low.translate(_MARKS)):
        stem = next((s for s in _STEMS if (word.startswith(s) and not (english and s.isascii()))
                     or _IDEOGRAPHIC.match(s) and s in word), None)
        if stem is not None:
            return _STEMS[stem]
    return None


_LONG_NAMES = sorted((w for w in NAMES if len(w) >= 3 and not w.isascii() or len(w) >= 6), key=len, reverse=True)
# Combining marks (Tamil vowel signs and virama) differ between "தமிழ்" and its case form "தமிழில்".
_MARKS = {cp: None for cp in range(0x300, 0x10000) if unicodedata.category(chr(cp)).startswith("M")}
_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _stems() -> dict[str, str]:
    """A name as its case forms share it. Written with letters of its own or another script: the name without its
    marks and, from six letters on, its last two letters ("српски" / "на српском", "slovenčina" / "v slovenčine",
    "lietuvių" / "lietuviškai"), five letters left in a Latin script, three in another. In plain ASCII: a name of
    six letters or more ending in a vowel, without it ("srpski" / "na srpskom"); no shorter stem, as "francés" ->
    "franc" would read "France". In ideographs: the name as written, found inside the unspaced sentence
    ("請用繁體中文回答")."""
    out: dict[str, str] = {}
    for w, name in NAMES.items():
        if " " in w:
            continue
        if w.isascii():
            if len(w) >= 6 and w[-1] in "aeiou":
                out.setdefault(w[:-1], name)
            continue
        bare = w.translate(_MARKS)
        stem = bare[:-2] if len(bare) >= 6 and not _IDEOGRAPHIC.match(bare) else bare
        latin = all(unicodedata.name(c, "LATIN").startswith("LATIN") for c in stem)
        if stem.isascii() or len(stem) < (5 if latin else 2 if _IDEOGRAPHIC.match(stem) else 3):
            continue
        out.setdefault(stem, name)
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


_STEMS = _stems()

