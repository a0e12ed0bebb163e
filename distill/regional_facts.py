"""Facts in languages neither foreign.py nor script_facts.py reads: Croatian and Slovenian, Macedonian, Albanian,
Icelandic, Latvian, Basque, Galician, Welsh, Azerbaijani, Kazakh, Georgian, Amharic, Telugu, Marathi and Nepali.

Each states where one lives, where one works, what one does, what a pet or child is called, what one drives and
what one is allergic to in a few fixed constructions: a verb with its preposition or case ending ("Dzīvoju Liepājā",
"Donostian bizi naiz", "ბათუმში ვცხოვრობ", "Алматыда тұрамын"), a "called" phrase, a copula with a trade noun. Left
`free`, such a fact gets no statement nor probe, and a user's old and new city never share a slot, so the old one
is never superseded. The value is kept as written, its case ending or prefix attached ("Splitu", "በአዲስ አበባ"), as
foreign.py keeps it; the slot and the probe stay English. A kin or friend word before the construction makes the
fact someone else's ("Mana māsa dzīvo Cēsīs": the sister's city).
"""
from __future__ import annotations

import re

from .script_facts import first_fact

# Latin capitals of these languages, and Cyrillic ones (Macedonian, Kazakh)
_UP = r"A-ZÀ-ÝČŠŽĆĐĀĒĪŪĶĻŅĢŌÞÆÖƏÇĞİŞÜÑ"
_CAP = rf"[{_UP}][\w&'-]*(?: [{_UP}][\w&'-]*)*"
_CYR = r"[А-ЯЁЃЌЅЈЉЊЏӘҒҚҢӨҰҮҺІ][\w-]*"

NOUNS = {
    # Croatian, Slovenian
    "pas": "dog", "psa": "dog", "pes": "dog", "psička": "dog", "kuja": "dog", "mačka": "cat", "mačku": "cat",
    "mačak": "cat", "muca": "cat", "kći": "daughter", "kćer": "daughter", "hči": "daughter", "hčer": "daughter",
    "sin": "son", "sina": "son",
    # Latvian
    "kaķis": "cat", "kaķa": "cat", "kaķene": "cat", "suns": "dog", "suņa": "dog", "meita": "daughter",
    "meitas": "daughter", "dēls": "son", "dēla": "son",
    # Icelandic, Albanian, Basque, Welsh
    "hundur": "dog", "hundurinn": "dog", "köttur": "cat", "kötturinn": "cat", "dóttir": "daughter", "sonur": "son",
    "qen": "dog", "qeni": "dog", "mace": "cat", "macja": "cat", "vajza": "daughter", "djali": "son",
    "txakurra": "dog", "katua": "cat", "alaba": "daughter", "semea": "son",
    "ci": "dog", "gi": "dog", "nghi": "dog", "cath": "cat", "gath": "cat", "merch": "daughter", "mab": "son",
    # Amharic, Telugu, Nepali, Marathi
    "ድመት": "cat", "ድመቷ": "cat", "ድመቱ": "cat", "ድመቴ": "cat", "ውሻ": "dog", "ውሻዋ": "dog", "ውሻው": "dog", "ውሻዬ": "dog",
    "ልጅ": "child", "కుక్క": "dog", "పిల్లి": "cat", "కూతురు": "daughter", "కూతురి": "daughter", "కొడుకు": "son",
    "కుక్కకి": "dog", "कुकुरको": "dog", "कुकुर": "dog", "बिरालोको": "cat", "बिरालो": "cat", "छोरीको": "daughter",
    "छोराको": "son", "कुत्र्याचं": "dog", "कुत्र्याचे": "dog", "मांजरीचं": "cat", "मुलीचं": "daughter", "मुलाचं": "son",
    # Georgian, Kazakh, Macedonian, Azerbaijani
    "ძაღლი": "dog", "ძაღლს": "dog", "კატა": "cat", "კატას": "cat", "ქალიშვილი": "daughter", "შვილი": "child",
    "ит": "dog", "итім": "dog", "итімнің": "dog", "мысық": "cat", "мысығым": "cat", "мысығымның": "cat",
    "куче": "dog", "кучето": "dog", "мачка": "cat", "мачката": "cat", "ќерка": "daughter", "син": "son",
    "it": "dog", "itim": "dog", "itimin": "dog", "pişik": "cat", "pişiyim": "cat", "pişiyimin": "cat",
    "qızım": "daughter", "qızımın": "daughter", "oğlum": "son", "oğlumun": "son",
}
_N = "|".join(sorted(NOUNS, key=len, reverse=True))

