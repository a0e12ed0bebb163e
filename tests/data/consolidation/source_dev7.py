"""SEVENTH DEV split (dev7) of the consolidation corpus: written from the style descriptions alone after dev/ to dev6/
had been tuned against, committed before anyone measured it. New names, attributes and wordings, aimed at the known
weak spots: paraphrases sharing no content word (a job title and what the person does all day, "Is teetotal" /
"Never drinks alcohol", a hobby named once and shown once by its jargon), job changes (a new employer or job said in
two or three sessions after the old one said in two) in every style, stale cities in caseless scripts (Hebrew,
Persian, Chinese) and in Swahili, one-off remarks about someone else's attribute of the same type, transient
remarks. Hebrew, Danish, Swahili, Persian, Chinese (simplified) and Tagalog tenants, each mixing subject-less and
first-person forms.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "p.achterberg_d7", "style": "mem0", "language": "en", "items": [
        ("fact", "profession", "beekeeper", JOB, [
            "Is a beekeeper",
            "Looks after forty hives and sells the honey at farmers' markets",
            "Spent the weekend moving colonies to the heather moor",
        ], {"value_aliases": ["beekeep", "hive", "honey", "apiar"]}),
        ("fact", "tortoise_name", "Gus", ["tortoise", "pet_name", "pet"], [
            "Has a tortoise named Gus",
            "Gus the tortoise is hibernating in a box in the garage",
        ]),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Prefers metric units",
            "Wants weights in kilograms, never in pounds",
        ], {"value_aliases": ["metric", "kilogram", "kilo", "pound"]}),
    ], "one_offs": [
        "Brother-in-law is a beekeeper too",
        "Needs a birthday card for an aunt",
    ]},
    {"tenant": "acct-77120_d7", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "employer", "Maersk", EMPLOYER, [
            "Started a new job at Maersk",
            "Works at Maersk in the container logistics team",
            "Most Maersk colleagues sit at the Copenhagen head office",
        ], {"value_aliases": ["maersk"]}),
        ("fact", "diet", "teetotal", ["drinks", "alcohol", "dietary"], [
            "Is teetotal",
            "Never drinks alcohol, not even at weddings",
        ], {"value_aliases": ["teetotal", "alcohol", "sober"]}),
        ("preference", "answer_format", "tables", ["format", "structure"], [
            "Wants comparisons laid out as tables",
            "Likes options side by side in rows and columns",
        ], {"value_aliases": ["table", "tabular", "rows", "columns"]}),
    ], "stale": [
        ("employer", "DFDS", [
            "Works at DFDS",
            "Employed by DFDS on the ferry routes",
        ]),
    ], "one_offs": [
        "Sister works at Carlsberg",
        "Asked for a packing list for a weekend trip",
    ]},
    {"tenant": "s.okafor_d7", "style": "mem0", "language": "en", "items": [
        ("fact", "profession", "air traffic controller", JOB, [
            "Is an air traffic controller",
            "Guides planes in and out of Heathrow from the tower",
        ], {"value_aliases": ["air traffic", "controller", "tower"]}),
        ("fact", "son_name", "Chidi", ["son", "child", "kid"], [
            "Son is called Chidi",
            "Chidi just learned to ride a bike without stabilisers",
            "Takes Chidi to swimming lessons on Saturdays",
        ]),
        ("fact", "vehicle", "Tesla Model 3", ["drives", "car", "car_model"], [
            "Drives a Tesla Model 3",
            "Charges the Tesla overnight in the driveway",
        ], {"value_aliases": ["tesla", "model 3"]}),
        ("preference", "spelling", "British English", ["language", "style", "english"], [
            "Wants British English spelling in replies",
            "Dislikes American spellings such as 'color' and 'organize'",
        ], {"value_aliases": ["british", "uk", "colour", "american"]}),
    ], "stale": [
        ("vehicle", "Vauxhall Astra", [
            "Drives a Vauxhall Astra",
            "The Astra failed its MOT on the brakes",
        ]),
    ], "one_offs": [
        "Wife drives a Mini",
        "Lost a set of keys at the gym",
    ]},
    {"tenant": "tenant_c41d_d7", "style": "mem0", "language": "en", "items": [
        ("fact", "city", "Leeds", CITY, [
            "Lives in Leeds",
            "Walks along the canal in Leeds after work",
            "Has a flat near Leeds station now",
        ]),
        ("fact", "allergy", "shellfish", ["allergic_to", "allergies"], [
            "Allergic to shellfish",
            "Throat swells up after eating prawns or crab",
        ], {"value_aliases": ["shellfish", "prawn", "crab"]}),
        ("preference", "avoid_topic", "politics", ["avoid", "topics"], [
            "Does not want political commentary",
            "Asks to keep elections and parties out of answers",
        ], {"value_aliases": ["politic", "election"]}),
    ], "stale": [
        ("city", "Sheffield", [
            "Lives in Sheffield",
            "Rents a terraced house in Sheffield",
        ]),
    ], "one_offs": [
        "Colleague is allergic to cats",
        "Wants to know which day the bins are collected",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "yusuf.k_d7", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "translator", JOB, [
            "I'm a translator.",
            "I turn German legal contracts into English for law firms.",
            "I quit the classroom and went freelance translating full time.",
        ], {"value_aliases": ["translat", "contract"]}),
        ("fact", "daughter_name", "Elif", ["daughter", "child", "kid"], [
            "My daughter Elif starts nursery on Monday.",
            "Elif drew a giraffe on the living room wall.",
        ]),
        ("preference", "tone", "gentle", ["style", "feedback", "register"], [
            "Be gentle when you correct me.",
            "Harsh criticism makes me shut down.",
        ], {"value_aliases": ["gentle", "kind", "soft", "harsh"]}),
    ], "stale": [
        ("profession", "teacher", [
            "I teach German at a secondary school.",
            "I'm a language teacher.",
        ]),
    ], "one_offs": [
        "My cousin is a teacher in Izmir.",
        "I can't find my reading glasses.",
    ]},
    {"tenant": "beatriz.l_d7", "style": "first_person", "language": "en", "items": [
        ("fact", "hometown", "Recife", ["grew_up_in", "origin", "from", "birthplace"], [
            "I grew up in Recife.",
            "Childhood on the beaches of Recife spoiled me for cold water.",
        ]),
        ("fact", "instrument", "trumpet", ["plays", "music", "hobby"], [
            "I play the trumpet.",
            "My lips are sore after three hours of brass band practice.",
        ], {"value_aliases": ["trumpet", "brass"]}),
        ("preference", "date_format", "ISO", ["dates", "format"], [
            "Write dates like 2026-09-14.",
            "Year first in dates, please, the ISO way.",
        ], {"value_aliases": ["iso", "yyyy mm dd", "2026 09", "year first"]}),
    ], "one_offs": [
        "My husband grew up in Salvador.",
        "I need to pick up the dry cleaning.",
    ]},
    {"tenant": "ole.h_d7", "style": "first_person", "language": "en", "items": [
        ("fact", "city", "Aarhus", CITY, [
            "I live in Aarhus these days.",
            "Cycled across Aarhus in the sleet this morning.",
        ]),
        ("fact", "sport", "handball", ["hobby", "exercise", "team"], [
            "I play handball for a club team.",
            "Sprained my wrist at handball training.",
            "We won our league match 31-28, I scored six goals from the wing.",
        ], {"value_aliases": ["handball"]}),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "Keep it short, two or three lines.",
            "I skim, so long answers are wasted on me.",
        ], {"value_aliases": ["short", "brief", "lines", "skim", "long"]}),
    ], "stale": [
        ("city", "Odense", [
            "I live in Odense.",
            "Odense is home for me.",
        ]),
    ], "one_offs": [
        "My brother lives in Aalborg.",
        "Do you know a good bakery?",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "grace.o_d7", "style": "third_person", "language": "en", "items": [
        ("fact", "profession", "pilot", JOB, [
            "Grace is a pilot.",
            "Grace flies Embraer jets for a regional airline.",
            "Grace got her captain's stripes this spring.",
        ], {"value_aliases": ["pilot", "captain", "flies"]}),
        ("fact", "allergy", "latex", ["allergic_to", "allergies"], [
            "Grace is allergic to latex.",
            "Grace breaks out in hives from rubber gloves.",
        ], {"value_aliases": ["latex", "rubber"]}),
        ("preference", "answer_format", "numbered steps", ["format", "structure", "steps"], [
            "Grace wants instructions as numbered steps.",
            "Grace likes each step on its own line with a number in front.",
        ], {"value_aliases": ["numbered", "step"]}),
    ], "stale": [
        ("profession", "flight attendant", [
            "Grace is a flight attendant.",
            "Grace works as cabin crew for a budget airline.",
        ]),
    ], "one_offs": [
        "Grace's brother is a pilot in the air force.",
        "Grace wondered whether it will snow.",
    ]},
    {"tenant": "dmitri.v_d7", "style": "third_person", "language": "en", "items": [
        ("fact", "hometown", "Vladivostok", ["grew_up_in", "origin", "from", "birthplace"], [
            "Dmitri was born in Vladivostok.",
            "Dmitri misses the harbour of his native Vladivostok.",
        ]),
        ("fact", "hobby", "chess", ["game", "pastime", "plays"], [
            "Dmitri plays chess online every night.",
            "Dmitri's blitz rating passed 2000 last month.",
        ], {"value_aliases": ["chess", "blitz"]}),
        ("preference", "language", "Russian", LANG, [
            "Dmitri wants answers in Russian.",
            "Dmitri asks for replies по-русски.",
        ], {"value_aliases": ["russian", "русск"]}),
    ], "one_offs": [
        "Dmitri's wife plays tennis.",
        "Dmitri needs a taxi to the airport.",
    ]},
    {"tenant": "fatima.z_d7", "style": "third_person", "language": "en", "items": [
        ("fact", "employer", "Deloitte", EMPLOYER, [
            "Fatima now works at Deloitte.",
            "Fatima joined Deloitte's tax team.",
            "Fatima's manager at Deloitte is very supportive.",
        ], {"value_aliases": ["deloitte"]}),
        ("fact", "children_count", "2", ["children", "kids", "sons", "child"], [
            "Fatima has two sons.",
            "Fatima's two boys are four and seven.",
        ], {"value_aliases": ["two"]}),
        ("preference", "timezone", "Gulf Standard Time", ["time_zone", "times", "zone"], [
            "Fatima wants meeting times in Gulf Standard Time.",
            "Fatima asks for every time converted to Dubai time.",
        ], {"value_aliases": ["gst", "gulf", "dubai"]}),
    ], "stale": [
        ("employer", "KPMG", [
            "Fatima works at KPMG.",
            "Fatima audits banks for KPMG.",
        ]),
    ], "one_offs": [
        "Fatima's husband works at EY.",
        "Fatima is running late for a meeting.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." forms
    {"tenant": "usr_20931_d7", "style": "user", "language": "en", "items": [
        ("fact", "profession", "veterinarian", JOB, [
            "User is a veterinarian.",
            "The user treats sick dogs and cats at a clinic in town.",
            "User spends most days vaccinating puppies and stitching up wounds.",
        ], {"value_aliases": ["vet", "veterinar", "clinic"]}),
        ("fact", "dog_name", "Pepper", ["dog", "pet_name", "pet"], [
            "User has a beagle named Pepper.",
            "The user's beagle Pepper howls at the postman.",
        ]),
        ("preference", "answer_format", "bullet points", ["format", "structure", "list"], [
            "User prefers bullet points.",
            "The user likes key facts as a short list rather than prose.",
        ], {"value_aliases": ["bullet", "list"]}),
    ], "one_offs": [
        "User's neighbour has a dog called Rex.",
        "The user asked about parking fines.",
    ]},
    {"tenant": "client-4420_d7", "style": "user", "language": "en", "items": [
        ("fact", "city", "Nairobi", CITY, [
            "User lives in Nairobi now.",
            "The user relocated to Nairobi for work.",
            "User commutes across Nairobi by matatu.",
        ]),
        ("fact", "languages_spoken", "Swahili", ["languages", "speaks", "mother_tongue", "native_language"], [
            "User speaks Swahili.",
            "The user's first language is Kiswahili.",
        ], {"value_aliases": ["swahili"]}),
        ("preference", "units", "Celsius", ["temperature", "measurement_units"], [
            "User wants temperatures in Celsius.",
            "The user finds Fahrenheit readings meaningless.",
        ], {"value_aliases": ["celsius", "fahrenheit"]}),
    ], "stale": [
        ("city", "Mombasa", [
            "User lives in Mombasa.",
            "The user's home is in Mombasa near the old town.",
        ]),
    ], "one_offs": [
        "User's brother lives in Kampala.",
        "The user asked for a chapati recipe.",
    ]},
    {"tenant": "user-6612_d7", "style": "user", "language": "en", "items": [
        ("fact", "profession", "UX designer", JOB, [
            "User is a UX designer now.",
            "The user designs app screens and runs usability tests.",
            "User switched careers into UX design.",
        ], {"value_aliases": ["ux", "design", "usability"]}),
        ("fact", "birthday", "30 June", ["born_on", "birth_date", "dob", "date_of_birth"], [
            "User's birthday is 30 June.",
            "The user was born on the last day of June.",
        ], {"value_aliases": ["june", "30 6", "jun 30"]}),
        ("preference", "address_as", "Sam", ["name", "call_me", "form_of_address", "nickname"], [
            "User wants to be called Sam.",
            "The user goes by Sam rather than Samantha.",
        ]),
    ], "stale": [
        ("profession", "data analyst", [
            "User is a data analyst.",
            "The user builds Excel dashboards all day.",
        ]),
    ], "one_offs": [
        "User's sister is a nurse.",
        "The user asked how to reset a router.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "zee_k77_d7", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "profession", "mechanic", JOB, [
            "im a mechanic",
            "spent all day under a transit changin brake pads",
            "my hands always smell of engine oil from the garage lol",
        ], {"value_aliases": ["mechanic", "garage", "brake", "engine"]}),
        ("fact", "snake_name", "mango", ["snake", "pet_name", "pet"], [
            "my corn snake is called mango",
            "mango ate a whole mouse lol, my snake is a beast",
        ]),
        ("preference", "tone", "casual", ["style", "register", "formality"], [
            "u can swear its fine",
            "dont be so polite w me",
        ], {"value_aliases": ["casual", "swear", "polite"]}),
    ], "stale": [
        ("profession", "delivery driver", [
            "i do deliveries for amazon",
            "still drivin the delivery van 10hrs a day",
        ]),
    ], "one_offs": [
        "my mate has a python called kevin",
        "bus is late again",
    ]},
    {"tenant": "lil_bee_d7", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "bristol", CITY, [
            "just moved 2 bristol",
            "bristol is so hilly my legs r dead",
            "found a cute cafe in bristol near my flat",
        ]),
        ("fact", "diet", "vegetarian", ["eats", "food", "dietary"], [
            "im veggie",
            "dont eat meat, havent for years",
        ], {"value_aliases": ["vegetarian", "veggie", "meat"]}),
        ("preference", "complexity", "simple", ["tone", "style", "level", "vocabulary"], [
            "pls use easy words english isnt my first language",
            "no fancy vocab pls",
        ], {"value_aliases": ["simple", "easy", "fancy", "vocab"]}),
    ], "stale": [
        ("city", "bath", [
            "i live in bath",
            "bath is so touristy ugh",
        ]),
    ], "one_offs": [
        "my sis lives in cardiff",
        "omg this exam tmrw",
    ]},
    {"tenant": "tobi_dev_d7", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "employer", "spotify", EMPLOYER, [
            "started at spotify this month",
            "spotify office has free lunch lol",
            "work at spotify on the podcast team now",
        ]),
        ("fact", "hobby", "skateboarding", ["sport", "pastime", "skating"], [
            "i skate every evening",
            "landed my first kickflip today!!",
        ], {"value_aliases": ["skat", "kickflip"]}),
        ("preference", "code_language", "python", ["programming_language", "code", "language"], [
            "gimme python pls",
            "no java examples, only py",
        ], {"value_aliases": ["python", "py"]}),
    ], "stale": [
        ("employer", "klarna", [
            "i work at klarna",
            "klarna standup at 9 again",
        ]),
    ], "one_offs": [
        "my gf works at ikea",
        "laptop died lol",
    ]},
    # ---------------------------------------------------------------- (f) non-English
    {"tenant": "noa.b_d7", "style": "non_english", "language": "he", "items": [
        ("preference", "language", "עברית", LANG, [
            "תענה לי בעברית בבקשה.",
            "אני מעדיפה תשובות בעברית.",
        ], {"value_aliases": ["hebrew", "עברית"]}),
        ("fact", "city", "חיפה", CITY, [
            "עברתי לחיפה ואני גרה שם עכשיו.",
            "הנוף מהכרמל בחיפה מדהים כל בוקר.",
        ], {"value_aliases": ["haifa", "חיפה"]}),
        ("fact", "profession", "אחות", JOB, [
            "אני אחות בבית חולים.",
            "אני עובדת במשמרות לילה במחלקה הפנימית.",
        ], {"value_aliases": ["nurse", "אחות", "מחלקה"]}),
    ], "stale": [
        ("city", "באר שבע", [
            "אני גרה בבאר שבע.",
            "הדירה שלי בבאר שבע קטנה.",
        ]),
    ], "one_offs": [
        "אחי גר בתל אביב.",
        "היום חם מאוד.",
    ]},
    {"tenant": "mads.j_d7", "style": "non_english", "language": "da", "items": [
        ("fact", "employer", "Novo Nordisk", EMPLOYER, [
            "Jeg arbejder nu hos Novo Nordisk.",
            "Jeg er startet på Novo Nordisk i Bagsværd.",
        ], {"value_aliases": ["novo"]}),
        ("fact", "dog_name", "Bølle", ["dog", "hund", "pet_name", "pet"], [
            "Min hund hedder Bølle.",
            "Bølle har gravet et hul i haven igen.",
        ], {"value_aliases": ["bolle"]}),
        ("preference", "language", "dansk", LANG, [
            "Svar mig på dansk, tak.",
            "Jeg vil helst have svarene på dansk.",
        ], {"value_aliases": ["danish", "dansk"]}),
    ], "stale": [
        ("employer", "Vestas", [
            "Jeg arbejder hos Vestas.",
            "Jeg er ansat på Vestas i Ringkøbing.",
        ]),
    ], "one_offs": [
        "Min søster arbejder hos Lego.",
        "Det regner i dag.",
    ]},
    {"tenant": "amani.w_d7", "style": "non_english", "language": "sw", "items": [
        ("fact", "city", "Arusha", CITY, [
            "Ninaishi Arusha.",
            "Nyumbani kwangu ni Arusha, karibu na Mlima Meru.",
        ]),
        ("fact", "profession", "mwalimu", JOB, [
            "Mimi ni mwalimu.",
            "Ninafundisha hisabati katika shule ya sekondari.",
        ], {"value_aliases": ["teacher", "mwalimu", "fundisha"]}),
        ("preference", "language", "Kiswahili", LANG, [
            "Nijibu kwa Kiswahili tafadhali.",
            "Napendelea majibu kwa Kiswahili.",
        ], {"value_aliases": ["swahili"]}),
    ], "stale": [
        ("city", "Dodoma", [
            "Ninaishi Dodoma.",
            "Bado niko Dodoma.",
        ]),
    ], "one_offs": [
        "Kaka yangu anaishi Dar es Salaam.",
        "Leo kuna mvua nyingi.",
    ]},
    {"tenant": "parisa.r_d7", "style": "non_english", "language": "fa", "items": [
        ("preference", "language", "فارسی", LANG, [
            "لطفاً به فارسی جواب بده.",
            "جواب‌ها را به زبان فارسی می‌خواهم.",
        ], {"value_aliases": ["persian", "farsi"]}),
        ("fact", "city", "شیراز", CITY, [
            "الان در شیراز زندگی می‌کنم.",
            "به شیراز نقل مکان کردم.",
        ], {"value_aliases": ["shiraz"]}),
        ("fact", "daughter_name", "سارا", ["daughter", "child", "kid"], [
            "اسم دخترم سارا است.",
            "سارا امروز اولین روز مدرسه‌اش بود.",
        ], {"value_aliases": ["sara"]}),
    ], "stale": [
        ("city", "اصفهان", [
            "من در اصفهان زندگی می‌کنم.",
            "خانه‌ام در اصفهان است.",
        ]),
    ], "one_offs": [
        "خواهرم در تهران زندگی می‌کند.",
        "امروز خیلی خسته‌ام.",
    ]},
    {"tenant": "wei.l_d7", "style": "non_english", "language": "zh", "items": [
        ("preference", "language", "中文", LANG, [
            "请用中文回答我。",
            "我希望你用中文回复。",
        ], {"value_aliases": ["chinese", "中文"]}),
        ("fact", "city", "成都", CITY, [
            "我现在住在成都。",
            "搬到成都以后每天都吃火锅。",
        ], {"value_aliases": ["chengdu"]}),
        ("fact", "profession", "程序员", JOB, [
            "我是程序员。",
            "我每天写代码，做后端开发。",
        ], {"value_aliases": ["programmer", "developer", "程序", "代码"]}),
    ], "stale": [
        ("city", "重庆", [
            "我住在重庆。",
            "我在重庆租了一套公寓。",
        ]),
    ], "one_offs": [
        "我妹妹住在上海。",
        "今天好累。",
    ]},
    {"tenant": "maria.s_d7", "style": "non_english", "language": "tl", "items": [
        ("fact", "hometown", "Cebu", ["grew_up_in", "origin", "from", "birthplace"], [
            "Taga-Cebu ako.",
            "Lumaki ako sa Cebu.",
        ]),
        ("fact", "profession", "nars", JOB, [
            "Nars ako sa ospital.",
            "Nag-aalaga ako ng mga pasyente gabi-gabi.",
        ], {"value_aliases": ["nars", "nurse", "pasyente", "ospital"]}),
        ("preference", "language", "Tagalog", LANG, [
            "Sagutin mo ako sa Tagalog.",
            "Mas gusto ko ang sagot sa Filipino.",
        ], {"value_aliases": ["tagalog", "filipino"]}),
    ], "one_offs": [
        "Ang kapatid ko ay taga-Davao.",
        "Ang init ngayon.",
    ]},
]
