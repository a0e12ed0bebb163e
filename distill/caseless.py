"""Values in scripts without capitals (Hebrew, Arabic, Persian, Devanagari, Chinese, Japanese, Hangul).

The grouping tells two values of one predicate apart by their names ("I live in Irbid" / "I live in Amman": two
capitalised words, two cities). A script without capitals has no such mark, and e5 rates those two sentences
0.94, so both cities became one item and the older one was trained as current. What marks a value there is
repetition: a user who lived in Irbid says "Irbid" in each statement about it, and the words around it (the
verb, "I", a preposition) recur across the tenant's other statements too. So two statements hold different
values when each has a word it shares with one or two other statements of the tenant but not with the other
statement: "אני גרה בבאר שבע" / "עברתי לחיפה ואני גרה שם" (Be'er Sheva said again elsewhere, Haifa said again
elsewhere), while two statements of one city share that city's word and neither keeps a repeated word of its own.
A word said in two or more other statements is a function word of the language, not a value. Known limit: a
verb said in exactly two statements, one of each value ("대전에 살아요" / "광주에 살아요" beside "저는 대전에서 살고
있어요"), reads like a value too and can keep two statements of one city apart: the error splits an item, it never
selects an old value.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Combining marks (Arabic vowel signs, Devanagari matras) vary between two writings of one word.
_MARKS = {cp: None for cp in range(0x300, 0x10000) if unicodedata.category(chr(cp)).startswith("M")}
_WORD = re.compile(r"[^\W\d_]+")
MAX_ELSEWHERE = 1  # a value said again once elsewhere; a word said more widely is the language's, not the item's


def caseless(text: str) -> bool:
    return not any(c.isupper() or c.islower() for c in text)


def _ideographic(text: str) -> bool:
    return any(unicodedata.name(c, "").startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA")) for c in text)


def tokens(text: str) -> frozenset[str]:
    """Words of three letters or more, marks dropped; in ideographic scripts, which write a word in one or two
    characters without spaces, character pairs."""
    t = text.translate(_MARKS)
    if _ideographic(t):
        return frozenset(w[k:k + 2] for w in _WORD.findall(t) for k in range(len(w) - 1))
    return frozenset(w for w in _WORD.findall(t.lower()) if len(w) >= 3 or (len(w) == 2 and "\uac00" <= w[0] <= "\ud7a3"))


def _cores(w: str) -> frozenset[str]:
    """One word with or without an attached preposition, article or particle (Hebrew "בחיפה" / "לחיפה", Arabic
    "العربية" / "بالعربية", Korean "인천에" / "인천에서") shares a core: the word with up to two letters dropped
    from its start (from its end in Korean), three letters left (two Hangul syllables, one block each)."""
    if all("\uac00" <= c <= "\ud7a3" for c in w):  # Korean particles follow the word
        return frozenset(w[:len(w) - j] for j in range(3) if len(w) - j >= 2) or frozenset({w})
    return frozenset(w[i:] for i in range(3) if len(w) - i >= 3) or frozenset({w})


class Values:
    """The tenant's caseless statements indexed by word core, built once per tenant, so a check costs the words
    of two statements, not the tenant's size."""

    def __init__(self, texts: list[str]):
        self.cores: dict[int, dict[str, frozenset[str]]] = {}
        self.where: dict[str, set[int]] = {}
        for i, t in enumerate(texts):
            if caseless(t) and _WORD.search(t):
                self.cores[i] = {w: _cores(w) for w in tokens(t)}
                for cs in self.cores[i].values():
                    for c in cs:
                        self.where.setdefault(c, set()).add(i)

    def _held(self, i: int) -> set[str]:
        return set().union(*self.cores[i].values()) if self.cores[i] else set()

    def _own_value(self, a: int, b: int) -> bool:
        held = self._held(b)
        for cs in self.cores[a].values():
            if not cs & held and 0 < len(set().union(*(self.where[c] for c in cs)) - {a, b}) <= MAX_ELSEWHERE:
                return True
        return False

    def apart(self, i: int, j: int) -> bool:
        """Statements i and j are caseless and each holds a value the other does not."""
        return i in self.cores and j in self.cores and self._own_value(i, j) and self._own_value(j, i)

    def group_value(self, idx: list[int], texts: list[str]) -> str | None:
        """The value a group of caseless statements names: the one word (with or without an attached preposition)
        that two or more of them say and no other statement of the tenant holds, as written; None when two
        words qualify (a verb only this item uses reads like a value too) or in an unspaced script."""
        if len(idx) < 2 or any(i not in self.cores or _ideographic(texts[i]) or _unspaced(texts[i]) for i in idx):
            return None
        count: dict[str, int] = {}
        for i in idx:
            for c in self._held(i):
                count[c] = count.get(c, 0) + 1
        own = [c for c, k in count.items() if k >= 2 and self.where[c] <= set(idx)]
        if not own:
            return None
        top = max(count[c] for c in own)
        best = max((c for c in own if count[c] == top), key=len)
        if any(count[c] == top and not best.endswith(c) for c in own):
            return None
        return _as_written(best, [texts[i] for i in idx])

    def widespread(self, n: int) -> frozenset[str]:
        """Words in four or more of the tenant's `n` statements and a quarter of them: the language's ("אני",
        "저는"), which the shared-word tier must not count as the one word two statements of an item share."""
        return frozenset(c for c, where in self.where.items() if len(where) >= 4 and 4 * len(where) >= n)

    def same_predicate(self, i: int, j: int) -> bool:
        """i and j share a word the tenant says in at most one more statement: the verb of one predicate ("גרה",
        "住在", "زندگی"), not a function word of the language ("אני" opens half of a Hebrew speaker's statements)."""
        if i not in self.cores or j not in self.cores:
            return False
        return any(len(self.where[c]) <= MAX_ELSEWHERE + 2 for c in self._held(i) & self._held(j))