# trade nouns after a copula ("Është infermier", "Dw i'n athro", "Mən həkiməm", "Фармацевтка сум")
_SQ_TRADE = r"\w+(?:ier|iere|ist|iste|ues|uese|tar|tare|or|ore|mjek|mjeke|polic|shofer|avokat|avokate|kuzhinier)"
_CY_TRADE = (r"(?:athro|athrawes|nyrs|meddyg|feddyg|cyfreithiwr|gyfreithiwr|peiriannydd|beiriannydd|rhaglennydd|"
             r"ffermwr|plismon|blismon|gyrrwr|cogydd|gogydd|fferyllydd|deintydd|ddeintydd|newyddiadurwr)")
_AZ_TRADE = r"(?:həkim|müəllim|mühəndis|proqramçı|sürücü|aşpaz|vəkil|jurnalist|tibb bacısı|memar)\w*"
_MK_TRADE = r"[а-яѓќѕјљњџ]+(?:евт|евтка|ист|истка|ер|ерка|ар|арка|ач|ачка|тел|телка|ник|ничка|ог|огиња|ор|орка)"

# a pastime by its first-person verb (Slovenian, Croatian): "Ob vikendih plezam", "Plivam svako jutro"
HOBBY_VERBS = {"plezam": "climbing", "plezamo": "climbing", "plavam": "swimming", "plivam": "swimming",
               "kolesarim": "cycling", "smučam": "skiing", "skijam": "skiing", "planinarim": "hiking", "pohodnik": "hiking",
               "jadram": "sailing", "jedrim": "sailing", "slikam": "painting", "pletem": "knitting", "pecam": "fishing",
               "ribarim": "fishing", "veslam": "rowing", "surfam": "surfing", "plešem": "dancing"}
# the pastime's noun with a word of liking: "Plezanje je moja največja strast", "Volim plivanje"
HOBBY_NOUNS = {"plezanje": "climbing", "plavanje": "swimming", "plivanje": "swimming", "kolesarjenje": "cycling",
               "biciklizam": "cycling", "smučanje": "skiing", "skijanje": "skiing", "planinarjenje": "hiking",
               "planinarenje": "hiking", "jadranje": "sailing", "jedrenje": "sailing", "slikanje": "painting",
               "pletenje": "knitting", "ribolov": "fishing", "veslanje": "rowing", "ples": "dancing"}
_HOBBY_NOUN = re.compile(r"\b(?P<val>" + "|".join(HOBBY_NOUNS) + r")\b.*\b(?:strast|hobi|hobij|ljubezen|ljubav)\b|"
                         r"\b(?:obožujem|volim|rad|rada|ljubim) (?P<val2>" + "|".join(HOBBY_NOUNS) + r")\b", re.I)
_HOBBY = re.compile(r"(?:^|\s)(?P<val>" + "|".join(HOBBY_VERBS) + r")(?=[\s.,!]|$)", re.I)

