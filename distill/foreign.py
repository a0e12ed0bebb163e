"""Facts stated in French, Spanish, German, Italian, Portuguese, Dutch, Swedish, Polish, Turkish, Indonesian, Czech,
Romanian, Russian, Ukrainian, Bulgarian or romanised Japanese: the same slots as the English patterns (schema.py).

Memories come in the user's language. The slot and the probe stay English (the base model is probed in
English and the slot names are the profile's vocabulary); the value is kept as written ("infirmière",
"Telefónica"). A handful of constructions per language covers how memory layers state names, places and
work; anything else stays `free` and is still grouped by the multilingual embeddings.
"""
from __future__ import annotations

import re

NOUNS = {
    "chat": "cat", "chatte": "cat", "chien": "dog", "chienne": "dog", "gato": "cat", "gata": "cat", "perro": "dog",
    "perra": "dog", "katze": "cat", "kater": "cat", "hund": "dog", "fille": "daughter", "fils": "son", "hija": "daughter",
    "hijo": "son", "tochter": "daughter", "sohn": "son", "voilier": "boat", "bateau": "boat", "barco": "boat",
    "velero": "boat", "boot": "boat", "segelboot": "boat", "femme": "partner", "mari": "partner", "esposa": "partner",
    "esposo": "partner", "mujer": "partner", "marido": "partner", "frau": "partner", "mann": "partner",
    "frère": "brother", "soeur": "sister", "sœur": "sister", "hermano": "brother", "hermana": "sister",
    "bruder": "brother", "schwester": "sister", "lapin": "rabbit", "conejo": "rabbit", "kaninchen": "rabbit",
    "hamster": "hamster", "hámster": "hamster",
    "gatto": "cat", "gatta": "cat", "cane": "dog", "cagnolino": "dog", "cagnolina": "dog", "figlia": "daughter",
    "figlio": "son", "marito": "partner", "moglie": "partner", "fratello": "brother", "sorella": "sister",
    "barca": "boat", "coniglio": "rabbit", "cachorro": "dog", "cachorra": "dog", "cão": "dog", "cadela": "dog",
    "filha": "daughter", "filho": "son", "irmão": "brother", "irmã": "sister", "coelho": "rabbit",
    "hond": "dog", "kat": "cat", "katt": "cat", "pies": "dog", "kot": "cat", "kotka": "cat", "broer": "brother",
    "zus": "sister", "bror": "brother", "syster": "sister", "brat": "brother", "siostra": "sister", "zoon": "son",
    "dochter": "daughter", "dotter": "daughter", "syn": "son", "córka": "daughter", "konijn": "rabbit", "kanin": "rabbit",
    "kucing": "cat", "anjing": "dog", "kedi": "cat", "kedim": "cat", "kedimin": "cat", "köpek": "dog", "köpeğim": "dog",
    "köpeğimin": "dog", "pes": "dog", "psa": "dog", "kočka": "cat", "kočku": "cat", "inu": "dog", "neko": "cat",
    "kedisi": "cat", "kedisinin": "cat", "köpeği": "dog", "köpeğinin": "dog",
    "câine": "dog", "câinele": "dog", "cățel": "dog", "cățelul": "dog", "pisică": "cat", "pisica": "cat", "motan": "cat",
    "fiica": "daughter", "fiul": "son", "собака": "dog", "пёс": "dog", "пес": "dog", "кот": "cat", "кошка": "cat",
    "кіт": "cat", "кішка": "cat", "куче": "dog", "котка": "cat", "котарак": "cat", "дочь": "daughter", "дочка": "daughter",
    "донька": "daughter", "дъщеря": "daughter", "сын": "son", "син": "son",
    "mačka": "cat", "mačku": "cat", "mačky": "cat", "dcéra": "daughter", "пас": "dog", "пса": "dog", "мачка": "cat",
    "мачку": "cat", "ћерка": "daughter", "ћерку": "daughter", "mačka": "cat", "ćerka": "daughter", "šuo": "dog",
    "šunį": "dog", "šuns": "dog", "katė": "cat", "katę": "cat", "katės": "cat", "katinas": "cat", "dukra": "daughter",
    "sūnus": "son", "koer": "dog", "koera": "dog", "kass": "cat", "kassi": "cat", "tütar": "daughter", "poeg": "son",
    "dogter": "daughter", "seun": "son",
}
_NAMED = re.compile(r"\b(?P<noun>" + "|".join(sorted(NOUNS, key=len, reverse=True)) + r")\b.*?\b(?:s'appelle|se nomme|"
                    r"se llama|llamad[oa]|heißt|heisst|namens|nommée?|appelée?|si chiama|chiamat[oa]|di nome|se chama|chamad[oa]|"
                    r"heet|heter|ma na imię|nazywa się|wabi się|bernama|namanya|adı|se jmenuje|jménem|pe nume|numit[ăa]?|se numește|"
                    r"îl cheamă|o cheamă|по кличке|по имени|зовут|на ім'я|на имя|звати|на име|се казва|казва се|volá sa|sa volá|"
                    r"зове се|се зове|zove se|se zove|по имену|vardu|vardas|nimega|nimi on|naam is|se naam is) "
                    r"(?P<val>\w[\w' -]*)", re.I)
