"""Facts in languages foreign.py does not read: Japanese, Chinese and Thai (written without spaces), Korean, Arabic,
Hindi and Greek (no capitals, or none that mark a name), Vietnamese, Indonesian, Polish case forms, "plays X" in
a few languages, and the code-switched chat users
write (Hinglish, Taglish): "大阪に住んでいます", "我家狗叫豆豆", "อยู่เชียงใหม่", "اسم ابني يوسف", "mera dog ka naam
Bruno hai".

Memory comes in the user's language and often without a subject. Left `free`, such a fact gets no statement and no
probe, and two cities or two employers of one user read as one item (e5 rates "I live in A" and "I live in B" close
in any language), so the older value stayed selected. Each language states where one lives or works and what a pet
or child is called in a few fixed constructions (a verb and its particle, a "name is" phrase), so a small table per
language types them; a value is the run of the script's letters the construction frames. The slot and the probe
stay English like foreign.py's. A kin or friend word before the construction makes the fact someone else's, as in
foreign.py ("妹は東京に住んでいる": the sister's city).
"""
from __future__ import annotations

import re
from collections.abc import Callable

_KANA_KANJI = r"[\u4e00-\u9fff\u30a0-\u30ff]"
_HAN = r"[\u4e00-\u9fff]"
_THAI = r"[\u0e00-\u0e7f]"
_THAI_END = r"(?=\s|$|แล้ว|ค่ะ|ครับ|นะ|ที่|ใกล้)"
_CAP = r"[A-ZĐ][\w&-]*(?: [A-ZĐ][\w&-]*)*"

# nouns of pets and children in these languages, to the English slot foreign.py uses
NOUNS = {
    "猫": "cat", "ネコ": "cat", "犬": "dog", "イヌ": "dog", "娘": "daughter", "息子": "son",
    "狗": "dog", "狗狗": "dog", "猫咪": "cat", "女儿": "daughter", "儿子": "son", "女兒": "daughter", "兒子": "son",
    "강아지": "dog", "개": "dog", "고양이": "cat", "딸": "daughter", "아들": "son",
    "قطتي": "cat", "قطي": "cat", "كلبي": "dog", "ابني": "son", "ابنتي": "daughter",
    "कुत्ते": "dog", "बिल्ली": "cat", "बेटी": "daughter", "बेटे": "son",
    "dog": "dog", "cat": "cat", "kutta": "dog", "kutte": "dog", "billi": "cat", "beti": "daughter", "beta": "son",
    "bete": "son", "aso": "dog", "pusa": "cat", "κόρη": "daughter", "γιος": "son", "σκύλος": "dog", "σκυλί": "dog",
    "γάτα": "cat",
}
_N = "|".join(sorted(NOUNS, key=len, reverse=True))