_PATTERNS: list[tuple[re.Pattern, str]] = [
    # names: "<noun> ... called V" and "V called <noun>"
    (re.compile(rf"\b(?P<noun>(?i:{_N}))\b[^.!?]{{0,25}}?\b(?i:po imenu|imenom|z imenom|zove se|se zove|vārdā|vārds ir|"
                rf"sauc|heitir|sem heitir|quhet|deitu|izena du|o'r enw|адлы|есімі|деп аталады|по име|се вика|се вика|"
                rf"adı|adlı) (?P<val>[{_UP}А-Я]\w+)"), "_named"),
    (re.compile(rf"(?P<val>\S+) (?:የምትባል|የሚባል|የምትባለው|የሚባለው) (?P<noun>ድመት|ውሻ)"), "_named"),
    (re.compile(rf"የ(?P<noun>ድመቷ|ድመቱ|ድመቴ|ውሻዋ|ውሻው|ውሻዬ) ስም (?P<val>\S+) ነው"), "_named"),
    (re.compile(rf"(?P<noun>కూతురి|కొడుకు|కుక్క|పిల్లి) పేరు (?P<val>[^\s.]+)"), "_named"),
    (re.compile(rf"(?P<val>\S+) అనే (?P<noun>కూతురు|కొడుకు|కుక్క|పిల్లి)"), "_named"),
    (re.compile(rf"(?P<noun>कुकुरको|बिरालोको|छोरीको|छोराको|कुत्र्याचं|कुत्र्याचे|मांजरीचं|मुलीचं|मुलाचं) (?:नाम|नाव) (?P<val>[^\s।.]+)"),
     "_named"),
    # Croatian, Slovenian: moves and work ("Preselila se iz Zagreba u Split", "Delam v Krki", "Iz Leka sem prešel v Krko")
    (re.compile(rf"\b(?i:preselio|preselila|preselili|preselil|preselila|preselili) (?:(?i:sam|se|sem|smo|je) ){{0,2}}"
                rf"(?:(?i:iz) \S+ )?(?i:u|v|na) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:delam|dela|delamo|zaposlen|zaposlena) (?:(?i:sem|je) )?(?i:v|pri|za) (?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\b(?i:pri|v) (?P<val>{_CAP}) (?:sem|je|smo) (?:zaposlen|zaposlena|zaposleni)"), "employer"),
    (re.compile(rf"\b(?i:prešel|prešla|presedlal|presedlala) (?:(?i:sem|je) )?(?:(?i:iz|od) \S+ )?(?i:v|k|na) (?P<val>{_CAP})"),
     "employer"),
    # Macedonian
    (re.compile(rf"(?i:живеам|живее|живееме)(?: \S+){{0,2}}? во (?P<val>{_CYR})"), "city"),
    (re.compile(rf"(?i:работам|работи|работиме) како (?P<val>[а-яѓќѕјљњџ]+)"), "job"),
    (re.compile(rf"(?:^|\s)(?P<val>{_MK_TRADE}) сум\b", re.I), "job"),
    # Albanian
    (re.compile(rf"\b(?i:jetoj|jeton|banoj|banon) (?:tani )?(?:në|ne) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:punoj|punon|punonte) (?:tani )?(?:në|ne|te|tek|për|per) (?P<val>{_CAP})"), "employer"),
    (re.compile(r"\b(?i:punoj|punon|punonte) si (?P<val>\w+)"), "job"),
    (re.compile(rf"\b(?i:jam|është|eshte) (?P<val>{_SQ_TRADE})\b", re.I), "job"),
    (re.compile(rf"\b(?i:ngas|ngan|drejtoj|drejton) (?:(?i:një|nje) )?(?P<val>{_CAP}(?: \d+)?)"), "car"),
    # Icelandic
    (re.compile(rf"\b(?i:bý|býr|búum|búa) (?:(?i:núna|nú) )?(?:í|á) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:vinn|vinnur|vinnum|starfa|starfar|byrjaði|byrjaður|byrjuð|er) (?:\w+ )?hjá (?P<val>{_CAP})"),
     "employer"),
    (re.compile(r"\bofnæmi fyrir (?P<val>\w+)", re.I), "allergy"),
    # Latvian
    (re.compile(rf"\b(?i:dzīvoju|dzīvo|dzīvojam) (?:(?i:tagad|šobrīd) )?(?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:pārcēlos|pārcēlās|pārcēlāmies) (?:(?i:no) \S+ )?(?i:uz) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:strādāju|strādā) (?i:par) (?P<val>\w+)"), "job"),
    (re.compile(rf"\b(?i:strādāju|strādā) (?:(?i:uzņēmumā|bankā|firmā) )?(?P<val>{_CAP})"), "employer"),
    # Basque: the place carries its case ending ("Donostian bizi naiz", "Donostiara etorri nintzen bizitzera")
    (re.compile(rf"(?P<val>[{_UP}]\w+) bizi (?:naiz|da|gara|zara|dira)\b"), "city"),
    (re.compile(rf"(?P<val>[{_UP}]\w+(?:ra|era)) (?:etorri|joan) (?:nintzen|naiz|zen|da|ginen) bizi"), "city"),
    (re.compile(rf"(?P<val>[{_UP}]\w+) (?:egiten (?:dut|du|dugu) lan|lan egiten (?:dut|du|dugu))"), "employer"),
    # Galician
    (re.compile(rf"\b(?i:traballo|traballa|traballamos) (?:(?i:agora) )?(?i:en|na|no|para) (?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\b(?i:vivo|vive|vivimos) (?:(?i:agora) )?(?i:en|na|no) (?P<val>{_CAP})"), "city"),
    # Welsh: the place keeps its mutation ("yng Nghaerdydd", "i Gaerdydd")
    (re.compile(rf"\b(?i:byw) (?:(?i:nawr|rŵan) )?(?i:yn|yng|ym) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"\b(?i:symudais|symudes|symudodd|symudon) (?:(?i:i|e|hi) )?(?:(?i:o) \S+ )?(?i:i) (?P<val>{_CAP})"), "city"),
    (re.compile(rf"^(?P<val>{_CAP}) yw fy (?:nghartref|nhref)"), "city"),
    (re.compile(rf"\b(?i:gweithio) (?:(?i:i|yn|yng|ym|gyda|efo) )(?P<val>{_CAP})"), "employer"),
    (re.compile(rf"\b(?i:dw i'n|rwy'n|rydw i'n|dwi'n|mae e'n|mae o'n|mae hi'n) (?P<val>{_CY_TRADE})\b"), "job"),
    # Azerbaijani
    (re.compile(rf"(?:^|\s)(?P<val>{_AZ_TRADE})(?: kimi)? (?:işləyirəm|işləyir|işləyirik)", re.I), "job"),
    (re.compile(rf"^(?:(?i:mən) )?(?P<val>{_AZ_TRADE})(?:əm|am|yəm|yam)?\.?$", re.I), "job"),
    (re.compile(rf"(?P<val>{_CAP}) (?:sürürəm|sürür|sürürük)"), "car"),
    (re.compile(rf"\b(?i:maşınım) (?P<val>{_CAP})"), "car"),
    # the car one commutes in, in the instrumental ("Priusla hər gün işə gedirəm"); not a bus, metro, taxi or train
    (re.compile(rf"(?:^|\s)(?!(?i:avtobus|metro|taksi|qatar|velosiped|piyada))(?P<val>[{_UP}][\w-]+?)(?:la|lə|yla|ylə|ilə) "
                rf"(?:\S+ ){{0,3}}(?:işə |evə )?(?:gedirəm|gedir|gəlirəm|gedib-gəlirəm)"), "car"),
    (re.compile(r"(?P<val>\w+?)(?:ə|a|yə|ya)? (?:allergiyam|allergiyası) var", re.I), "allergy"),
    (re.compile(rf"(?P<val>{_CAP}?)(?:da|də|ta|tə) (?:yaşayıram|yaşayır|yaşayırıq)"), "city"),
    # Kazakh
    (re.compile(rf"(?P<val>{_CYR}?)(?:да|де|та|те) (?:тұрамын|тұрады|тұрамыз|тұрып жатырмын)"), "city"),
    (re.compile(rf"(?P<val>{_CYR}?)(?:ға|ге|қа|ке) (?:көшіп|көштім|көшті)"), "city"),
    (re.compile(rf"(?P<val>[\w-]+?)-?(?:да|де|та|те) (?:жұмыс істеймін|жұмыс істейді|жұмыс істейміз)"), "employer"),
    # Georgian
    (re.compile(r"(?:^|\s)(?P<val>[ა-ჰ]+?)ში (?:ვცხოვრობ|ცხოვრობს|ვცხოვრობთ|გადავედი|გადავიდა|გადავედით)"), "city"),
    (re.compile(r"(?:^|\s)(?P<val>(?:[ა-ჰ]+ )?[ა-ჰ]+?)ში (?:ვმუშაობ|მუშაობს|ვარ დასაქმებული|არის დასაქმებული)"), "employer"),
    (re.compile(r"(?P<val>[A-Z][\w&. ]*?)-ში (?:ვმუშაობ|მუშაობს|ვარ დასაქმებული|არის დასაქმებული)"), "employer"),
    # Amharic: the place after the prefix በ- or ወደ ("በአዲስ አበባ ትኖራለች", "ወደ አዲስ አበባ ተዛውራለች")
    (re.compile(r"(?P<val>በ\S+(?: \S+)?) (?:ትኖራለች|ይኖራል|እኖራለሁ|ይኖራሉ|እንኖራለን)"), "city"),
    (re.compile(r"ወደ (?P<val>\S+(?: \S+)?) (?:ተዛውራለች|ተዛውሯል|ተዛወረች|ተዛወረ|ተዛውሬያለሁ|ሄደች)"), "city"),
    (re.compile(r"(?P<val>\S+) ውስጥ (?:ትሰራለች|ይሰራል|እሰራለሁ)"), "employer"),
    # Telugu
    (re.compile(r"(?P<val>[^\s.]+?)\u200c?లో(?:ని)?(?: [^\s.]+){0,2} (?:ఉంటాడు|ఉంటుంది|ఉంటాను|నివసిస్తున్నాడు|నివసిస్తోంది|"
                r"నివసిస్తాడు|నివసిస్తున్నాను)"), "city"),
    (re.compile(r"(?P<val>[^\s.]+?)\u200c?(?:కి|కు) (?:మారాడు|మారింది|మారాను|షిఫ్ట్ అయ్యాడు)"), "city"),
    (re.compile(r"(?P<val>[^\s.]+?)\u200c?(?:లో) (?:పనిచేస్తాడు|పని చేస్తాడు|పనిచేస్తుంది|పనిచేస్తాను|ఉద్యోగం)"), "employer"),
    # Marathi
    (re.compile(r"(?P<val>[^\s.]+?(?:त|मध्ये))(?: [^\s.]+){0,3} (?:राहते|राहतो|राहतात|राहतोय|राहतेय)"), "city"),
    (re.compile(r"(?P<val>[^\s.]+?)(?:ला|हून) (?:शिफ्ट|स्थलांतरित|राहायला गेल)"), "city"),
    (re.compile(r"(?P<val>[^\s.]+?)(?:मध्ये|च्या (?:[^\s.]+ )?[^\s.]+मध्ये) (?:काम|नोकरी) (?:करते|करतो|करतात)"), "employer"),
    # Nepali
    (re.compile(r"(?P<val>[^\s।.]+?)(?:को [^\s।.]+?)?मा(?: [^\s।.]+){0,2} (?:बस्छु|बस्छ|बस्छिन्|बस्नुहुन्छ|बसेकी छु|बसेको छु)"),
     "city"),
    (re.compile(r"(?P<val>[^\s।.]+?)मा (?:काम गर्छु|काम गर्छ|काम गर्छिन्|जागिर)"), "employer"),
]

# Someone else before the construction is its subject: kin and friends in the languages above.
_OTHERS = re.compile(
    r"\b(?:brat|brata|sestra|sestre|sestrica|mama|mati|oče|tata|prijatelj|prijateljica|kolega|kolegica|sodelavec|"
    r"mož|žena|bratranec|sestrična|rođak|rođakinja|kushëriri|kushërira|vëllai|motra|babai|nëna|shoku|shoqja|bróðir|"
    r"systir|mamma|pabbi|vinur|vinkona|frændi|frænka|māsa|brālis|draugs|draudzene|mamma|tētis|kolēģis|anaia|ahizpa|"
    r"arreba|ama|aita|laguna|lagunak|irmá|irmán|nai|pai|amigo|amiga|curmán|curmá|chwaer|brawd|mam|tad|ffrind|"
    r"mrawd|frawd|nhad|fam|cefnder|cyfnither|qardaşım|bacım|anam|atam|dostum|əmim|сестра|брат|мајка|татко|другар|другарка|пријател|"
    r"пријателка|інім|ағам|әпкем|қарындасым|анам|әкем|досым|сіңлім)\b|ძმა|ჩემი და\b|დედა|მამა|მეგობარი|"
    r"ወንድሟ|ወንድሙ|ወንድሜ|እህቷ|እህቱ|እህቴ|እናቷ|አባቷ|ጓደኛ|తమ్ముడు|అన్న|అక్క|చెల్లి|తల్లి|తండ్రి|స్నేహితుడు|స్నేహితురాలు|"
    r"भाऊ|बहीण|आई|वडील|मित्र|मैत्रीण|दाइ|भाइ|दिदी|बहिनी|आमा|बुबा|साथी",
    re.I)


def regional_fact(text: str) -> tuple[str, str] | None:
    """(English slot, value as written) for a fact in one of the languages above, or None."""
    t = text.strip()
    if (m := _HOBBY.search(t)) and not _OTHERS.search(t[:m.start()]) and not re.search(r"\b(?:ne|nikad|nikoli)\s*$", t[:m.start()], re.I):
        return "hobby", HOBBY_VERBS[m.group("val").lower()]
    if (m := _HOBBY_NOUN.search(t)) and not _OTHERS.search(t[:m.start()]):
        return "hobby", HOBBY_NOUNS[(m.group("val") or m.group("val2")).lower()]
    return first_fact(t, _PATTERNS, _OTHERS, lambda noun: NOUNS.get(noun, NOUNS.get(noun.lower(), "pet")),
                      " .,!?।\u200c-", lambda val: len(val) >= 2)