_NAMED_WA = re.compile(r"\b(?P<noun>inu|neko)(?: no namae)? wa (?P<val>[A-Z][\w-]*) (?:to iimasu|to iu|desu)\b")
_PATTERNS = [
    (re.compile(r"\b(?P<val>[A-ZÇĞİÖŞÜ][\w]*)'(?:de|da|te|ta) (?:yaşı\w*|otur\w*)"), "city"),
    (re.compile(r"\b(?i:tinggal|menetap|berdomisili) di (?P<val>[A-Z][\w-]*(?: [A-Z][\w-]*)*)"), "city"),
    (re.compile(r"\b(?i:bydlím|bydlí|bydlíme|žiju|žije) ve? (?P<val>[A-ZČŘŠŽÚ][\w-]*)"), "city"),
    (re.compile(r"\b(?P<val>[A-Z][\w-]*) ni sunde (?:imasu|iru|orimasu|imashita)\b"), "city"),
    (re.compile(r"\b(?P<val>[A-ZÇĞİÖŞÜ]\w*) adında (?:\w+ )*?(?:kedi|köpe)"), "_named"),
    (re.compile(r"\b(?:lucrez|lucrează|lucra|m-am angajat|s-a angajat|sunt angajat[ăa]?|este angajat[ăa]?) (?:acum )?la "
                r"(?P<val>[A-ZĂÂÎȘȚ][\w&-]*(?: [A-ZĂÂÎȘȚ][\w&-]*)*)", re.I), "employer"),
    (re.compile(r"\b(?i:locuiesc|locuiește|stau|trăiesc|trăiește) (?:acum )?(?:în|la) (?P<val>[A-ZĂÂÎȘȚ][\w-]*(?: [A-ZĂÂÎȘȚ][\w-]*)*)"),
     "city"),
    (re.compile(r"\b(?:lucrez|lucrează|lucrăm) ca (?P<val>\w[\w-]*)", re.I), "job"),
    (re.compile(r"\b(?i:bývam|býva|bývame|žijem|žije|živim|živi|живим|живи|живимо|gyvenu|gyvena|gyvename|elan|elab)"
                r"(?: (?i:teraz|teď|sada|сада|dabar|nüüd))? (?:(?i:vo|v|u|у) )?(?P<val>[A-ZČŠŽĆĐŽА-ЯЂЈЉЊЋЏ][\w-]*"
                r"(?: [A-ZČŠŽĆĐА-ЯЂЈЉЊЋЏ][\w-]*)*)"), "city"),
    (re.compile(r"\b(?i:presťahoval[a]?|presťahovali|přestěhoval[a]?|preselio|preselila|преселио|преселила|persikėliau|"
                r"persikėlė|kolisin|kolis|flyttet|flytta|flyttede|flyttade|verhuis|het verhuis) "
                r"(?:(?i:sa|se|som|sme|сам|се|sam) ){0,2}(?i:do|u|у|į|til|till|na|naar) (?P<val>[A-ZČŠŽĆĐА-ЯЂЈЉЊЋЏ][\w-]*)"), "city"),
    # the participle last, as Dutch and German put it: "Ik ben vorig jaar naar Nijmegen verhuisd", "Ich bin nach Kiel gezogen"
    (re.compile(r"\b(?i:naar|nach) (?P<val>[A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*)*) (?i:verhuisd|getrokken|gezogen|umgezogen)\b"), "city"),
    (re.compile(r"\b(?:pracujem|pracuje|pracujeme) ako (?P<val>\w[\w-]*)|\b(?:радим|ради|radim|radi) као (?P<val2>\w[\w-]*)"
                r"|\b(?:radim|radi) kao (?P<val3>\w[\w-]*)|\b(?:jobber|arbeider|werk) (?:som|as) (?:'n )?(?P<val4>\w[\w-]*)", re.I),
     "job"),
    (re.compile(r"\b(?i:jobber|arbeider|arbejder|jobbar|arbetar|werk) (?:(?i:nå|nu) )?(?i:i|på|hos|by|for) "
                r"(?P<val>[A-ZÆØÅ][\w&-]*(?: [A-ZÆØÅ][\w&-]*)*)"), "employer"),
    (re.compile(r"\b(?i:радим|ради|radim|radi|pracujem|pracuje) (?:(?i:у|u|за|za|v|vo|pre) )"
                r"(?P<val>[A-ZČŠŽĆĐА-ЯЂЈЉЊЋЏ][\w&-]*(?: [A-ZČŠŽĆĐА-ЯЂЈЉЊЋЏ][\w&-]*)*)"), "employer"),
    (re.compile(r"(?i:\b(?:живу|живёт|живет|живем|живём|живе|живемо|живея|живее|живеем)) (?:(?i:сейчас|теперь|зараз|тепер|сега) )?"
                r"(?:в|у|во|във) (?P<val>[А-ЯЁЇІЄҐ][\w'-]*(?: [А-ЯЁЇІЄҐ][\w'-]*)*)"), "city"),
    (re.compile(r"(?i:\b(?:работаю|работает|працюю|працює|работя|работи)) (?:(?i:сейчас|теперь|зараз|тепер|сега) )?"
                r"(?:в|у|във|на|за) (?P<val>[А-ЯЁЇІЄҐA-Z][\w&-]*(?: [А-ЯЁЇІЄҐA-Z][\w&-]*)*)"), "employer"),
    (re.compile(r"\b(?:работя като|работи като|работаю как|працюю як) (?P<val>\w[\w-]*)", re.I), "job"),
    (re.compile(r"\b(?P<val>\w+) olarak çalış\w*", re.I), "job"),
    (re.compile(r"\b(?:pracuji|pracuje|pracuju) jako (?P<val>\w+)|\bbekerja sebagai (?P<val2>\w+)", re.I), "job"),
    (re.compile(r"\b(?P<val>\w+) (?:to shite|toshite) hataraite", re.I), "job"),
    (re.compile(r"\b(?:habite|vit|vis|j'habite|vive|vivo|wohnt|wohne|lebt|lebe|abita|abito|mora|moro|woon|woont|bor|"
                r"mieszkam|mieszka)\s+(?:maintenant\s+|jetzt\s+|ahora\s+|actuellement\s+|ora\s+|agora\s+|nu\s+|"
                r"teraz\s+)?(?:à|a|en|in|em|no|na|i|w|we)\s+"
                r"(?P<val>[A-ZÀ-Ý][\w'-]*(?: [A-ZÀ-Ý][\w'-]*)*)", re.I), "city"),
    (re.compile(r"\b(?:(?:è|é|es|est|sono|sou|soy)\s+(?:originari[oa] d[ie]|originaire de|natural de|oriund[oa] de)|stammt aus)\s+"
                r"(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "hometown"),
    (re.compile(r"\b(?:è cresciut[oa]|sono cresciut[oa]|cresceu|cresci)\s+(?:a|in|em|no|na)\s+(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "hometown"),
    (re.compile(r"\b(?:è nat[oa]|sono nat[oa]|nasceu|nasci)\s+(?:a|in|em|no|na)\s+(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "birthplace"),
    (re.compile(r"\b(?:lavora|lavoro|trabalha|trabalho)\s+(?:presso|per|alla|al|all'|in|na|no|em|para|(?-i:da(?=\s+[A-Z])))\s*"
                r"(?P<val>[A-ZÀ-Ý][\w'&-]*(?: [A-ZÀ-Ý][\w'&-]*)*)", re.I), "employer"),
    (re.compile(r"\b(?:werk als|werkt als|arbetar som|jobbar som|pracuję jako|pracuje jako)\s+(?:een\s+|en\s+)?(?P<val>\w[\w-]*)", re.I), "job"),
    (re.compile(r"\b(?:lavora come|lavoro come|trabalha como|trabalho como|fa (?:l'|il |la )(?=\w+(?:ista|ante|ente|iere|iera|ore|ice|aio|aia)\b))"
                r"\s*(?P<val>\w[\w-]*)", re.I), "job"),
    (re.compile(r"\b(?:sposat[oa] con|casad[oa] com|casad[oa] con|mariée? (?:à|avec)|verheiratet mit)\s+(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "partner"),
    (re.compile(r"\b(?:allergic[oa] a(?:l|lla|i|gli|lle|llo)?|al[ée]rgic[oa] (?:al|a(?:o|à|os|as)?(?: l[oa]s?| la)?))\s+(?P<val>[\w-]+)", re.I), "allergy"),
    (re.compile(r"\b(?:a grandi|ai grandi|creció|crecí|aufgewachsen in|wuchs in)\s*(?:à|a|en|in)?\s+(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "hometown"),
    (re.compile(r"\b(?:est né|est née|suis né|suis née|nació|nací|geboren in|wurde in)\s+(?:à|a|en|in)?\s*(?P<val>[A-ZÀ-Ý][\w'-]*)", re.I), "birthplace"),
    (re.compile(r"\b(?:travaille chez|trabaja en|trabajo en|trabaja para|arbeitet bei|arbeite bei)\s+(?P<val>[A-ZÀ-Ý][\w'&-]*(?: [A-ZÀ-Ý][\w'&-]*)*)", re.I), "employer"),
    (re.compile(r"\b(?:travaille comme|travaille en tant que|trabaja como|trabajo como|arbeitet als|arbeite als|"
                r"est infirmière|es enfermera)\s+(?P<val>\w[\w-]*)", re.I), "job"),
    # a Romance copula before a bare noun of a trade ("Je suis boulangère", "Sou dentista"): the noun names the job;
    # not when a name follows ("É engenheiro na Petrobras" is the employer's statement as much as the job's)
    (re.compile(r"(?:^(?-i:[A-Z][\w'-]+\s+)?|\b(?:je|j'|il|elle|yo|eu|io)\s*)(?:suis|est|soy|es|sou|é|sono|è)\s+(?P<val>\w{2,}"
                r"(?:ier|ière|ère|eur|iste|ienne|ista|eiro|eira|aio|aia|tore|trice))"
                r"(?=(?:\s(?:de|du|des|en|à|a|na|no|em|in|al|alla|dans|para|pour|per)\s(?-i:[^A-Z.,!?]*))?\s*(?:$|[.,!]))", re.I), "job"),
    (re.compile(r"\b(?:trabajo de|trabaja de|trabalho de|trabalha de)\s+(?P<val>\w[\w-]*)", re.I), "job"),
    (re.compile(r"\b(?:fan von|fan de|fan du|supporte|supporter de|hincha del?|aficionad[oa] del?|socio del?)\s+(?:l'|le |la |el )?(?P<val>[\wÀ-ÿ][\w' .-]*)", re.I), "team"),
    (re.compile(r"\b(?:allergique aux?|allergique à la|allergique à|alérgic[oa] a(?:l| la| los| las)?|allergisch gegen)\s+(?P<val>[\w-]+)", re.I), "allergy"),
    (re.compile(r"\b(?:fährt|fahre|conduce|conduzco|conduit|roule en)\s+(?:ein|eine|einen|un|una|une)?\s*(?P<val>[\w-]+)", re.I), "vehicle"),
    (re.compile(r"\b(?:joue du|joue de la|joue de l'|toca el|toca la|spielt)\s*(?P<val>[\w-]+)", re.I), "instrument"),
]


# Someone else named before the verb is the fact's subject ("Ma sœur habite à Bordeaux": her city, not the user's).
_OTHERS = frozenset({w for w, v in NOUNS.items() if v in ("brother", "sister", "partner", "son", "daughter")} | set(
    "mère père maman papa madre padre mamá papá mutter vater mama mãe pai cousin cousine primo prima "
    "cugino cugina vetter cousine ami amie amigo amiga amico amica freund freundin voisin voisine vecino vecina vicino "
    "vicina nachbar nachbarin vizinho vizinha collègue colega collega kollege kollegin".split()))


# A pronoun after the verb is the subject, not the value ("fahre ich mit der Straßenbahn": no vehicle "ich").
PRONOUNS = frozenset("ich du er sie es wir ihr je tu il elle on nous vous yo él ella io lui lei eu ele ela "
                     "я ты он она мы вы ви ти він вона аз той тя ние ea noi voi".split())


def _clean(val: str) -> str:
    """The value without the clause after it, nor a trailing "now"/"too" ("Bordeaux maintenant", "Bordeaux aussi")."""
    v = re.split(r",|;| (?:et|y|und|avec|con|mit|depuis|desde|seit|qui|que|die|der|e|che|da|com|mas|ma|há|dove|onde|"
                 r"maintenant|aussi|ahora|también|tambien|jetzt|auch|agora|também|tambem|adesso|anche|ook|nu|też|teraz)\b",
                 val.strip())[0]
    return v.strip().rstrip(".!")


def foreign_fact(text: str) -> tuple[str, str] | None:
    """(English slot, value as written) for a fact in one of the languages above, or None; schema.py types it."""
    t = text.strip().rstrip(" .!")
    m = _NAMED.search(t)
    if m:
        val = _clean(m.group("val"))
        if val and len(val.split()) <= 4:
            return NOUNS[m.group("noun").lower()], val
    m = _NAMED_WA.search(t)
    if m:
        return NOUNS[m.group("noun")], m.group("val")
    for pat, slot in _PATTERNS:
        m = pat.search(t)
        if m and slot != "_named" and _OTHERS & set(re.findall(r"\w+", t[:m.start()].lower())):
            return None
        if m:
            g = m.groupdict()
            val = _clean(next((g[k] for k in ("val", "val2", "val3", "val4") if g.get(k)), ""))
            if slot == "_named":
                slot = "cat" if m.group(0).endswith("kedi") else "dog"
            if val and len(val.split()) <= 4 and val.lower() not in PRONOUNS:
                return slot, val
    return None
