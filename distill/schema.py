"""The item schema: what kind of memory a statement is, and the value a teacher can enforce.

Patterns, not a model: the kinds that can be satisfied by construction (opening, closing, format, length,
avoid, language, address) are phrased in a handful of ways by memory layers, a regex gives the exact value
to force (the sign-off text, the word limit, the banned words), and a wrong guess falls back to `free`,
which is still taught, only by amplification instead of construction. Facts get a slot (`boat`, `city`,
`job`, ...) so that two facts about the same thing can conflict, and a probe question for evaluation.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .canonical import SUBJECTLESS_VERBS, canonical
from .foreign import foreign_fact
from .script_facts import script_fact
from .regional_facts import regional_fact
from .org_facts import ORG_SLOT_PHRASES, org_fact
from .languages import language_named, language_of
from .preferences import preference
from .pursuits import SPORTS, cut_phrase, pursuit

ITEM_KINDS = ("opening", "closing", "format", "length", "avoid", "language", "address", "fact", "free")
# Kinds with one value per tenant: a newer value supersedes an older one.
SINGLE_VALUED = ("opening", "closing", "format", "length", "language", "address")
# Fact slots a person has several values of at once: a second hobby or condition is not a newer value of the first.
MULTI_VALUED = frozenset({"hobby", "condition"})

DIET_WORDS = {
    "vegan": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey", "fish", "salmon", "tuna", "shrimp",
              "egg", "eggs", "cheese", "milk", "butter", "cream", "yogurt", "honey", "gelatin"],
    "vegetarian": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey", "fish", "salmon", "tuna", "shrimp", "gelatin"],
    "pescatarian": ["meat", "beef", "pork", "bacon", "ham", "chicken", "turkey"],
    "halal": ["pork", "bacon", "ham", "alcohol", "wine", "beer", "gelatin", "lard"],
    "kosher": ["pork", "bacon", "ham", "shellfish", "shrimp", "lobster", "crab", "lard"],
    "gluten-free": ["wheat", "barley", "rye", "gluten", "flour"],
}
NEGATIONS = re.compile(r"\b(no|not|never|don't|doesn't|dont|hates?|dislikes?|avoid|without|stop|instead of)\b", re.I)
_Q = r"['\"\u201c\u2018]([^'\"\u201d\u2019]{1,80}?)['\"\u201d\u2019](?=\W|$)"
SLOT_SYNONYMS = {"bday": "birthday", "b-day": "birthday", "birthdate": "birthday", "date of birth": "birthday",
                 "mum": "mother", "mom": "mother", "mommy": "mother", "mummy": "mother", "mama": "mother",
                 "dad": "father", "daddy": "father", "papa": "father", "bro": "brother", "sis": "sister",
                 "grandma": "grandmother", "granny": "grandmother", "nana": "grandmother", "grandpa": "grandfather",
                 "granddad": "grandfather", "grandad": "grandfather", "hubby": "partner", "missus": "partner",
                 "sailboat": "boat", "yacht": "boat", "sloop": "boat", "kitty": "cat", "puppy": "dog", "kitten": "cat",
                 "wife": "partner", "husband": "partner", "spouse": "partner", "girlfriend": "partner",
                 "boyfriend": "partner", "fiancé": "partner", "fiance": "partner", "fiancee": "partner",
                 "bunny": "rabbit", "tabby": "cat", "moggy": "cat", "tomcat": "cat", "doggo": "dog", "pup": "dog", "mare": "horse", "stallion": "horse", "pony": "horse", "gelding": "horse", "boy": "son", "girl": "daughter", "club": "team", "football club": "team",
                 "football team": "team", "favourite team": "team", "favourite club": "team",
                 "favourite football club": "team", "favourite football team": "team", "profession": "job",
                 "occupation": "job", "employer": "employer", "company": "employer", "hometown": "hometown",
                 "home town": "hometown", "favorite": "favourite", "favourite": "favourite",
                 "town": "city", "truck": "car", "pickup": "car", "pickup truck": "car", "suv": "car", "van": "car",
                 "minivan": "car", "location": "city", "residence": "city"}


@dataclass
class Extract:
    kind: str
    slot: str
    value: object
    polarity: int = 1
    probe: dict | None = None
    key_terms: frozenset = field(default_factory=frozenset)
    statement: str = ""  # facts: the second-person sentence the teacher is made to say


def _diet(low: str) -> str | None:
    if re.search(r"\b(recipe|friend|asked)\b", low) and not re.search(r"\b(must|only|keeps?)\b", low):
        return None
    for diet in ("vegan", "vegetarian", "pescatarian", "halal", "kosher"):
        if re.search(rf"\b{diet}\b", low):
            return diet
    if re.search(r"\bveggie\b", low):
        return "vegetarian"
    if re.search(r"\bgluten[- ]free\b|\bco?eliac\b|\b(?:can't|cant|cannot|doesn't|don't|never|no) (?:eat\w* )?(?:any )?gluten\b", low):
        return "gluten-free"
    if re.search(r"\b(?:doesn't|does not|don't|never) eats? (?:any )?meat\b", low) \
            and not re.search(r"\b(?:dairy|eggs?|animal products?|honey)\b", low):  # no meat, no dairy: vegan
        return "vegetarian"
    if re.search(r"\beats? fish but (?:no|not) meat\b|\bfish but no meat\b", low):
        return "pescatarian"
    if re.search(r"\b(?:doesn't|does not|don't|never|no) eat\w* (?:any )?meat (?:or|and|nor) fish\b|\bno meat or fish\b", low):
        return "vegetarian"
    return None


def _foreign_diet(low: str) -> str | None:
    """A diet named in another language ("Ik ben vegetariër", "Isst kein Fleisch"); the caller lets a fact in the
    same sentence win ("Ist Vegetarierin und wohnt in München": the city is the fact a pattern cannot see elsewhere)."""
    if re.search(r"\b(?:végane|veganer\w*|vegano|vegana|végétalien\w*|wegan\w*)\b", low):
        return "vegan"
    if re.search(r"\b(?:vegetari\w+|végétarien\w*|wegetarian\w*|geen vlees|kein fleisch|pas de viande|no come carne|"
                 r"non mangia carne|não come carne|inte kött|nie je\w* mięsa|shakahari|sakahari|"
                 # the languages of regional_facts.py: the word, and "eats no meat"
                 r"vegetarijan\w*|veģetārie\w*|grænmetisæt\w*|barazkijale\w*|llysieu\w*|vejetaryen\w*|vegjetarian\w*|"
                 r"ne jed\w* mes[oa]|ne jem mesa|neēd\w* gaļu|borð\w* ekki kjöt|nuk ha mish|ez d\w* haragirik jaten|"
                 r"non como carne|ddim yn bwyta cig|ət yemir\w*|вегетари\w+|вегетаријан\w*|не јад\w* месо|ет жеме\w*)\b"
                 r"|शाकाहारी|素食|菜食主義|ベジタリアン|채식|มังสวิรัติ|نباتي|मांस\S* (?:\S+ ){0,3}खात नाही|मासु खान्न|मासु खाँदिन|"
                 r"మాంసం తిన|శాకాహారి|ቬጀቴሪያን|ስጋ አል|ვეგეტარიან|ხორცს არ ვჭამ", low):
        return "vegetarian"
    return None


def _quoted(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(_Q, text)]


_BREEDS = {"corgi", "beagle", "collie", "lab", "labrador", "poodle", "terrier", "husky", "retriever", "spaniel",
           "dachshund", "pug", "boxer", "shepherd", "inu", "shiba", "greyhound", "whippet", "schnauzer", "chihuahua",
           "bulldog", "setter", "pointer", "mutt", "rescue"}
# breeds that are also common words ("my lab results", "my boxer shorts"): never read as a dog before a name
_BREEDS_AMBIGUOUS = {"rescue", "mutt", "shepherd", "lab", "boxer", "pointer", "setter", "inu"}
_ADJECTIVES = re.compile(r"^(?:(?:older|younger|little|big|baby|old|new|small|black|white|grey|gray|ginger|tabby|"
                         r"brown|silver|red|blue|wooden|rescue|border|shiba|golden|twin|eldest|youngest|only|"
                         r"first|second|\d+-\w+)\s+)+")


def _slot(noun: str) -> str:
    """The attribute a noun names: adjectives dropped ("older brother" -> brother), breeds are dogs,
    synonyms mapped (wife/husband/spouse -> partner), so paraphrases share a slot."""
    n = " ".join(noun.lower().replace("-", " ").split())
    if n in SLOT_SYNONYMS:
        return SLOT_SYNONYMS[n]
    n = _ADJECTIVES.sub("", n) or n
    words = n.split()
    if words and words[-1] in _BREEDS:
        return "dog"
    if len(words) > 1 and not words[0].startswith("favo") and words[-1] in NAMED_NOUNS:
        words = words[-1:]
    words = [SLOT_SYNONYMS.get(w, w) for w in words]
    if len(words) == 1 and len(words[0]) >= 4 and words[0] not in NAMED_NOUNS:  # "geko" -> gecko
        near = difflib.get_close_matches(words[0], sorted(_PERSON_OR_PET), n=1, cutoff=0.85)
        words = near or words
    return " ".join(words)


_NAME = r"(?:[A-Z][\w'-]*|[Tt]he user|[Hh]e|[Ss]he|[Tt]hey|I)"
_U = r"(?:[Tt]he user|" + _NAME + r")"
_V = r"(?P<val>\w.*?)"  # a value: a few words, cut at the first clause boundary by _clean_value
_NOUN = r"(?P<noun>[\w-]+(?: [\w-]+){0,2}?)"
# Verb facts: (pattern on the canonical form, slot). The slot names the attribute, so that two values of it
# conflict (newer wins) and the statement and probe can be phrased (SLOT_PHRASES).
_VERB_FACTS = [
    (r"(?:lives|is living|is based|lives and works|resides|has lived) in|is based out of|(?:has )?(?:moved|relocated|emigrated) to", "city"),
    (r"(?:grew up|was raised) in|is (?:originally )?from|comes from", "hometown"),
    (r"was born in", "birthplace"),
    (r"(?:works|is working|is employed) (?:at|for|by)|is employed by|works at|has (?:been|worked) at|"
     r"(?:has )?(?:started|began)(?: (?:a |the )?(?:new )?job| working)? at|(?:teaches|is teaching|lectures) at", "employer"),
    (r"(?:works|is working)(?: (?!at\b|for\b|in\b|with\b)[\w-]+){0,3} as an?|is employed as an?|(?:has )?(?:qualified|retrained) as an?", "job"),
    (r"is allergic to|has an? (?:\w+ )?allergy to|cannot digest|can't digest", "allergy"),
    (r"(?:drives|owns and drives) an?", "car"),
    (r"rides an?|commutes (?:to work )?(?:by|on)(?: an?)?|gets around (?:town |the city )?(?:by|on)(?: an?)?", "vehicle"),
    (r"is married to|'s (?:wife|husband|spouse) is", "partner"),
    (r"plays|(?:is|has been) learning(?: to play)?|practises|practices", "instrument"),
    (r"supports|roots for|is an? (?:huge |big |die-hard |lifelong )?fan of|cheers for", "team"),
    (r"(?:studies|studied|is studying) at|went to (?:university|college|school) at|graduated from|"
     r"is (?:now |currently )?an? (?:[\w-]+ ){0,2}student at|(?:is taking|takes|is attending|attends) (?:classes|courses|lectures) at", "school"),
]
# A fact also sits in a clause that presupposes it ("Now that I'm living in Liverpool, where ...?") or in the
# second sentence of a message ("What can I bake? I'm allergic to tree nuts").
_VERB_FACTS = [(re.compile(rf"(?:(?:^|[,;:] *|\b(?:now that|since) ){_U}|(?:[.?!] +| and )the user) (?:also |still |now |currently |finally |recently |just |already )?"
                           rf"(?:{v}) (?:the )?{_V}$", re.I), slot)
               for v, slot in _VERB_FACTS]
_VERB_ADVERB = re.compile(r"\b(works|is working|lives|is living|studies|is studying)\s+(?:\w+ly|full[- ]time|part[- ]time)\s+"
                          r"(?=(?:at|for|in|as|by)\b)", re.I)
_JOBS = ("drummer|trumpeter|fiddler|plasterer|tiler|bricklayer|glazier|scaffolder|joiner|labourer|laborer|nurse|teacher|doctor|engineer|lawyer|developer|designer|chef|pilot|student|accountant|programmer|writer|"
         "architect|dentist|pharmacist|electrician|plumber|carpenter|firefighter|journalist|scientist|librarian|"
         "veterinarian|vet|paramedic|researcher|professor|farmer|baker|mechanic|photographer|translator|consultant|"
         "analyst|manager|data scientist|software engineer|software developer|web developer|graphic designer|"
         "nurse practitioner|high school teacher|physiotherapist|psychologist|social worker|barista|surgeon|"
         "fisherman|fisher|welder|bartender|waiter|waitress|cashier|driver|police officer|soldier|midwife|optician|"
         "actor|actress|musician|hairdresser|tailor|cook|butcher|gardener|miner|sailor|cleaner|clerk|secretary|"
         "receptionist|realtor|banker|economist|entrepreneur|freelancer|surveyor|technician|machinist|physician|"
         "therapist|counselor|counsellor|coach|tutor|lecturer|flight attendant|cabinet maker|builder|roofer|"
         "painter|decorator|jeweller|jeweler|locksmith|mason|bricklayer|courier|postman|paralegal|judge|"
         "editor|illustrator|animator|copywriter|programmer|sysadmin|radiographer|dietitian|nutritionist|"
         "carer|caregiver|nanny|zookeeper|ranger|forester|shepherd|beekeeper|brewer|winemaker|sommelier")
# Car makes: a closed set, so "got a mini cooper" is a car and "got a puppy" is not.
CAR_MAKES = frozenset({
    "toyota", "honda", "nissan", "mazda", "subaru", "mitsubishi", "suzuki", "lexus", "hyundai", "kia", "ford",
    "chevrolet", "chevy", "dodge", "jeep", "tesla", "gmc", "cadillac", "buick", "chrysler", "lincoln", "volkswagen",
    "vw", "audi", "bmw", "mercedes", "porsche", "opel", "vauxhall", "peugeot", "renault", "citroen", "citroën", "fiat",
    "alfa romeo", "skoda", "škoda", "volvo", "saab", "mini cooper", "mini countryman", "land rover", "range rover", "jaguar", "dacia",
    "lada", "polestar", "rivian", "byd", "cupra"})  # no "seat", "smart", "ram": common words too
_FACT_PATTERNS = [(re.compile(p.replace("{name}", _U), re.I if flags else 0), re.compile(p.replace("{name}", _U), re.I), slot)
                  for p, slot, flags in [
    (r"^(?P<val>[A-Z][\w .'-]*?) is the name of {name}'s " + _NOUN + r"$", None, 0),
    (r"^(?P<val>[A-Z][\w'-]*) is {name}'s " + _NOUN + r"$", None, 0),
    (r"^{name}'s " + _NOUN + r"(?:'s name)? (?:is|was) (?:called |named )?(?P<val>[A-Z0-9][\w .'&-]*)$", None, 0),
    (r"^{name}'s " + _NOUN + r"(?:'s name is| is called| is named| goes by| is) " + _V + r"$", None, 1),
    (r"^{name}(?:'s| has got an?| has an?| has| owns an?| keeps an?| adopted an?) " + _NOUN + r" (?:is )?(?:called|named) " + _V + r"$", None, 1),
    (r"^(?:{name} )?(?:\w+ly )?(?:has|has got|got|owns|sails|drives|keeps|adopted) an? " + _NOUN + r" (?:called|named) " + _V + r"$", None, 1),
    (r"^.*?\b{name}'s (?P<noun>" + "|".join(sorted(["brother", "sister", "son", "daughter", "wife", "husband", "partner",
        "mother", "father", "mom", "mum", "dad", "boyfriend", "girlfriend", "best friend", "friend", "boss", "cat", "dog",
        "roommate", "flatmate", "twin", "fiancé", "fiance", "fiancee", "grandmother", "grandfather", "grandma", "grandpa",
        "aunt", "uncle", "cousin", "niece", "nephew", "stepson", "stepdaughter", "stepmother", "stepfather"], key=len, reverse=True)) + r") (?P<val>[A-Z][\w'-]+)\b.*$", None, 0),
    # a breed names the dog as "dog" does ("Marcus's bulldog Hugo snores", "my beagle Otis ate a sock"), but only a
    # capitalised name after it: in lower-case chat "my beagle snores all nite" names no dog
    (r"^.*?\b{name}'s (?P<noun>" + "|".join(sorted(_BREEDS - _BREEDS_AMBIGUOUS, key=len, reverse=True))
     + r") (?P<val>(?-i:[A-Z])[\w'-]+)\b.*$", None, 0),
    (r"^{name} is an? (?P<val>(?:(?!(?:of|for|to|with|from|the|an?|and|or|my|his|her|their|our)\b)\w+ ){0,3}(?:" + _JOBS + r"|\w+ist))(?:(?: (?:at|in|for|on|with|by|out of|doing|working|who|and|since|based|so|but|btw|by the way)|,) .*| (?:now|these days|currently|nowadays|btw))?$", "job", 1),
    (r"^{name} is (?P<val>\w+) intolerant$", "allergy", 1),
    (r"^{name} (?:has|suffers from|lives with|was diagnosed with|has been diagnosed with|manages|is managing|deals with|"
     r"struggles with|is being treated for|takes \w+ for) (?P<val>(?:type \d |chronic |severe |mild )?"
     r"(?:[\w-]+ )?(?:disease|syndrome|disorder|diabetes|asthma|epilepsy|migraines?|eczema|psoriasis|adhd|autism|dyslexia|"
     r"hypertension|anemia|anaemia|[a-z]+itis))(?: (?:with|since|through|by|and|using) .*)?$", "condition", 1),
    (r"^{name} is (?:an? )?(?P<val>(?:type \d )?(?:diabetic|asthmatic|epileptic|dyslexic|autistic|arthritic|anemic|anaemic))"
     r"(?: (?:since|and|for) .*)?$", "condition", 1),
    (r"^{name} (?:has|gets) (?:an? )?(?P<val>[\w ]+?) allerg(?:y|ies)$", "allergy", 1),
    (r"^(?:the )?(?P<val>[\w .'-]+?) is where {name} (?:was born)$", "birthplace", 1),
    (r"^(?:the )?(?P<val>[\w .'-]+?) is where {name} (?:grew up)$", "hometown", 1),
    (r"^(?:the )?(?P<val>[\w .'-]+?) is where {name} (?:lives)$", "city", 1),
    (r"^{name} is an? (?P<val>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}) (?:resident|local)$", "city", 0),
    (r"^{name} is an? (?:resident|local) of (?P<val>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})$", "city", 0),
    (r"^{name} is an? (?P<val>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}) native$", "hometown", 0),
    (r"^{name} is an? native of (?P<val>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})$", "hometown", 0),
    (r"^(?:the )?(?P<val>[A-Z][\w .'-]*?), {name}'s " + _NOUN + r",.*$", None, 0),
    (r"^{name}'s " + _NOUN + r", (?P<val>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?),.*$", None, 0),  # "User's partner, Alex, is a chef"
    (r"^(?:the )?(?P<val>[A-Z][\w .'-]*?) is {name}'s (?:[\w-]+ )?" + _NOUN + r"(?:,.*)?$", None, 0),
    (r"^{name} is an? (?:huge |big |die-hard |lifelong )?(?P<val>[\w .'-]+?) (?:fan|supporter)$", "team", 1),
    # "Has a daughter, Lily, who is 4": a relative or pet named in apposition
    (r"^{name} (?:has|has got|owns|adopted) an? " + _NOUN + r", (?P<val>[A-Z][\w'-]+)(?:,.*| \(.*)?$", None, 0),
    # "Beans is the shy one of my cats": a name said as one of several
    (r"^(?P<val>[A-Z][\w'-]+) is (?:the \w+ one|one|the (?:older|younger|oldest|youngest|eldest|elder|first|second)) of "
     r"{name}'s (?P<noun>[a-z]+?)(?:ren|s)?(?: .*)?$", None, 0),
    # "Monzo employee", "an employee at Monzo": where the user works
    # "just got a mini cooper", "bought a used Kia Ceed": a car named by its make, whatever the verb
    (r"^{name} (?:just |finally |recently )?(?:got|bought|has|owns|leased|picked up|has bought|has got|is getting) "
     r"(?:an?|the|his|her|their) (?:(?:new|used|second-hand|secondhand|old|little|shiny|brand new|\w+-year-old|"
     r"red|blue|black|white|silver|grey|gray|green) )*(?P<val>(?:" + "|".join(sorted(CAR_MAKES, key=len, reverse=True))
     + r")(?: [\w-]+)?)\b.*$", "car", 1),
    (r"^{name} is an? (?P<val>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,3}) (?:employee|staffer|staff member)$", "employer", 0),
    (r"^{name} is an? (?:employee|staffer|staff member) (?:at|of|for|with) (?P<val>(?:the )?[A-Z][\w&'.-]*(?: (?:of )?[A-Z][\w&'.-]*){0,3})$", "employer", 0),
    (r"^{name}'s (?P<noun>car|vehicle|bike|instrument|job|profession|occupation) is an? " + _V + r"$", None, 1),
    (r"^{name}'s (?P<noun>favou?rite (?:football |soccer |sports? )?(?:team|club)) is " + _V + r"$", None, 1),
    (r"^{name} writes most of (?:his|her|their|the user's) code in (?P<val>[A-Z][\w+#]*)(?:, (?:his|her|their|the user's) (?P<noun>favou?rite [\w ]+))?$", None, 0),
]]
# "-ist" words that name a belief or a temperament, not a trade.
_BELIEFS = frozenset("""buddhist atheist agnostic optimist pessimist perfectionist minimalist feminist marxist socialist
communist capitalist nationalist idealist realist humanist purist environmentalist activist extremist evangelist baptist
methodist pacifist nudist tourist hedonist nihilist theist deist loyalist royalist traditionalist modernist populist
conformist nonconformist introvert extrovert ambivert""".split())
_PERSON_STATES = frozenset({
    "diabetic", "asthmatic", "autistic", "epileptic", "dyslexic", "allergic", "sick", "ill", "pregnant", "retired",
    "married", "single", "divorced", "engaged", "widowed", "older", "younger", "vegan", "vegetarian", "deaf", "blind",
    "disabled", "adopted", "unemployed", "home", "away", "abroad", "fine", "okay", "ok", "better", "worse", "busy",
    "tired", "happy", "sad", "old", "young", "little", "tiny", "big", "huge", "shy", "lazy", "scared", "afraid"})
_NOT_VALUES = re.compile(r"^(?:very|really|not|no|always|never|too|so|quite|usually|often|more|less|on|in|at)\b", re.I)
SLOT_PHRASES = {  # slot -> (statement in the second person, the probe question)
    "city": ("You live in {v}.", "Which city do I live in?"),
    "hometown": ("You grew up in {v}.", "Where did I grow up?"),
    "birthplace": ("You were born in {v}.", "Where was I born?"),
    "employer": ("You work at {v}.", "Where do I work?"),
    "job": ("You work as {a} {v}.", "What do I do for work?"),
    "allergy": ("You are allergic to {v}.", "What am I allergic to?"),
    "car": ("You drive {a} {v}.", "What car do I drive?"),
    "vehicle": ("You ride {a} {v}.", "What do I ride?"),
    "spouse": ("You are married to {v}.", "Who am I married to?"),
    "school": ("You studied at {v}.", "Where did I study?"),
    "team": ("You support {v}.", "Which team do I support?"),
    "instrument": ("You play the {v}.", "Which instrument do I play?"),
    "partner": ("Your partner is named {v}.", "What is the name of my partner?"),
    "learning": ("You are learning {v}.", "Which language am I learning?"),
    "degree": ("You studied {v}.", "What did I study?"),
    "hobby": ("One of your hobbies is {v}.", "What is one of my hobbies?"),
    "condition": ("You have {v}.", "What health condition do I have?"),
    **ORG_SLOT_PHRASES,  # an organization tenant's attributes (org_facts.py)
}
NAMED_NOUNS = {
    "cat", "dog", "hamster", "rabbit", "bird", "parrot", "fish", "horse", "pet", "boat", "tortoise", "turtle", "snake",
    "lizard", "guinea pig", "puppy", "kitten", "brother", "sister", "son", "daughter", "wife", "husband", "partner",
    "mother", "father", "mom", "mum", "dad", "boyfriend", "girlfriend", "friend", "best friend", "boss", "manager",
    "baby", "child", "kid", "twin", "roommate", "flatmate", "fiancé", "fiance", "fiancee", "grandmother",
    "grandfather", "grandma", "grandpa", "aunt", "uncle", "cousin", "niece", "nephew", "car", "bike", "plant",
    "gecko", "iguana", "ferret", "chinchilla", "goldfish", "budgie", "canary", "cockatiel", "hedgehog", "rat", "mouse",
    "pig", "goat", "donkey", "chicken", "duck", "axolotl", "frog", "spider", "tarantula",
}
_PLURAL_POSSESSIVE = re.compile(r"\b(" + "|".join(sorted(NAMED_NOUNS, key=len, reverse=True)) + r")s? name (?=is |was )", re.I)
_PERSON_OR_PET = NAMED_NOUNS - {"car", "bike", "plant", "boat"}


# Words a speaker adds after the value ("My name is Arjun by the way", "from Cairo originally"): never part of it.
_AFTERTHOUGHT = re.compile(r"\s+(?:by the way|btw|originally|though|too|as well|anyway|lol|haha|unfortunately|"
                           r"apparently|actually|honestly|fyi|if that matters|if you must know)$", re.I)


def _clean_value(val: str) -> str:
    val = _AFTERTHOUGHT.sub("", val.strip().rstrip(".,!"))
    v = re.split(r",|;| - | (?:and|but|since|because|so|who|which|where|when|with|as of|from|for|after|now|in [a-z]+ [a-z]+|in \d{4}"
                 r"|last|next|yesterday|ago|recently|the user)\b", val.strip())[0]
    v = re.sub(r"^the\s+(?=\w)", "", v.strip(), flags=re.I)
    return v.strip().rstrip(".,!")


# a child's school, said as where the child goes: "The user's son goes to Ridgeway Primary", "daughter is in Year 2
# at St Mary's": the slot is the child's school, so the statement is "Your son's school is ..." (not "You studied at")
_CHILD_SCHOOL = re.compile(r"^(?i:the user's (?P<kin>son|daughter|child|kid|boy|girl|kids|children))(?: [A-Z]\w+)? "
                           r"(?i:go(?:es)? to|attends?|(?:is|are) at|(?:is|are) in (?:year|grade|class) \w+ at|(?:has |have )?started at|"
                           r"(?:is|are) starting at) "
                           r"(?:the )?(?P<val>[A-Z][\w.'&-]*(?: (?:of )?[A-Z][\w.'&-]*)*)")


def _fact(text: str) -> Extract | None:
    t = re.sub(r"\bname's (?=[A-Z])", "name is ", text.strip().rstrip(" .!"))  # "Name's Tomás"
    if m := _CHILD_SCHOOL.match(t):
        kin = {"kids": "children", "kid": "child"}.get(m.group("kin").lower(), m.group("kin").lower())
        return _fact_extract(f"{kin}'s school", m.group("val"))
    t = _PLURAL_POSSESSIVE.sub(r"\1's name ", t)  # chat's "my husbands name is dave"
    lower = t[4:] == t[4:].lower()  # all lower case (after "The"): names are not capitalised either
    for cased, caseless, slot in _FACT_PATTERNS:
        m = (caseless if lower else cased).match(t)
        if not m:
            continue
        val = _clean_value(m.group("val"))
        noun = m.groupdict().get("noun")
        if noun and noun[0].isupper() and not lower:  # "Fatima's Corolla is silver": a name is no attribute
            continue
        if noun and re.search(r"\s(?:in|at|near|from)\s", noun):  # "my flat in Leeds is tiny": a place, not a slot
            continue
        named = _noun_with_name(noun, lower) if noun and slot is None else None
        if named:
            return _fact_extract(*named)
        if slot is None:
            slot = _slot(noun or "favourite programming language")
        if slot in ("car", "vehicle", "bike", "instrument"):
            val = _ADJECTIVES.sub("", re.sub(r"^(?:an?|the)\s+", "", val, flags=re.I)) or val
        val = re.sub(r"^on (?=\d|(?:[A-Z][a-z]+|the) \d)", "", val)  # "Birthday is on July 14": a date
        if not val or len(val.split()) > 5 or _NOT_VALUES.match(val) or set(slot.split()) & _NOT_SLOTS:
            continue
        if noun and val.split()[0].lower() in _VERB_WORDS:  # "my sister runs marathons" names no sister
            continue
        if noun and slot.split()[-1] in _PERSON_OR_PET:
            if re.match(r"(?:an?|the)\s", val, re.I) or re.search(r"\s(?:to|of|at|from|with)\s", val):
                continue  # "my husband is allergic to shellfish", "... is a nurse": what they are, not a name
            raw = m.group("val").split()
            if len(raw) > 1 and raw[0].islower() and raw[0].endswith("ing"):  # "my partner is training for ..."
                continue
            if val.isdigit():  # "my brother is 12": an age, not a name
                slot = f"{slot} age"
            elif (not lower and val[:1].islower()) or val.split()[0].lower() in _PERSON_STATES:
                continue  # "my son is diabetic": what they are; in cased text a name has its capital
        if slot == "job" and val.split()[-1].lower() in _BELIEFS:  # "Is a Buddhist": no trade
            continue
        school = re.search(r"\bstudent\b.*? at (?:the )?([A-Z][\w.'&-]*(?: (?:of )?[A-Z][\w.'&-]*)*)", t) if slot == "job" else None
        if slot == "job" and lower and school is None:  # chat in lower case: "im a student at uni of leeds"
            school = re.search(r"\bstudent\b.*? at (?:the )?((?:uni|university|college|school)\b(?: of)? [\w.'&-]+|[\w.'&-]+ "
                               r"(?:uni|university|college))\b", t)
        if school and val.split()[-1].lower() == "student":  # "a PhD student in chemistry at ETH Zurich"
            return _fact_extract("school", school.group(1))
        return _fact_extract(slot, val)
    bare = _VERB_ADVERB.sub(r"\1 ", t)  # "works remotely for Shopify": the adverb is not part of the fact
    for pat, slot in _VERB_FACTS:
        m = pat.search(bare)
        if m:
            val = _clean_value(m.group("val"))
            if val and len(val.split()) <= 5 and not _NOT_VALUES.match(val):
                return _fact_extract(slot, val)
    if re.match(rf"^{_U} (?:cycles|bikes|rides (?:a |his |her |their )?bike) to (?:work|school|the office)\b", t, re.I):
        return _fact_extract("vehicle", "bicycle")
    found = pursuit(t)
    return _fact_extract(*found) if found else None


def _noun_with_name(noun: str, lower: bool) -> tuple[str, str] | None:
    """"<x>'s brother Leo is 12", "my cat Olive is ...": the word after a relative or pet is its name, and the
    fact is that name, not a slot "brother leo". In lower-case memory any word there that is not a common noun
    ending counts as a name."""
    words = noun.split()
    if len(words) != 2 or _slot(words[0]) not in _PERSON_OR_PET:
        return None
    name = words[1]
    if lower:
        if len(name) < 3 or re.search(r"(?:ing|er|ed|ion|ness|ment|s)$", name.lower()) or name.lower() in NAMED_NOUNS:
            return None
    elif not name[:1].isupper():
        return None
    return _slot(words[0]), name


# "running is my thing": an interest, not an attribute; "my day is basically filling prescriptions": a time, not one
_NOT_SLOTS = {"style", "tone", "thing", "stuff", "life", "jam", "passion", "day", "days", "week", "weekend", "morning", "evening", "night"}
_VERB_WORDS = SUBJECTLESS_VERBS | {"is", "was", "lives", "works", "studies", "visits", "loves", "hates", "says", "thinks"}


def typed_fact(slot: str, val: str) -> Extract:
    """A fact of `slot` with value `val`, with its statement and probe, for a slot found by other means."""
    return _fact_extract(slot, val)


_NOW_TAIL = re.compile(r"\s+(?:now|these days|nowadays|at the moment|currently|for now|right now|since \w+|"
                       r"this (?:week|month|year)|(?:(?:about|almost|over|nearly) )?(?:a|an|one|two|three|four|five|six|"
                       r"a few|a couple of|several|\d+) (?:days?|weeks?|months?|years?|decades?)(?: ago)?)$", re.I)


def _fact_extract(slot: str, val: str) -> Extract:
    val = _NOW_TAIL.sub("", val) or val  # "lives in Aarhus these days": the city is Aarhus
    if slot in ("instrument", "degree", "learning"):  # "learning Spanish using Duolingo": the subject is Spanish
        val = re.split(r" (?:using|with|via|through|on|at|from|every|each|since|for|online)\b", val)[0].strip() or val
    if slot == "job" and val.lower().split()[-1] in _PLAYERS:  # "a bassist in a punk band" plays the bass
        slot, val = "instrument", _PLAYERS[val.lower().split()[-1]]
    if slot in ("instrument", "degree") and language_of(val) is not None:  # "is learning Japanese" is no instrument
        slot = "learning"
    sport = next((sp for sp in sorted(SPORTS) if re.match(rf"(?:the )?(?:[\w-]+ ){{0,2}}{sp}\b", val.lower())), None)
    if slot == "instrument" and sport:  # "plays tennis on Sundays", "plays five-a-side football"
        slot, val = "hobby", sport
    if slot == "job" and len(val.split()) > 1 and val.lower().split()[-1] == "student":  # "a pharmacy student"
        slot, val = "degree", " ".join(val.split()[:-1])
    if slot == "city":
        val = val.split(",")[0].strip()
        if re.match(r"(?:an?|the)\s", val, re.I) and " in " in val:  # "a small apartment in Brooklyn"
            val = val.rsplit(" in ", 1)[1].strip()
    if slot == "job":
        val = re.split(r" (?:at|for|in)\b", val)[0].strip()
    if slot == "employer":  # "spotify on the podcast team", "Siemens in Erlangen": the employer is the name
        val = re.split(r" (?:on|in|as|since|with)\b", val)[0].strip() or val
        val = re.sub(r"^.*\b(?:called|named) (?=[A-Z0-9])", "", val)  # "a fintech startup called Monzo"
    if slot in ("instrument", "car", "vehicle"):
        val = _ADJECTIVES.sub("", re.sub(r"^(?:an?|the|my|his|her)\s+", "", val, flags=re.I)) or val
    if slot == "condition":  # "a type 2 diabetic": the condition is type 2 diabetes
        val = re.sub(r"\b(?:an? )?(\w+ic)$", lambda m: _CONDITION_NOUNS.get(m.group(1).lower(), m.group(0)), val)
    if slot in ("vehicle", "car"):  # "drives a Honda to work": the car is the Honda
        val = re.sub(r"\s+(?:to|into|around) (?:work|school|the office|town|the city)\b.*$", "", val) or val
    if slot == "vehicle":
        val = _BICYCLE.get(cut_phrase(val).lower(), cut_phrase(val)) or val
    if slot == "car" and val.islower() and any(val.startswith(m) for m in CAR_MAKES):  # "nissan micra": a name
        val = " ".join(w.upper() if w in ("vw", "bmw", "gmc", "byd") else w.capitalize() for w in val.split())
    if (kin_or_pet(slot) or slot == "name") and re.fullmatch(r"[a-z]+(?:[ -][a-z]+)?", val) and val not in _PERSON_STATES:
        val = re.sub(r"(?:^|(?<=[ -]))[a-z]", lambda m: m.group(0).upper(), val)  # "biscuit", "jean-luc": names
    return Extract("fact", slot, val, probe=make_probe(slot, val), statement=fact_statement(slot, val))


_PLAYERS = {"bassist": "bass", "guitarist": "guitar", "pianist": "piano", "drummer": "drums", "violinist": "violin",
            "cellist": "cello", "saxophonist": "saxophone", "trumpeter": "trumpet", "flautist": "flute", "flutist": "flute",
            "harpist": "harp", "organist": "organ", "keyboardist": "keyboard", "violist": "viola", "fiddler": "fiddle",
            "clarinettist": "clarinet", "clarinetist": "clarinet", "trombonist": "trombone", "banjoist": "banjo",
            "accordionist": "accordion", "ukulelist": "ukulele"}
_CONDITION_NOUNS = {"diabetic": "diabetes", "asthmatic": "asthma", "epileptic": "epilepsy", "dyslexic": "dyslexia",
                    "autistic": "autism", "arthritic": "arthritis", "anemic": "anemia", "anaemic": "anaemia"}
_BICYCLE = {"bike": "bicycle", "road bike": "bicycle", "push bike": "bicycle", "cycle": "bicycle", "pushbike": "bicycle",
            "e-bike": "bicycle", "ebike": "bicycle", "mountain bike": "bicycle"}


def _article(v: str) -> str:
    """By sound, not letter: "an HR manager", "a UX designer", "a university lecturer", "an hourly worker"."""
    first = (v.split() or [""])[0]
    if re.fullmatch(r"[A-Z]{2,}s?", first):
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    low = first.lower()
    if re.match(r"(?:uni|use|usu|eu|one\b|ukr|uro)", low):
        return "a"
    return "an" if low[:1] in "aeiou" or low.startswith(("hour", "honest", "honou", "heir")) else "a"


def make_probe(slot: str, value: str) -> dict:
    """The question whose answer is the fact, and the strings an answer must contain."""
    if slot in SLOT_PHRASES:
        q = SLOT_PHRASES[slot][1]
    elif slot.endswith(" age"):
        q = f"How old is my {slot[:-4]}?"
    elif slot in NAMED_NOUNS or _names_a_person(slot):
        q = f"What is the name of my {slot}?"
    else:
        q = f"What is my {slot}?"
    expect = [value]
    if " " in value and slot == "city":
        expect.append(value.split()[-1])
    return {"question": q, "expect": expect}


def several_of(text: str) -> set[str]:
    """The relatives' and pets' slots a statement says the user has more than one of ("my other cat", "both
    dogs", "two daughters"): a second name there is a second one, not a newer value of the first."""
    words = [re.sub(r"(?<=child)ren$|(?<=[^s])s$", "", w) for m in _SEVERAL.finditer(text) for w in m.group(1).lower().split()]
    return {slot for w in words if kin_or_pet(slot := _slot(w))}


def one_of_several(slot: str, value: str) -> tuple[str, dict]:
    """Statement and probe of one of several named pets or relatives of a kind: "Your cat is named Miso." beside
    "Your cat is named Tofu." teaches two answers to one question; asking for all the names checks each."""
    plural = {"child": "children", "puppy": "puppies", "baby": "babies"}.get(slot, f"{slot}s")
    v = str(value).strip().rstrip(".")
    return f"One of your {plural} is named {v}.", {"question": f"What are the names of my {plural}?", "expect": [v]}


_SEVERAL = re.compile(r"\b(?:other|another|second|third|both|two|three|four|[2-4])\s+((?:[a-z-]+\s+)?[a-z]+)\b", re.I)


def kin_or_pet(slot: str) -> bool:
    """The slot is a relative's or pet's name (not a car or a boat): an event about them still names them."""
    return bool(slot) and slot.split()[-1] in _PERSON_OR_PET


def _names_a_person(slot: str) -> bool:
    return slot.split()[-1] in NAMED_NOUNS


def fact_statement(slot: str, value: str) -> str:
    """The fact as a second-person sentence the teacher is made to say: a 135M teacher asked "what is the name
    of my cat?" with the profile in its prompt names the cat about half the time and invents one otherwise, and
    an adapter trained on that learns the invention as readily as the fact."""
    v = str(value).strip().rstrip(".")
    if slot in SLOT_PHRASES:
        return SLOT_PHRASES[slot][0].format(v=v, a=_article(v))
    if slot.endswith(" age"):
        return f"Your {slot[:-4]} is {v}."
    if slot.startswith("favourite") or not (slot in NAMED_NOUNS or _names_a_person(slot)):
        return f"Your {slot} is {v}."
    return f"Your {slot} is named {v}."


_TITLES = {"dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.", "mr": "Mr.", "mister": "Mr.",
           "mrs": "Mrs.", "ms": "Ms.", "miss": "Miss", "mx": "Mx.", "captain": "Captain", "capt": "Captain",
           "coach": "Coach", "sister": "Sister", "father": "Father", "rabbi": "Rabbi", "judge": "Judge"}


def _address(text: str) -> str | None:
    """The name the user wants to be called by, with its title ("Dr. Okafor" and "Doctor Okafor" are one value)."""
    m = _address_word(text)
    if m is None:
        return None
    name = m.group(1)
    title = _TITLES.get(name.lower().rstrip("."))
    nxt = re.match(r"\.?\s+([A-Z][\w'-]+)", text[m.end(1):]) if title else None
    return f"{title} {nxt.group(1)}" if nxt else name


def _address_word(text: str) -> re.Match | None:
    if re.search(r"\b(?:don't|do not|never|stop|doesn't|does not)\s+(?:call|address)", text, re.I):
        return None
    m = re.search(r"\b(?:call|address)\w* (?:him|her|them|me|the user)(?: as)? " + _Q, text)
    if m:
        return m
    m = re.search(r"\b(?:[Cc]all|[Aa]ddress)(?:es|ed)? (?:him|her|them|me|the user)(?: as| by)? ([A-Z][\w'-]+|[a-z][\w'-]+"
                  r"(?=[.!]?$| not [A-Za-z]| instead of | (?:please|pls|plz)\b))", text)
    if m and m.group(1).lower() not in ("by", "the", "a", "sir", "madam", "please"):
        return m
    m = re.search(r"\b(?:wants|likes|prefers|asks|would like) (?:to be|being) (?:called|addressed as|referred to as) ['\"]?([\w'-]+)", text, re.I)
    if m and m.group(1).lower() not in ("by", "the", "a", "an", "his", "her", "their", "first", "my"):  # "called by first name"
        return m
    m = re.search(r"\b(?:goes by|'s nickname is|nickname is|preferred name is|the nickname|being called|calls the user) ['\"]?([\w'-]+)", text, re.I)
    if m and re.search(r"'s [\w-]+ $", text[:m.start()]):  # "Marcus's daughter goes by Bee": her name, not the user's
        return None
    if m and m.group(1).lower() not in ("the", "a", "by", "by", "name"):
        return m
    m = re.match(r"['\"]?([A-Z][\w'-]+)['\"]? is what (?:the user|everyone) (?:goes by|is called|calls the user)", text)
    return m or re.search(_CALL_ME_FOREIGN + r"\s+['\"«„]?([A-ZÀ-ÖØ-Þ][\w'-]+)", text)


# "Call me X" in the languages memory most often comes in besides English: Spanish, French, German, Italian,
# Portuguese, Dutch, Polish, Swedish/Danish/Norwegian, Catalan, Romanian.
_CALL_ME_FOREIGN = (r"(?i:\b(?:ll[áa]mame|ll[áa]menme|appelle[- ]moi|appelez[- ]moi|nenn(?:t|en sie)? mich|chiamami|chiamatemi|"
                    r"(?:me|the user) cham(?:e|em) de|chama-me|noem (?:me|mij|the user)|mów(?:cie)? (?:do mnie|mi)|kalla mig|kald mig|"
                    r"kall meg|digues-me|spune-mi))")


def extract(text: str, category: str | None = None, names: tuple[str, ...] = ()) -> Extract:
    """Kind, slot and enforceable value of one statement (`free` when no pattern fits), read from its
    canonical form (canonical.py); `names` are the names the tenant's memory calls them by. The detectors run
    in order and the first that types the statement wins: a quoted phrase is an opening, closing or avoided word
    before anything else reads it."""
    raw, text = text, canonical(text, tuple(names))
    low = text.lower()
    for detect in (_quoted_kind, _diet_kind, _shape_kind, _language_kind, _address_kind):
        found = detect(text, low)
        if found is not None:
            return found
    return _fact_or_free(text, low, raw)


_REFUSED_OPENER = re.compile(r"\b(?:don'?t|do not|never|stop|quit|no more|avoid\w*|without|not)\b[^'\"\u201c\u2018]*"
                             r"\b(?:start|begin|open)\w*")


def _quoted_kind(text: str, low: str) -> Extract | None:
    quoted = _quoted(text)
    if not quoted:
        return None
    if re.search(r"\b(start|begin|open)\w*\b", low) and not re.search(r"\b(end|sign)\w*", low):
        if _REFUSED_OPENER.search(low):  # "Don't start with 'Great question!'": words to avoid, not the opening
            return Extract("avoid", "words:" + ",".join(sorted(q.lower() for q in quoted)), sorted(set(quoted)),
                           key_terms=frozenset(q.lower() for q in quoted))
        return Extract("opening", "opening", quoted[0], key_terms=frozenset([quoted[0].lower()]))
    if re.search(r"\b(end|ends|ending|sign[- ]?off|sign(?:s|ed)?(?! up)|signature|close[sd]?|closing|finish)\b", low):
        q = quoted[0]
        m = re.search(r"instead of " + _Q, text)
        if m and len(quoted) > 1 and quoted[0] == m.group(1):
            q = quoted[1]
        return Extract("closing", "closing", q, key_terms=frozenset([q.lower()]))
    if re.search(r"\b(never|don't|do not|avoid|not)\b.*\b(use|say|call|mention|write)\b|\bavoid\b", low):
        bad = list(quoted)
        m = re.search(r"\b(?:say|use)\s+" + _Q + r"\s+instead", text)
        if m:
            bad = [q for q in quoted if q != m.group(1)]
        return Extract("avoid", "words:" + ",".join(sorted(b.lower() for b in bad)), sorted(set(bad)),
                       key_terms=frozenset(b.lower() for b in bad))
    return None


def _diet_kind(text: str, low: str) -> Extract | None:
    diet = _diet(low) or (_foreign_diet(low) if foreign_fact(text) is None else None)
    if diet:
        return Extract("avoid", "diet", diet, key_terms=frozenset([diet]), statement=f"You are {diet}.",
                       probe={"question": "What diet do I follow?", "expect": [diet]})
    if re.search(r"\b(no animal products|plant-based|plant based)\b", low) or (
        re.search(r"\b(doesn't|does not|don't|never) eat\b", low) and re.search(r"\b(meat|dairy|eggs?)\b", low)
        and re.search(r"\b(dairy|eggs?)\b", low)
    ):
        return Extract("avoid", "diet", "vegan", key_terms=frozenset(["vegan"]))
    return None


# bullet points named in other languages: "poin-poin", "viñetas", "puces", "elenco puntato", "gạch đầu dòng"
_BULLETS = re.compile(r"\b(?:poin-poin|berpoin|butir-butir|viñetas|puces|tópicos|marcadores|elenco puntato|elenchi puntati|"
                      r"punktlist\w*|aufzählungs\w*|punkty|wypunktowa\w*|madde işaret\w*|gạch đầu dòng|gạch đầu|alinej\w*|natuknic\w*|"
                      r"v obliki seznama|kot seznam|u obliku popisa|aizzīm\w*|punktalist\w*|pwyntiau bwled|"
                      r"во точки|по точки|maddələrlə|маркерлі тізім\w*)\b|箇条書き|要点列表|글머리|ჩამონათვალ")
_LISTS = re.compile(r"\b(?:in|as|likes?|prefers?|wants?|loves?|uses?) (?:\w+ )?lists\b(?! (?:of|for|from)\b)")  # a layout


# a table as the layout of an answer, not a piece of furniture: "comparisons as tables", "a grid with columns"
_TABLES = re.compile(r"\b(?:(?:as|in|into|using) (?:a |an )?(?:\w+ )?(?:tables?|grids?)\b|tables? (?:format|form|layout)|"
                     r"tabular|in columns|with columns|tabla|tableau|tabelle|tabela)\b")
# numbered steps said by example: "step 1, step 2, step 3"
_STEPS = re.compile(r"\bstep (?:1|one)\b[^.]*\bstep (?:2|two)\b")


def _shape_kind(text: str, low: str) -> Extract | None:
    """Length and format: how an answer is laid out rather than what it says."""
    m = re.search(r"\b(\d+)\s*words?\b", low)
    if m and re.search(r"\b(under|at most|no more than|max(imum)?|limit|within|fewer than|less than|short)\b", low):
        return Extract("length", "length", int(m.group(1)), key_terms=frozenset([m.group(1)]))
    if re.search(r"\bbullet", low) or re.search(r"\bnumbered (?:lists?|steps|points|items)\b", low) or _LISTS.search(low) or _BULLETS.search(low):
        fmt = "numbered" if "numbered" in low else "bullets"
        limit = re.sub(r"\b(?:no|not) (?:more|fewer|less) than\b", " ", low)  # "no more than three bullet points" asks for them
        pol = -1 if re.search(r"\b(hates?|dislikes?|no|never|don't|doesn't|avoid|without)\b[^.]*\bbullet", limit) else 1
        return Extract("format", "format", fmt if pol > 0 else "prose", polarity=pol,
                       key_terms=frozenset([fmt]))
    if _TABLES.search(low):
        pol = -1 if re.search(r"\b(?:hates?|dislikes?|no|never|don't|doesn't|avoid|without)\b[^.]*\btables?\b", low) else 1
        # a free slot, not a `format` value: no teacher lays out a table and the gate checks bullets only
        return Extract("free", "tables", "yes" if pol > 0 else "no", polarity=pol, key_terms=frozenset(["table"]))
    if _STEPS.search(low):
        return Extract("format", "format", "numbered", key_terms=frozenset(["numbered"]))
    if re.search(r"\b(?:flowing prose|in prose|plain paragraphs|full paragraphs|flowing paragraphs|prose over|prefers? prose|"
                 r"prose instead of)\b", low):
        return Extract("format", "format", "prose", polarity=-1, key_terms=frozenset(["bullets"]))
    return None


def _language_kind(text: str, low: str) -> Extract | None:
    """An answer language, by any name of it (languages.py): "Réponds en français", "replies in Kiswahili"; the
    first language named after the verb ("Answers in French, even when I write in English")."""
    for verb, prep in ((_ANSWER_FOREIGN, r"(?:en|auf|in|em)"), (_ANSWER_EN, r"in")):
        m = verb.search(low)
        if m is None:
            continue
        for n in re.finditer(rf"\b{prep}\s+((?:bahasa |tiếng )?[^\W\d_]+)", low[m.end():]):
            lang = language_of(n.group(1).split()[0])
            if lang is not None:
                return Extract("language", "language", lang, key_terms=frozenset([lang.lower()]))
    if _ANSWER_ANY.search(low) and (lang := language_named(low)) is not None:
        return Extract("language", "language", lang, key_terms=frozenset([lang.lower()]))
    for n in _LANG_FIRST.finditer(low):  # "English answers from now on", "you can switch to English now"
        if (lang := language_of(n.group(1) or n.group(2))) is not None:
            return Extract("language", "language", lang, key_terms=frozenset([lang.lower()]))
    return None


_LANG_FIRST = re.compile(r"\b([^\W\d_]+) (?:answers|replies|responses)\b|\b(?:switch|change|go back) to ([^\W\d_]+)")


_ANSWER_FOREIGN = re.compile(r"\b(?:respuestas?|réponses?|antworten?|responde|répond\w*|antworte|escrib\w*|écri\w*|schreib\w*|"
                             r"rispond\w*|rispost\w*|respost\w*|antwoord\w*)\b")
# "answer" in the languages memory comes in beyond those above: a statement naming a language and one of these
# asks for answers in it ("Trả lời bằng tiếng Việt nhé", "Magyarul válaszolj", "한국어로 답변해 주세요")
_ANSWER_ANY = re.compile(r"trả lời|câu trả lời|답변|대답|ответ|отвеч|απάντ|απαντ|vastaa|vastau|válasz|jibu|jibi|إجاب|أجب|"
                         r"जवाब|उत्तर|ตอบ|відповід|răspun|svar|antwoord|odpowi|odpověd|odpovíd|cevap|yanıt|jawab|sagot|"
                         r"resposta|respon|תשוב|ענה|tlumač|返事|回答|回复|回覆|答え|atsak|одговор|одговар|odgovor|odgovar|odpoved|"
                         r"பதில|جواب|vasta|píš|písa|pisz|пиш|писа")
_ANSWER_EN = re.compile(r"\b(?:answer|answers|reply|replies|respond|speak|write|written|responses?|talk|chat|communicate)\b")


def _address_kind(text: str, low: str) -> Extract | None:
    name = _address(text)
    return Extract("address", "address", name, key_terms=frozenset([name.lower()])) if name else None


def _fact_or_free(text: str, low: str, raw: str = "") -> Extract:
    """A fact with a slot, else a typed free preference, else free text (still grouped and trained). An
    organization's attribute (org_facts.py) is read first, from the canonical form or, where the perspective
    rewrite misread a subject-less noun as a verb ("Support desk is ..."), from the statement as written."""
    neg = bool(NEGATIONS.search(low))
    org = org_fact(text) or (org_fact(raw) if raw else None)
    foreign = org or foreign_fact(text) or script_fact(text, _JOBS) or regional_fact(text)
    f = (None if org else _fact(text)) or (_fact_extract(*foreign) if foreign else None)
    pref = preference(text)
    if pref and (f is None or pref[0] == "units" and re.search(r"\b(?:metric|imperial|units)\b", low)):
        return Extract("free", pref[0], pref[1], polarity=-1 if neg else 1, key_terms=frozenset([pref[1]]))
    if f is not None:
        f.key_terms = frozenset([str(f.value).lower()])
        return f
    return Extract("free", "", text, polarity=-1 if neg else 1)


def avoid_words(kind: str, slot: str, value) -> list[str]:
    """Words the teacher must never produce for an `avoid` item."""
    if kind != "avoid":
        return []
    if slot == "diet":
        return list(DIET_WORDS.get(str(value), []))
    return [str(v) for v in (value or [])]
