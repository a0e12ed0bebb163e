"""FOURTH DEV split (dev4) of the consolidation corpus: written from the style descriptions alone after dev/, dev2/
and dev3/ had been tuned against, committed before anyone measured it. Attributes outside the usual slot lists
(studies, trades, sports, vehicles, relatives' names, allergies, instruments, places), paraphrases sharing few
words (abbreviation and expansion, "cycles to work" / "commutes by bike"), Turkish, Japanese (romaji), Indonesian
and Czech tenants, one-off remarks about someone else's attribute and stale values replaced later.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "mx_7730_d4", "style": "mem0", "language": "en", "items": [
        ("fact", "studies", "marine biology", ["degree", "major", "field", "education"], [
            "Studied marine biology at university",
            "Has a degree in marine biology",
            "Marine biologist by training",
        ], {"value_aliases": ["marine biolog"]}),
        ("fact", "sport", "rowing", ["hobby", "exercise", "rows"], [
            "Rows on the river every Saturday morning",
            "Is a member of a rowing club",
        ], {"value_aliases": ["row", "rowing"]}),
        ("preference", "timezone", "CET", ["time_zone", "times", "zone"], [
            "Wants times given in CET",
            "Prefers meeting times in Central European Time",
        ], {"value_aliases": ["cet", "central european"]}),
    ], "one_offs": [
        "Sister studied law in Leiden",
        "Asked what a spinnaker is",
    ]},
    {"tenant": "pq.lindqvist_d4", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "vehicle", "motorcycle", ["motorbike", "rides", "bike", "drives"], [
            "Rides a Triumph Bonneville",
            "Commutes on a motorcycle",
            "Motorbike is a Triumph",
        ], {"value_aliases": ["triumph", "motorcycle", "motorbike", "bonneville"]}),
        ("fact", "grandmother_name", "Astrid", ["grandmother", "grandma", "relative"], [
            "Grandmother is named Astrid",
            "Visits grandma Astrid every Sunday",
        ]),
        ("preference", "answer_format", "numbered steps", ["format", "steps", "structure"], [
            "Wants instructions as numbered steps",
            "Likes step-by-step lists, one action per line",
        ], {"value_aliases": ["step", "numbered"]}),
    ], "stale": [
        ("vehicle", "Vespa", [
            "Rides a Vespa scooter",
            "Gets around town on a Vespa",
        ]),
    ], "one_offs": [
        "Neighbour rides a Harley",
        "Grandfather's name was Olle",
    ]},
    {"tenant": "acct-40911_d4", "style": "mem0", "language": "en", "items": [
        ("fact", "allergy", "penicillin", ["allergic_to", "allergies", "drug_allergy"], [
            "Is allergic to penicillin",
            "Penicillin gives a bad rash, has to avoid it",
        ]),
        ("fact", "profession", "electrician", ["job", "occupation", "work", "trade"], [
            "Works as an electrician",
            "Is a licensed electrician doing mostly rewiring jobs",
            "Electrician by trade",
        ], {"value_aliases": ["electric"]}),
        ("preference", "date_format", "DD/MM/YYYY", ["dates", "format"], [
            "Wants dates written day first, like 04/12/2026",
            "Prefers the DD/MM/YYYY date format",
        ], {"value_aliases": ["dd mm", "day first", "day"]}),
        ("fact", "hometown", "Cardiff", ["grew_up_in", "origin", "from", "birthplace"], [
            "Grew up in Cardiff",
            "Is originally from Cardiff",
        ]),
    ], "one_offs": [
        "Brother-in-law is a plumber",
        "Asked how long to boil an egg",
    ]},
    {"tenant": "tamsin_w_d4", "style": "mem0", "language": "en", "items": [
        ("fact", "instrument", "cello", ["plays", "hobby", "music"], [
            "Plays the cello",
            "Has played cello in an amateur orchestra for years",
        ]),
        ("fact", "commute", "bicycle", ["transport", "cycles", "bike"], [
            "Cycles to work",
            "Commutes by bike every day",
        ], {"value_aliases": ["bike", "cycl", "bicycle"]}),
        ("preference", "no_emoji", "no emoji", ["emoji", "emojis", "style"], [
            "Dislikes emoji in replies",
            "Wants responses without emoticons or emoji",
        ], {"value_aliases": ["emoji", "emoticon"]}),
    ], "one_offs": [
        "Daughter plays the flute",
        "Wondered whether tomatoes are fruit",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "marco.ferri_d4", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "paramedic", ["job", "occupation", "work"], [
            "I work as a paramedic.",
            "Just finished a night shift on the ambulance, paramedic life.",
        ], {"value_aliases": ["paramedic", "ambulance"]}),
        ("fact", "training", "triathlon", ["sport", "hobby", "race"], [
            "I'm training for my first triathlon.",
            "Swim, bike, run: the triathlon is in June and I'm nervous.",
        ]),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "Use miles and pounds with me, please.",
            "I'm American, so imperial units make more sense to me.",
        ], {"value_aliases": ["imperial", "mile", "pound"]}),
    ], "one_offs": [
        "My partner is training for a half marathon.",
        "I need a new phone charger.",
    ]},
    {"tenant": "nkechi.a_d4", "style": "first_person", "language": "en", "items": [
        ("fact", "studies", "pharmacy", ["degree", "major", "field", "education"], [
            "I'm studying pharmacy.",
            "Third year of my pharmacy degree, exams coming up.",
        ]),
        ("fact", "brother_name", "Emeka", ["brother", "sibling", "relative"], [
            "My brother is called Emeka.",
            "Emeka, my older brother, is visiting next week.",
            "I have one brother, Emeka.",
        ]),
        ("preference", "examples", "worked examples", ["style", "answer_style", "example"], [
            "Please always include a worked example.",
            "I understand things better when you walk through a sample problem.",
        ], {"value_aliases": ["example", "sample"]}),
    ], "stale": [
        ("studies", "chemistry", [
            "I'm studying chemistry.",
            "I'm a chemistry student.",
        ]),
    ], "one_offs": [
        "My cousin's brother is called Chidi.",
        "I dropped my laptop this morning.",
    ]},
    {"tenant": "haruto.s_d4", "style": "first_person", "language": "en", "items": [
        ("fact", "hobby", "bouldering", ["sport", "climbing", "exercise"], [
            "I go bouldering twice a week.",
            "Climbing at the bouldering gym is how I unwind.",
        ], {"value_aliases": ["boulder", "climb"]}),
        ("fact", "car", "Mazda MX-5", ["drives", "vehicle", "car_model"], [
            "I drive a Mazda MX-5.",
            "My car's a little MX-5 convertible.",
        ], {"value_aliases": ["mazda", "mx 5", "mx5", "miata"]}),
        ("preference", "timezone", "JST", ["time_zone", "times", "zone"], [
            "Give me times in JST.",
            "I'm on Japan Standard Time, convert schedules for me.",
        ], {"value_aliases": ["jst", "japan"]}),
    ], "one_offs": [
        "My dad drives a Prius.",
        "I keep forgetting to water the basil.",
    ]},
    {"tenant": "grace_o_d4", "style": "first_person", "language": "en", "items": [
        ("fact", "allergy", "bee stings", ["allergic_to", "allergies"], [
            "I'm allergic to bee stings.",
            "I carry an EpiPen because bee stings could kill me.",
        ], {"value_aliases": ["bee", "sting"]}),
        ("fact", "horse_name", "Juniper", ["horse", "pet_name", "pet"], [
            "My horse is named Juniper.",
            "Rode Juniper, my mare, along the beach today.",
        ]),
        ("preference", "tone", "formal", ["style", "register", "formality"], [
            "Keep your tone formal with me.",
            "I prefer professional, businesslike language.",
        ], {"value_aliases": ["formal", "professional", "businesslike"]}),
    ], "one_offs": [
        "My friend's horse is called Biscuit.",
        "I wonder if it will snow this weekend.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "oren.k_d4", "style": "third_person", "language": "en", "items": [
        ("fact", "profession", "carpenter", ["job", "occupation", "work", "trade"], [
            "Oren is a carpenter.",
            "Oren builds furniture for a living.",
            "Oren works as a cabinet maker and carpenter.",
        ], {"value_aliases": ["carpent", "furniture", "cabinet"]}),
        ("fact", "son_name", "Yoav", ["son", "child", "kid"], [
            "Oren's son is named Yoav.",
            "Oren has a son, Yoav, who is eleven.",
        ]),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "Oren wants short answers.",
            "Oren likes replies of two or three sentences at most.",
        ], {"value_aliases": ["short", "brief", "concise", "sentence"]}),
    ], "one_offs": [
        "Oren's neighbour's son is named Ido.",
        "Oren asked about varnish drying times.",
    ]},
    {"tenant": "m.achterberg_d4", "style": "third_person", "language": "en", "items": [
        ("fact", "city", "Hamburg", ["lives_in", "home_city", "residence", "location"], [
            "Mia lives in Hamburg.",
            "Mia's flat is in Hamburg, near the harbour.",
        ]),
        ("fact", "allergy", "tree nuts", ["allergic_to", "allergies", "food_allergy"], [
            "Mia is allergic to tree nuts.",
            "Mia can't eat walnuts or cashews because of her allergy.",
        ], {"value_aliases": ["nut", "walnut", "cashew"]}),
        ("preference", "language", "German", ["answer_language", "reply_language"], [
            "Mia would like answers in German.",
            "Mia prefers replies auf Deutsch.",
        ], {"value_aliases": ["german", "deutsch"]}),
    ], "stale": [
        ("city", "Bremen", [
            "Mia lives in Bremen.",
            "Mia is living in Bremen for now.",
        ]),
    ], "one_offs": [
        "Mia's sister lives in Munich.",
        "Mia asked for a bread recipe.",
    ]},
    {"tenant": "sunita.r_d4", "style": "third_person", "language": "en", "items": [
        ("fact", "instrument", "sitar", ["plays", "hobby", "music"], [
            "Sunita plays the sitar.",
            "Sunita has been learning sitar from her uncle since childhood.",
        ]),
        ("fact", "husband_name", "Vikram", ["husband", "spouse", "partner"], [
            "Sunita's husband is Vikram.",
            "Sunita and her husband Vikram run a bakery.",
        ]),
        ("preference", "timezone", "IST", ["time_zone", "times", "zone"], [
            "Sunita wants times in IST.",
            "Sunita asks for schedules converted to Indian Standard Time.",
        ], {"value_aliases": ["ist", "india"]}),
    ], "one_offs": [
        "Sunita's friend Lata plays the tabla.",
        "Sunita asked how to get turmeric stains out.",
    ]},
    {"tenant": "abebe.g_d4", "style": "third_person", "language": "en", "items": [
        ("fact", "profession", "fisherman", ["job", "occupation", "work", "trade"], [
            "Abebe is a commercial fisherman.",
            "Abebe spends most mornings out on his fishing boat.",
            "Abebe catches cod and haddock for a living.",
        ], {"value_aliases": ["fisher", "fishing", "cod"]}),
        ("fact", "birthplace", "Addis Ababa", ["born_in", "hometown", "origin"], [
            "Abebe was born in Addis Ababa.",
            "Abebe is a native of Addis Ababa.",
        ], {"value_aliases": ["addis"]}),
        ("fact", "boat_name", "Selam", ["boat", "vessel"], [
            "Abebe's boat is called Selam.",
            "Abebe named his trawler Selam.",
        ]),
        ("preference", "units", "nautical", ["measurement_units", "measurements"], [
            "Abebe wants distances in nautical miles.",
            "Abebe thinks in knots and nautical miles, not kilometres.",
        ], {"value_aliases": ["nautical", "knot"]}),
    ], "one_offs": [
        "Abebe's cousin was born in Gondar.",
        "Abebe's neighbour's boat is called Maryam.",
        "Abebe asked how to fix a leaking tap.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." forms
    {"tenant": "usr_55120_d4", "style": "user", "language": "en", "items": [
        ("fact", "profession", "commercial pilot", ["job", "occupation", "work"], [
            "User is a commercial pilot.",
            "The user flies Airbus A320s for a living.",
            "User works as an airline pilot.",
        ], {"value_aliases": ["pilot", "flies", "airline"]}),
        ("fact", "parrot_name", "Captain", ["parrot", "pet_name", "pet", "bird"], [
            "User has a parrot named Captain.",
            "The user's parrot, Captain, can whistle the anthem.",
        ]),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "User prefers metric units.",
            "The user wants distances in kilometres and weights in kilograms.",
        ], {"value_aliases": ["metric", "kilo"]}),
    ], "one_offs": [
        "User's colleague has a parrot called Polly.",
        "The user asked why the sky is blue.",
    ]},
    {"tenant": "client-8842_d4", "style": "user", "language": "en", "items": [
        ("fact", "studies", "civil engineering", ["degree", "major", "field", "education"], [
            "User studied civil engineering.",
            "The user has a civil engineering degree.",
        ], {"value_aliases": ["civil engineer"]}),
        ("fact", "daughter_name", "Imani", ["daughter", "child", "kid"], [
            "User's daughter is called Imani.",
            "The user has a daughter named Imani.",
            "Imani is the user's daughter.",
        ]),
        ("preference", "citations", "cite sources", ["sources", "references"], [
            "User wants sources cited.",
            "The user asks for links to references behind any claim.",
        ], {"value_aliases": ["source", "reference", "citation", "cite"]}),
    ], "stale": [
        ("daughter_name", "Amani", [
            "User's daughter is called Amani.",
            "The user has a daughter named Amani.",
        ]),
    ], "one_offs": [
        "User's sister's daughter is named Zuri.",
        "The user asked for a synonym for happy.",
    ]},
    {"tenant": "user-1207_d4", "style": "user", "language": "en", "items": [
        ("fact", "hobby", "fly fishing", ["sport", "fishing"], [
            "User enjoys fly fishing.",
            "The user ties their own flies and fishes for trout.",
        ], {"value_aliases": ["fish", "fly", "trout"]}),
        ("fact", "city", "Bozeman", ["lives_in", "home_city", "residence", "location"], [
            "User lives in Bozeman.",
            "The user is based in Bozeman, Montana.",
        ]),
        ("preference", "summary", "summary first", ["tldr", "format", "structure"], [
            "User wants a TL;DR at the top.",
            "The user likes a short summary before the details.",
        ], {"value_aliases": ["summary", "tl dr", "tldr"]}),
    ], "one_offs": [
        "User's uncle lives in Billings.",
        "The user asked what time sunset is.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "k1ra_d4", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "gecko_name", "mochi", ["gecko", "pet_name", "pet", "lizard"], [
            "my geko is called mochi",
            "mochi my leopard gecko shed her skin today",
        ]),
        ("fact", "profession", "barista", ["job", "occupation", "work"], [
            "im a barista",
            "work at a coffee shop makin lattes all day lol, barista life",
        ], {"value_aliases": ["barista", "coffee"]}),
        ("preference", "tone", "casual", ["style", "register", "formality"], [
            "talk 2 me casual pls",
            "no need to be all formal w me",
        ], {"value_aliases": ["casual", "formal", "informal"]}),
    ], "one_offs": [
        "my roomies gecko is named taco",
        "wat should i eat 4 lunch",
    ]},
    {"tenant": "dvd.m_d4", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "sport", "skateboarding", ["hobby", "skate", "exercise"], [
            "i skate every day after skool",
            "skateboarding is my whole life tbh",
        ], {"value_aliases": ["skate"]}),
        ("fact", "brother_age", "12", ["brother", "sibling", "age"], [
            "my lil bro is 12",
            "my brother just turned 12 yesterday",
        ], {"value_aliases": ["twelve"]}),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "make ur answers shorter",
            "too long didnt read, keep it brief",
        ], {"value_aliases": ["short", "brief"]}),
    ], "one_offs": [
        "my freinds bro is 9",
        "is it gonna rain tmrw",
    ]},
    {"tenant": "lu.chen_d4", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "car", "tesla model 3", ["drives", "vehicle", "car_model"], [
            "i drive a tesla model 3",
            "my model 3 needs new tires",
        ], {"value_aliases": ["tesla", "model 3"]}),
        ("fact", "allergy", "dust mites", ["allergic_to", "allergies"], [
            "im alergic to dust mites",
            "dust mite allergy is killin me",
        ], {"value_aliases": ["dust"]}),
        ("preference", "answer_format", "tables", ["format", "structure", "table"], [
            "pls use tables when comparing stuff",
            "i like comparisons laid out in a table",
        ], {"value_aliases": ["table"]}),
    ], "stale": [
        ("car", "honda fit", [
            "i drive a honda fit",
            "my honda fit is so reliable",
        ]),
    ], "one_offs": [
        "my mom drives a lexus",
        "how do u cook rice w/o a cooker",
    ]},
    # ---------------------------------------------------------------- (f) non-English
    {"tenant": "elif.y_d4", "style": "non_english", "language": "tr", "items": [
        ("fact", "city", "Izmir", ["lives_in", "home_city", "residence", "location"], [
            "Izmir'de yaşıyorum.",
            "Izmir'de oturuyorum, denize yakın.",
        ], {"value_aliases": ["izmir"]}),
        ("fact", "profession", "öğretmen", ["job", "occupation", "work"], [
            "Öğretmenim.",
            "İlkokulda öğretmen olarak çalışıyorum.",
        ], {"value_aliases": ["ogretmen", "teacher"]}),
        ("preference", "language", "Türkçe", ["answer_language", "reply_language"], [
            "Lütfen Türkçe cevap ver.",
            "Cevapları Türkçe istiyorum.",
        ], {"value_aliases": ["turkce", "turkish"]}),
    ], "one_offs": [
        "Kardeşim Ankara'da yaşıyor.",
        "Yarın hava nasıl olacak?",
    ]},
    {"tenant": "kenji.t_d4", "style": "non_english", "language": "ja", "items": [
        ("fact", "city", "Osaka", ["lives_in", "home_city", "residence", "location"], [
            "Osaka ni sunde imasu.",
            "Watashi wa Osaka ni sunde imasu, Umeda no chikaku desu.",
        ]),
        ("fact", "dog_name", "Kuro", ["dog", "inu", "pet_name"], [
            "Watashi no inu wa Kuro to iimasu.",
            "Kuro wa watashi no inu desu, shiba inu desu.",
        ]),
        ("preference", "language", "nihongo", ["answer_language", "reply_language"], [
            "Nihongo de kotaete kudasai.",
            "Henji wa nihongo de onegaishimasu.",
        ], {"value_aliases": ["japanese", "nihongo"]}),
    ], "stale": [
        ("city", "Kobe", [
            "Kobe ni sunde imasu.",
            "Ima wa Kobe ni sunde imasu.",
        ]),
    ], "one_offs": [
        "Tomodachi no inu wa Hachi to iimasu.",
        "Ashita no tenki wa dou desu ka?",
    ]},
    {"tenant": "putri.w_d4", "style": "non_english", "language": "id", "items": [
        ("fact", "city", "Bandung", ["lives_in", "home_city", "residence", "location"], [
            "Saya tinggal di Bandung.",
            "Saya sudah lama tinggal di Bandung bersama keluarga.",
        ]),
        ("fact", "cat_name", "Bulan", ["cat", "kucing", "pet_name"], [
            "Kucing saya bernama Bulan.",
            "Bulan, kucing saya, suka tidur di jendela.",
        ]),
        ("preference", "length", "singkat", ["answer_length", "brevity"], [
            "Tolong jawab dengan singkat.",
            "Saya suka jawaban yang pendek saja.",
        ], {"value_aliases": ["singkat", "pendek", "short"]}),
    ], "one_offs": [
        "Kucing tetangga saya bernama Oyen.",
        "Apa resep nasi goreng yang enak?",
    ]},
    {"tenant": "tomas.n_d4", "style": "non_english", "language": "cs", "items": [
        ("fact", "city", "Brno", ["lives_in", "home_city", "residence", "location"], [
            "Bydlím v Brně.",
            "Bydlím v Brně už deset let.",
        ], {"value_aliases": ["brno", "brne"]}),
        ("fact", "profession", "programátor", ["job", "occupation", "work"], [
            "Jsem programátor.",
            "Pracuji jako programátor v malé firmě.",
        ], {"value_aliases": ["programator", "programmer", "developer"]}),
        ("preference", "language", "čeština", ["answer_language", "reply_language"], [
            "Odpovídej prosím česky.",
            "Chci odpovědi v češtině.",
        ], {"value_aliases": ["cesky", "cestina", "cestine", "czech"]}),
    ], "one_offs": [
        "Můj bratr bydlí v Praze.",
        "Jaké bude zítra počasí?",
    ]},
]
