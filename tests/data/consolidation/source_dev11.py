"""ELEVENTH DEV split (dev11) of the consolidation corpus: statements of CHANGE, written from the style descriptions
alone after dev/ to dev9/ had been tuned against, committed before anyone measured it. In most tenants one sentence
names both the old and the new value of one slot ("Left Deloitte and joined KPMG", "Moved from Boston to Denver",
"Sold his Peugeot and bought a Tesla", "Je suis passée de Lyon à Nantes"); the old value was said twice before it
(a stale item), the new value is said in the change statement first and in 1-2 later sessions (a key item). Besides:
ordinary items, transient remarks and someone else's change ("My brother moved to Leeds").

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once. The change statement is the
first statement of the new value, so build.py places it in the earliest of that item's sessions.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
CODE = ["programming_language", "code_language", "language", "coding_language"]
CAR = ["car", "drives", "vehicle_model", "vehicle"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "odile.r_d11", "style": "mem0", "language": "en", "items": [
        ("fact", "city", "Denver", CITY, [
            "Moved from Boston to Denver",
            "Lives in Denver now",
            "Likes the hiking trails just outside Denver",
        ]),
        ("fact", "cat_name", "Juniper", ["cat", "pet_name", "pet"], [
            "Has a cat named Juniper",
            "Juniper the cat knocks mugs off the desk",
        ]),
        ("preference", "length", "short answers", ["answer_length", "verbosity", "brevity", "style"], [
            "Prefers short answers",
            "Wants replies kept to a few lines",
        ], {"value_aliases": ["short", "brief", "concise", "few lines"]}),
    ], "stale": [
        ("city", "Boston", [
            "Lives in Boston",
            "Rents an apartment in Boston near the Common",
        ]),
    ], "one_offs": [
        "Brother moved to Seattle last year",
        "Asked for a lasagne recipe",
    ]},
    {"tenant": "kwame.a_d11", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "employer", "KPMG", EMPLOYER, [
            "Left Deloitte and joined KPMG",
            "Works at KPMG",
            "Audits retail clients for KPMG",
        ]),
        ("fact", "vehicle", "Tesla Model 3", CAR, [
            "Sold his Peugeot and bought a Tesla Model 3",
            "Drives a Tesla Model 3",
        ], {"value_aliases": ["tesla", "model 3"]}),
        ("preference", "answer_format", "bullet points", ["format", "structure", "lists"], [
            "Likes answers as bullet points",
            "Wants lists rather than long paragraphs",
        ], {"value_aliases": ["bullet", "list"]}),
    ], "stale": [
        ("employer", "Deloitte", [
            "Works at Deloitte",
            "Is an auditor at Deloitte",
        ]),
        ("vehicle", "Peugeot", [
            "Drives a Peugeot",
            "Owns a silver Peugeot 308",
        ]),
    ], "one_offs": [
        "Colleague switched from Deloitte to EY",
        "Asked about parking near the stadium",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "zoe.t_d11", "style": "first_person", "language": "en", "items": [
        ("fact", "employer", "Sainsbury's", EMPLOYER, [
            "I quit Tesco, I'm at Sainsbury's now.",
            "My Sainsbury's shift was long today.",
        ], {"value_aliases": ["sainsbury", "sainsburys"]}),
        ("fact", "dog_name", "Biscuit", ["dog", "pet_name", "pet"], [
            "My dog is called Biscuit.",
            "Biscuit chewed my trainers again.",
        ]),
        ("preference", "tone", "casual", ["style", "register", "formality"], [
            "Keep it casual with me, please.",
            "I like a relaxed, informal tone.",
        ], {"value_aliases": ["casual", "informal", "relaxed"]}),
    ], "stale": [
        ("employer", "Tesco", [
            "I work at Tesco.",
            "I stacked shelves at Tesco all morning.",
        ]),
    ], "one_offs": [
        "My brother moved to Leeds.",
        "I need to buy a birthday card tomorrow.",
    ]},
    {"tenant": "rafael.m_d11", "style": "first_person", "language": "en", "items": [
        ("preference", "code_language", "Kotlin", CODE, [
            "I've switched from Java to Kotlin.",
            "Please write code examples in Kotlin.",
            "Kotlin is what I use for everything now.",
        ]),
        ("fact", "profession", "UX designer", JOB, [
            "I was a teacher, now I'm a UX designer.",
            "I work as a UX designer.",
        ], {"value_aliases": ["ux", "designer"]}),
        ("fact", "city", "Porto", CITY, [
            "I live in Porto.",
            "My flat in Porto overlooks the river.",
        ]),
    ], "stale": [
        ("code_language", "Java", [
            "Give me code in Java, please.",
            "I write Java all day.",
        ]),
        ("profession", "teacher", [
            "I'm a teacher.",
            "I teach maths to twelve-year-olds.",
        ]),
    ], "one_offs": [
        "My sister switched from Python to Rust.",
        "I'm tired today.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "helena.w_d11", "style": "third_person", "language": "en", "items": [
        ("preference", "language", "Spanish", LANG, [
            "Helena changed her mind: she wants replies in Spanish, not English.",
            "Helena asks for answers in Spanish.",
        ], {"value_aliases": ["spanish", "espanol"]}),
        ("fact", "dog_name", "Max", ["dog", "pet_name", "pet"], [
            "Helena's dog Rex died; she adopted a puppy called Max.",
            "Helena's puppy Max is learning to sit.",
            "Helena walks Max before breakfast.",
        ]),
        ("fact", "allergy", "peanuts", ["allergic_to", "allergies", "allergy"], [
            "Helena is allergic to peanuts.",
            "Helena avoids anything with peanuts in it.",
        ], {"value_aliases": ["peanut"]}),
    ], "stale": [
        ("language", "English", [
            "Helena wants replies in English.",
            "Helena prefers answers written in English.",
        ]),
        ("dog_name", "Rex", [
            "Helena has a dog named Rex.",
            "Helena's dog Rex loves the beach.",
        ]),
    ], "one_offs": [
        "Helena's friend Mia moved to Madrid.",
        "Helena asked about train times to York.",
    ]},
    {"tenant": "dmitri.k_d11", "style": "third_person", "language": "en", "items": [
        ("fact", "employer", "Globex", EMPLOYER, [
            "Dmitri resigned from Acme to join Globex.",
            "Dmitri works at Globex.",
        ]),
        ("fact", "hobby", "chess", ["hobbies", "pastime", "plays"], [
            "Dmitri plays chess.",
            "Dmitri spends his evenings on online chess.",
        ]),
        ("preference", "units", "metric", ["unit_system", "measurement_units", "measurements"], [
            "Dmitri wants measurements in metric.",
            "Dmitri prefers kilometres to miles.",
        ], {"value_aliases": ["metric", "kilomet"]}),
    ], "stale": [
        ("employer", "Acme", [
            "Dmitri works at Acme.",
            "Dmitri is an engineer at Acme.",
        ]),
    ], "one_offs": [
        "Dmitri's cousin left Acme for a startup.",
        "Dmitri asked about the weather in Riga.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..."
    {"tenant": "usr_4410_d11", "style": "user", "language": "en", "items": [
        ("fact", "employer", "Meta", EMPLOYER, [
            "User no longer works at Google; now at Meta.",
            "User works at Meta.",
            "The user is on a Meta infrastructure team.",
        ]),
        ("fact", "cat_name", "Pixel", ["cat", "pet_name", "pet"], [
            "User has a cat named Pixel.",
            "The user's cat Pixel sleeps on the keyboard.",
        ]),
        ("preference", "length", "detailed answers", ["answer_length", "verbosity", "style"], [
            "User wants detailed answers.",
            "The user prefers thorough, in-depth explanations.",
        ], {"value_aliases": ["detailed", "thorough", "in-depth", "long"]}),
    ], "stale": [
        ("employer", "Google", [
            "User works at Google.",
            "The user is a software engineer at Google.",
        ]),
    ], "one_offs": [
        "User's brother moved from Google to Apple.",
        "User asked how to boil an egg.",
    ]},
    {"tenant": "usr_8823_d11", "style": "user", "language": "en", "items": [
        ("fact", "city", "Austin", CITY, [
            "The user relocated to Austin from Chicago.",
            "User lives in Austin.",
        ]),
        ("fact", "diet", "vegetarian", ["dietary", "food", "diet"], [
            "User is vegetarian.",
            "The user doesn't eat meat.",
        ], {"value_aliases": ["vegetarian", "meat"]}),
        ("preference", "dates", "ISO dates", ["date_format", "format"], [
            "User wants dates in ISO format.",
            "The user prefers dates written as YYYY-MM-DD.",
        ], {"value_aliases": ["iso", "yyyy-mm-dd"]}),
    ], "stale": [
        ("city", "Chicago", [
            "User lives in Chicago.",
            "The user's apartment is in Chicago.",
        ]),
    ], "one_offs": [
        "User's friend relocated to Miami.",
        "User asked what time the bank closes.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "jen_b_d11", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "employer", "Sainsbury's", EMPLOYER, [
            "quit tesco, now at sainsburys",
            "sainsburys shift was long today",
        ], {"value_aliases": ["sainsbury", "sainsburys"]}),
        ("fact", "city", "Bristol", CITY, [
            "i live in bristol",
            "bristol traffic is a nightmare",
        ]),
        ("preference", "emoji", "no emojis", ["emojis", "style", "format"], [
            "no emojis pls",
            "dont use emojis in answers",
        ], {"value_aliases": ["emoji"]}),
    ], "stale": [
        ("employer", "Tesco", [
            "i work at tesco",
            "tesco was so busy 2day",
        ]),
    ], "one_offs": [
        "my bro moved to leeds",
        "forgot my umbrella lol",
    ]},
    {"tenant": "tobz_d11", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "vehicle", "Honda Civic", CAR, [
            "sold the fiesta n got a honda civic",
            "drivin my civic to work",
        ], {"value_aliases": ["honda", "civic"]}),
        ("fact", "profession", "electrician", JOB, [
            "im an electrician",
            "rewired a whole house today, electrician life",
        ], {"value_aliases": ["electric"]}),
        ("fact", "dog_name", "Rolo", ["dog", "pet_name", "pet"], [
            "my dogs called rolo",
            "rolo stole my sandwich",
        ]),
    ], "stale": [
        ("vehicle", "Ford Fiesta", [
            "i drive a ford fiesta",
            "my fiesta needs new tyres",
        ]),
    ], "one_offs": [
        "my mate sold his van",
        "cant sleep tonight",
    ]},
    # ---------------------------------------------------------------- (f) not in English
    {"tenant": "camille.d_d11", "style": "non_english", "language": "fr", "items": [
        ("fact", "city", "Nantes", CITY, [
            "Je suis passée de Lyon à Nantes.",
            "J'habite à Nantes.",
            "Nantes est bien plus calme que je pensais.",
        ]),
        ("preference", "language", "français", LANG, [
            "Réponds-moi en français s'il te plaît.",
            "Je préfère les réponses en français.",
        ], {"value_aliases": ["francais", "french"]}),
        ("fact", "cat_name", "Moustache", ["cat", "pet_name", "pet", "chat"], [
            "Mon chat s'appelle Moustache.",
            "Moustache dort toute la journée.",
        ]),
    ], "stale": [
        ("city", "Lyon", [
            "J'habite à Lyon.",
            "Mon appartement à Lyon est petit.",
        ]),
    ], "one_offs": [
        "Mon frère a déménagé à Lille.",
        "J'ai oublié mes clés aujourd'hui.",
    ]},
    {"tenant": "lucia.g_d11", "style": "non_english", "language": "es", "items": [
        ("fact", "employer", "BBVA", EMPLOYER, [
            "Dejé Telefónica, ahora trabajo en BBVA.",
            "Trabajo en BBVA.",
        ]),
        ("preference", "language", "español", LANG, [
            "Respóndeme en español, por favor.",
            "Prefiero las respuestas en español.",
        ], {"value_aliases": ["espanol", "spanish"]}),
        ("fact", "dog_name", "Lola", ["dog", "pet_name", "pet", "perro"], [
            "Mi perra se llama Lola.",
            "Saqué a Lola al parque esta mañana.",
        ]),
    ], "stale": [
        ("employer", "Telefónica", [
            "Trabajo en Telefónica.",
            "Soy ingeniera en Telefónica.",
        ]),
    ], "one_offs": [
        "Mi hermano se mudó a Sevilla.",
        "Hoy hace mucho calor.",
    ]},
    {"tenant": "jonas.b_d11", "style": "non_english", "language": "de", "items": [
        ("fact", "city", "Hamburg", CITY, [
            "Ich bin von München nach Hamburg gezogen.",
            "Ich wohne in Hamburg.",
        ]),
        ("fact", "employer", "Otto", EMPLOYER, [
            "Ich arbeite bei Otto.",
            "Bei Otto bin ich im Einkauf.",
        ]),
        ("preference", "language", "Deutsch", LANG, [
            "Bitte antworte auf Deutsch.",
            "Ich möchte Antworten auf Deutsch.",
        ], {"value_aliases": ["deutsch", "german"]}),
    ], "stale": [
        ("city", "München", [
            "Ich wohne in München.",
            "Meine Wohnung in München ist teuer.",
        ]),
    ], "one_offs": [
        "Meine Schwester ist nach Köln gezogen.",
        "Heute regnet es schon wieder.",
    ]},
]