# (pattern, slot): `val` is the value; `noun` (for "_named") picks the slot from NOUNS
_PATTERNS: list[tuple[re.Pattern, str]] = [
    # Chinese before Japanese: "现在住在成都" holds Japanese 在住
    (re.compile(rf"(?P<noun>狗狗|猫咪|狗|猫|女儿|儿子|女兒|兒子)(?:的名字)?(?:叫做|名叫|叫)(?P<val>[^\s，。！,.!]{{1,6}}?)(?:[，。！,.!\s]|$)"),
     "_named"),
    (re.compile(rf"(?:住在|搬到了?|搬去了?)(?P<val>{_HAN}{{2,5}}?)(?:[，。,.!\s]|$|了|以后|之后|后|的时候)"), "city"),
    (re.compile(rf"(?<![现現正实存所住还])在(?P<val>{_HAN}{{2,6}}?)(?:上班|工作|做|当)"), "employer"),
    (re.compile(rf"(?:跳槽到了?|加入了?|入职了?)(?P<val>{_HAN}{{2,6}}?)(?:[，。,.!\s]|$)"), "employer"),
    # Japanese
    (re.compile(rf"(?P<noun>猫|ネコ|犬|イヌ|娘|息子)の名前は(?P<val>[^\s、。]+?)(?:です|だ|。|$)"), "_named"),
    (re.compile(rf"(?P<val>[^\s、。はがを]+?)という(?P<noun>猫|ネコ|犬|イヌ)"), "_named"),
    (re.compile(rf"(?<!{_KANA_KANJI})(?P<val>{_KANA_KANJI}{{1,6}}?)(?:に住ん|在住|で暮らし|で一人暮らし|暮らし|に引っ越)"),
     "city"),
    (re.compile(rf"(?<!{_KANA_KANJI})(?P<val>{_KANA_KANJI}{{1,8}}?)(?:で働いて|に勤めて|に勤務|に転職)"), "employer"),
    # Korean
    (re.compile(rf"(?P<noun>강아지|고양이|개|딸|아들)(?:의)? 이름은 (?P<val>[^\s.]+?)(?:이에요|예요|입니다|이다|다|야)?(?:[.\s]|$)"),
     "_named"),
    (re.compile(rf"(?P<val>[^\s.]+?)(?:이)?라는 (?P<noun>강아지|고양이|개)"), "_named"),
    (re.compile(r"(?:^|\s)(?P<val>[^\s.]+?)(?:으로|로) (?:일한다|일해요|일합니다|일하고|근무한다|근무해요|근무합니다)"), "job"),
    (re.compile(r"(?:^|\s)(?P<val>[^\s.]+?)(?:으로|로) 이사"), "city"),
    (re.compile(r"(?:^|\s)(?P<val>[^\s.]+?)에(?:서)? (?:산다|살아요|삽니다|살고|지내고|지내요|지냅니다)"), "city"),
    # Thai
    (re.compile(rf"(?:อาศัยอยู่ที่|อาศัยอยู่|อยู่ที่|ไปอยู่|บ้านอยู่|^อยู่|อยู่ใน)(?P<val>{_THAI}+?){_THAI_END}"), "city"),
    (re.compile(rf"(?:^|ทำงาน)เป็น(?P<val>(?:นัก|ช่าง|พนักงาน|ครู|หมอ|พยาบาล|ทนาย|ตำรวจ|ทหาร|วิศวกร){_THAI}*?){_THAI_END}"),
     "job"),
    # Arabic
    (re.compile(rf"اسم (?P<noun>{_N}) (?P<val>[^\s.،]+)"), "_named"),
    (re.compile(r"(?:أسكن|أعيش|أقيم|يسكن|يعيش|يقيم|تسكن|تعيش|تقيم)(?: الآن)? في (?P<val>[^\s.،]+)"), "city"),
    (re.compile(r"(?:انتقلت|انتقل|انتقلنا)(?: من [^\s.،]+)? إلى (?P<val>[^\s.،]+)"), "city"),
    (re.compile(r"(?:أعمل|يعمل|تعمل|أشتغل)(?: الآن)? (?:في|لدى|مع) (?P<val>[^\s.،]+)"), "employer"),
    # Hindi, in Devanagari and romanised, with English names inside
    (re.compile(rf"(?P<noun>कुत्ते|बिल्ली|बेटी|बेटे) का नाम (?P<val>[^\s।.]+)"), "_named"),
    (re.compile(r"(?P<val>[^\s।.]+) (?:में|me|mein|mai) (?:काम कर|नौकरी|मेरी नौकरी|kaam kar|job|naukri)"), "employer"),
    (re.compile(r"(?:छोड़कर|छोड़ के|chhod ?ke|chhod ?kar|chod ?ke|chod ?kar) (?P<val>[^\s।.]+) (?:जॉइन|join)"), "employer"),
    (re.compile(r"(?P<val>[^\s।.]+) (?:में|me|mein) (?:रहता|रहती|रहते|rehta|rehti|rahta|rahti)"), "city"),
    (re.compile(rf"\b(?P<noun>dog|cat|kutta|kutte|billi|beti|beta|bete) (?:ka|ki|ke) naam (?P<val>\w+)", re.I), "_named"),
    # Tagalog chat
    (re.compile(rf"\b(?P<noun>aso|pusa)(?: ako| ko)?,? si (?P<val>\w+)", re.I), "_named"),
    (re.compile(r"\b(?:nagwowork|nagwork|nagtatrabaho|nagttrabaho|work) (?:ako |na ako )?sa (?P<val>\w+)", re.I), "employer"),
    (re.compile(r"\bsa (?P<val>\w+) (?:na )?ako (?:nagwowork|nagwork|nagtatrabaho|nagttrabaho)", re.I), "employer"),
    # Greek
    (re.compile(rf"(?P<noun>κόρη|γιος|σκύλος|σκυλί|γάτα) (?:της \w+ |του \w+ |μου )?(?:λέγεται|ονομάζεται|τη λένε|τον λένε) "
                r"(?P<val>[Α-ΩΆ-Ώ]\w+)"), "_named"),
    (re.compile(r"(?:μένω|μένει|μένουμε|ζω|ζει) (?:τώρα |πια )?(?:στη|στην|στο|στον|σε) (?P<val>[Α-ΩΆ-Ώ]\w+)"), "city"),
    (re.compile(r"(?:δουλεύω|δουλεύει|εργάζομαι|εργάζεται) (?:στη|στην|στο|στον|σε|για) (?P<val>[Α-ΩΆ-ΏA-Z][\w&-]+)"), "employer"),
    # Polish: a copula or "jeździć" takes a noun in the instrumental ("Jestem weterynarzem", "Jeżdżę skodą octavią");
    # an adjective after "jestem" stays nominative ("Jestem zmęczona"), so the case ending marks the job
    (re.compile(r"\b(?i:jestem|jest|pracuję jako) (?P<val>\w{4,}(?:em|iem|ką|ną|ą))(?=\s*[.!,]?\s*$)"), "job"),
    (re.compile(r"\b(?i:jeżdżę|jeździ|jeździmy) (?P<val>\w+(?:em|ą)(?: \w+(?:em|ą))?)\b"), "vehicle"),
    # "plays X" as a pastime: an instrument or a sport (Swedish, Greek, Italian, Spanish, Portuguese)
    (re.compile(r"(?:^|\b)(?i:spelar|παίζω|παίζει|gioca a|juega al?|joga) (?P<val>[^\W\d_]{4,})(?=[\s.,!]|$)"), "hobby"),
    # Vietnamese and Indonesian: values are capitalised
    (re.compile(rf"\b(?:làm việc|làm|công tác) (?:ở|tại|cho) (?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\bnghỉ \S+ (?:và )?chuyển sang (?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\b(?:đi|lái) xe (?:máy )?(?P<val>{_CAP})"), "vehicle"),
    (re.compile(rf"\b(?i:bekerja|kerja|ngantor|berkantor) (?:(?i:sekarang) )?di (?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\b(?i:pindah kerja)(?: dari \S+)? ke (?P<val>{_CAP})"), "employer"),
]