def _unspaced(text: str) -> bool:
    """Thai and other scripts written without spaces: a "word" there is a whole phrase."""
    return any(len(w) > 12 for w in _WORD.findall(text.translate(_MARKS)))


def _as_written(core: str, texts: list[str]) -> str:
    """A value core as the statements write it: the core itself where it stands in the text ("חיפה" in "בחיפה"),
    else the shortest word holding it once its marks are dropped ("عمّان", "சென்னையில்")."""
    if any(core in t for t in texts):
        return core
    words = [w for t in texts for w in re.findall(r"\S+", t)]
    holding = [w.strip(".,!?;:،۔।") for w in words if core in w.translate(_MARKS)]
    return min(holding, key=len) if holding else core


def value_guard(texts: list[str]) -> Callable[[int, int], bool]:
    """`apart(i, j)` for the grouping (see the module docstring)."""
    return Values(texts).apart


# Other people in scripts without capitals, where the possessive is written onto the word ("أختي" my sister,
# "خواهرم" my sister, "친구는" the friend, "我妹妹" my younger sister): a statement holding one of these stems
# is about that person, as consolidate.people() reads "my sister" in the languages written with spaces.
_KIN_STEMS = {  # stems that are no common word too (Hebrew "אחות" is also "nurse", Persian "دوست" also "like")
    "sister": ("أختي", "أخته", "אחותי", "خواهر", "बहन", "বোন", "누나", "언니", "여동생", "姐姐", "妹妹",
               "พี่สาว", "น้องสาว", "بہن", "姊姊", "姉は", "姉の", "姉が", "妹は", "妹の", "என் அக்கா", "தங்கை",
               "እህቴ", "እህቷ", "እህቱ", "అక్క", "చెల్లి", "बहीण", "दिदी", "बहिनी"),
    "brother": ("أخي", "أخوه", "אחי ", "אחי,", "برادر", "भाई", "ভাই", "오빠", "남동생", "哥哥", "弟弟", "พี่ชาย", "น้องชาย",
                "بھائی", "兄は", "兄の", "兄が", "弟は", "弟の", "அண்ணன்", "அண்ணா", "என் தம்பி",
                "ჩემი ძმა", "ძმას", "ወንድሜ", "ወንድሟ", "ወንድሙ", "తమ్ముడు", "అన్నయ్య", "भाऊ", "दाइ", "भाइ"),
    "friend": ("صديقي", "صديقتي", "חבר שלי", "חברה שלי", "دوستم", "दोस्त", "বন্ধু", "친구", "朋友", "友達", "เพื่อน",
               "میرا دوست", "میری دوست", "友人", "நண்பன்", "நண்பர்", "தோழி",
               "მეგობარი", "ጓደኛዬ", "ጓደኛዋ", "ጓደኛው", "స్నేహితుడు", "స్నేహితురాలు", "मैत्रीण", "साथी"),
    "mother": ("والدتي", "אמא שלי", "مادر", "माँ", "엄마", "어머니", "妈妈", "母亲", "媽媽", "母親", "母は", "والدہ", "امی",
               "என் அம்மா"),
    "father": ("والدي", "אבא שלי", "پدر", "पिता", "বাবা", "아빠", "아버지", "爸爸", "父亲", "父親", "父は", "ابو", "என் அப்பா"),
    "partner": ("زوجي", "زوجتي", "אשתי", "همسر", "पति", "पत्नी", "স্বামী", "স্ত্রী", "남편", "아내", "丈夫", "妻子", "老公", "老婆",
                "สามี", "ภรรยา", "شوہر", "بیوی", "夫は", "妻は", "மனைவி", "கணவர்", "கணவன்"),
    "colleague": ("زميلي", "زميلتي", "همکار", "सहकर्मी", "সহকর্মী", "동료", "同事", "同僚"),
    "neighbour": ("جاري", "جارتي", "השכן", "השכנה", "همسایه", "पड़ोसी", "প্রতিবেশী", "이웃", "邻居", "鄰居", "پڑوسی",
                  "பக்கத்து வீட்டு"),
}


def kin(text: str) -> set[str]:
    """Relations a caseless statement names (see _KIN_STEMS); none for text with capitals. A stem whose letters
    without marks are three or more is found anywhere; a shorter one only as written, at a word's start: without
    its vowel signs Bengali "বাবা" (father) is "বব", which "জবাব" (answer) holds too."""
    if not caseless(text):
        return set()
    t = text.translate(_MARKS)
    return {rel for rel, stems in _KIN_STEMS.items() if any(_names_kin(st, text, t) for st in stems)}


def _names_kin(stem: str, text: str, stripped: str) -> bool:
    bare = stem.translate(_MARKS)
    if len(bare) >= 3 or _ideographic(stem) or all("\uac00" <= c <= "\ud7a3" for c in bare):
        return len(bare) >= 2 and bare in stripped
    return len(bare) >= 2 and re.search(r"(?<!\w)" + re.escape(stem), text) is not None