def _english_title(text: str, jobs: str) -> str | None:
    """An English job title after a first-person Romance copula ("Je suis product manager", "Soy software engineer",
    "Sono data scientist"): code-switched chat keeps the English title, and a profession takes no article there, so
    the bare title after "I am" is the job, in its French feminine too ("consultante"). The titles are schema.py's
    list of jobs (`jobs`, an alternation), passed in since schema.py imports this module."""
    if not jobs:
        return None
    m = re.search(rf"(?:\b(?:je suis|soy|sou|sono|jestem)\s+|^(?:es|est|é|è)\s+)(?P<val>(?:\w+\s+)?(?:{jobs})e?)"
                  r"(?=\s*(?:$|[.,!;]|maintenant|ahora|agora|adesso|teraz|now))", text, re.I)
    return m.group("val") if m else None


# Someone else before the construction is its subject: kin and friends in the languages above.
_OTHERS = re.compile(
    r"妹|姉|兄|弟|母|父|友達|友人|同僚|夫|妻|妹妹|姐姐|哥哥|弟弟|妈妈|爸爸|朋友|同事|邻居|室友|동생|언니|오빠|누나|형|엄마|아빠|친구|"
    r"동료|남편|아내|น้อง|พี่|แม่|พ่อ|เพื่อน|أخي|أختي|أمي|أبي|صديقي|صديقتي|زميلي|ابن أخي|भाई|बहन|दोस्त|मां|पिता|"
    r"\b(?:behen|bhai|dost|mummy|papa|kapatid|kuya|nanay|tatay|kaibigan|φίλη|φίλος|αδερφή|αδερφός|μητέρα|πατέρας|"
    r"συνάδελφος|mąż|żona|brat|siostra|mama|tata|kolega|koleżanka|przyjaciel\w*|anh trai|chị|em gái|em trai|bạn|mẹ|bố|"
    r"adik|adiknya|kakak|kakaknya|teman|ibu|ayah|roommate|friend)\b",
    re.I)
_NOT_VALUES = frozenset("ako na ang yung si ko my the a".split())


def script_fact(text: str, jobs: str = "") -> tuple[str, str] | None:
    """(English slot, value as written) for a fact in one of the languages above, or None; `jobs` are the English
    job titles (a regex alternation) an English title after a Romance copula may be."""
    t = text.strip()
    if title := _english_title(t, jobs):
        return "job", title
    return first_fact(t, _PATTERNS, _OTHERS, lambda noun: NOUNS[noun.lower()], " .,!?。、，！।",
                      lambda val: bool(val) and val.lower() not in _NOT_VALUES)


def first_fact(t: str, patterns, others: re.Pattern, noun_slot: Callable[[str], str], strip: str,
               accept: Callable[[str], bool]) -> tuple[str, str] | None:
    """(slot, value) of the first table pattern that matches `t` with an accepted value; None where someone else
    (`others`) is named before the construction. A `_named` pattern takes its slot from its noun."""
    for pat, slot in patterns:
        m = pat.search(t)
        if m is None:
            continue
        if others.search(t[:m.start("noun") if slot == "_named" else m.start()]):
            return None
        val = m.group("val").strip(strip)
        if not accept(val):
            continue
        return (noun_slot(m.group("noun")) if slot == "_named" else slot), val
    return None
