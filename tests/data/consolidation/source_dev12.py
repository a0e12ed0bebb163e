"""TWELFTH DEV split (dev12) of the consolidation corpus: memory as OTHER memory layers and assistants write it,
written from the style descriptions alone after dev/ to dev11/ had been tuned against, committed before anyone
measured it. Styles: ChatGPT-style saved memories ("Is a software engineer based in Denver.", "Prefers responses
without emojis."), Letta/MemGPT core-memory lines ("Occupation: nurse at St. Mary's", "- likes concise answers"),
LangMem/Zep-style triples and statements ("Priya -> works_at -> Infosys", "Preference: metric units"), an
assistant's dated notes ("2026-08-02: user mentioned moving to Leeds"), long first-person chat messages with the
fact in passing, and Spanish, Italian, Dutch and Japanese tenants written in those layers' shapes. Each key item is
said in 2-3 sessions in different words; one-offs about someone else's attribute of the same type, transient
remarks, and stale values (moves, new employers and jobs, a changed preference, diet or vehicle) in most tenants.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
ADDRESS = ["form_of_address", "address", "tone", "register", "name", "call"]
UNITS = ["unit", "units", "measurement", "measurements", "temperature"]
FORMAT = ["format", "answer_format", "structure", "style"]
CODE = ["programming_language", "code", "language", "code_language"]
CAR = ["car", "drives", "vehicle_model", "vehicle", "motorbike", "motorcycle"]
PET = ["pet", "pet_name"]
DIET = ["diet", "food", "eating"]
TONE = ["tone", "style", "register", "voice"]
HOBBY = ["hobbies", "sport", "pastime", "activity", "hobby"]

TENANTS = [
    # ---------------------------------------------------------------- (a) ChatGPT-style saved memories
    {"tenant": "sam.o_d12", "style": "chatgpt", "language": "en", "items": [
        ("fact", "job", "software engineer", JOB, [
            "Is a software engineer based in Denver.",
            "Writes backend services for a living.",
        ], {"value_aliases": ["engineer", "software", "developer", "backend"]}),
        ("fact", "city", "Denver", CITY, [
            "Lives in Denver, Colorado.",
            "Mentioned that the altitude in Denver still makes running hard.",
        ]),
        ("preference", "emoji", "no emojis", ["emojis", "emoji_use", "style", "format"], [
            "Prefers responses without emojis.",
            "Finds emoji in replies distracting and asked to leave them out.",
        ], {"value_aliases": ["no emoji", "without emoji", "emoji"]}),
        ("fact", "children", "Mia", ["kids", "child", "daughter", "son", "children_names"], [
            "Has two kids, Mia (7) and Leo (4).",
            "Mia and Leo both started swimming lessons this autumn.",
        ], {"value_aliases": ["mia", "leo"]}),
    ], "one_offs": [
        "Wife is a pediatric nurse.",
        "Asked for a checklist for a camping weekend.",
    ]},
    {"tenant": "ines.k_d12", "style": "chatgpt", "language": "en", "items": [
        ("preference", "answer_first", "answer first", FORMAT + ["structure", "order"], [
            "Prefers that answers start with the direct answer before any explanation.",
            "Wants the bottom line up front.",
        ], {"value_aliases": ["answer first", "bottom line", "direct answer", "conclusion first"]}),
        ("preference", "units", "metric", UNITS, [
            "Prefers metric units.",
            "Wants distances in kilometres and weights in kilograms, never miles or pounds.",
        ], {"value_aliases": ["metric", "kilometres", "kilograms"]}),
        ("fact", "dog_name", "Pepper", ["dog", *PET], [
            "Has a golden retriever named Pepper.",
            "User's dog Pepper is terrified of thunderstorms.",
        ]),
        ("fact", "diet", "vegetarian", DIET, [
            "Is vegetarian.",
            "Doesn't eat meat or fish.",
        ], {"value_aliases": ["vegetarian", "no meat", "meat"]}),
        ("fact", "employer", "Spotify", EMPLOYER, [
            "Now works at Spotify.",
            "Joined Spotify's analytics team in the spring.",
        ]),
    ], "stale": [
        ("employer", "Klarna", [
            "Works at Klarna.",
            "Is employed by Klarna in Stockholm.",
        ]),
    ], "one_offs": [
        "Sister's dog is a beagle named Rolo.",
        "Asked how to get red wine out of a carpet.",
    ]},
    {"tenant": "luca.b_d12", "style": "chatgpt", "language": "en", "items": [
        ("preference", "code_language", "Python", CODE, [
            "Now prefers code examples in Python.",
            "Wants code samples written in Python from here on.",
        ]),
        ("fact", "allergy", "peanuts", ["allergies", "allergic", "allergic_to"], [
            "Is allergic to peanuts.",
            "Has a severe peanut allergy and carries an EpiPen.",
        ], {"value_aliases": ["peanut"]}),
        ("fact", "hobby", "cello", HOBBY + ["instrument", "plays"], [
            "Plays the cello in a community orchestra.",
            "Practices cello most evenings after work.",
        ]),
        ("preference", "length", "short", LENGTH, [
            "Prefers short, concise answers.",
            "Wants replies kept to one paragraph at most.",
        ], {"value_aliases": ["short", "concise", "brief", "one paragraph"]}),
    ], "stale": [
        ("code_language", "JavaScript", [
            "Prefers code examples in JavaScript.",
            "Wants snippets written in JS.",
        ]),
    ], "one_offs": [
        "Friend is allergic to shellfish.",
        "Is tired after a long flight today.",
    ]},
    {"tenant": "grace.w_d12", "style": "chatgpt", "language": "en", "items": [
        ("fact", "vehicle", "Toyota RAV4", CAR, [
            "Recently bought a Toyota RAV4 hybrid.",
            "Drives a RAV4 to work.",
        ], {"value_aliases": ["rav4", "toyota"]}),
        ("fact", "health_condition", "type 1 diabetes", ["condition", "health", "illness", "diagnosis"], [
            "Has type 1 diabetes.",
            "Manages her blood sugar with an insulin pump.",
        ], {"value_aliases": ["diabetes", "diabetic", "insulin", "blood sugar"]}),
        ("fact", "mother", "Ruth", ["mother_name", "mom", "mum", "mother's name", "relative"], [
            "Mother's name is Ruth.",
            "Calls her mom Ruth every Sunday evening.",
        ]),
        ("preference", "tone", "warm and encouraging", TONE, [
            "Prefers a warm, encouraging tone.",
            "Likes replies that sound friendly and supportive rather than formal.",
        ], {"value_aliases": ["warm", "encouraging", "friendly", "supportive"]}),
    ], "stale": [
        ("vehicle", "Mazda 3", [
            "Drives a Mazda 3.",
            "Owns an old Mazda 3 hatchback.",
        ], ),
    ], "one_offs": [
        "Husband drives a Ford F-150.",
        "Asked for ideas for a rainy afternoon.",
    ]},
    # ---------------------------------------------------------------- (b) Letta / MemGPT core-memory lines
    {"tenant": "sam.ortiz_d12", "style": "letta", "language": "en", "items": [
        ("fact", "job", "nurse", JOB, [
            "Occupation: nurse at St. Mary's",
            "- works night shifts on the cardiac ward",
        ], {"value_aliases": ["nurse", "nursing", "cardiac ward"]}),
        ("preference", "length", "concise", LENGTH, [
            "- likes concise answers",
            "Communication style: keep it brief, no long explanations",
        ], {"value_aliases": ["concise", "brief", "short"]}),
        ("fact", "city", "Porto", CITY, [
            "Location: Porto, Portugal",
            "- moved to Porto last year and loves the riverside",
        ]),
        ("fact", "cat_name", "Miso", ["cat", *PET], [
            "Pet: a tabby cat called Miso",
            "- Miso (cat) sleeps on the keyboard while Sam types",
        ]),
    ], "stale": [
        ("city", "Lisbon", [
            "Location: Lisbon",
            "- lives in Lisbon, in Alfama",
        ]),
    ], "one_offs": [
        "- sister Ana works as a pharmacist",
        "- had a headache today",
    ]},
    {"tenant": "noor.h_d12", "style": "letta", "language": "en", "items": [
        ("preference", "answer_language", "English", LANG + ["language"], [
            "Preferred reply language: English",
            "- wants answers in English even when she writes in Arabic",
        ], {"value_aliases": ["english"]}),
        ("fact", "diet", "halal", DIET, [
            "Diet: halal",
            "- only eats meat that is halal",
        ]),
        ("fact", "school", "TU Delft", ["university", "studies", "education", "college"], [
            "Education: architecture student at TU Delft",
            "- third year of the architecture programme in Delft",
        ], {"value_aliases": ["delft"]}),
        ("fact", "brother", "Karim", ["brother_name", "sibling", "relative", "family"], [
            "Family: younger brother Karim, 16",
            "- her brother is named Karim",
        ]),
    ], "stale": [
        ("answer_language", "Arabic", [
            "Preferred reply language: Arabic",
            "- likes to be answered in Arabic",
        ]),
    ], "one_offs": [
        "- friend Lina studies medicine in Leiden",
        "- stressed about a studio deadline this week",
    ]},
    {"tenant": "dev.p_d12", "style": "letta", "language": "en", "items": [
        ("preference", "address", "Dev", ADDRESS + ["preferred_name", "nickname"], [
            "Preferred name: Dev (not Devendra)",
            "- wants to be called Dev",
        ]),
        ("fact", "employer", "Stripe", EMPLOYER, [
            "Employer: Stripe",
            "- works on the payments team at Stripe",
        ]),
        ("preference", "answer_format", "numbered steps", FORMAT, [
            "- likes answers as numbered steps",
            "Format preference: step-by-step lists, one action per line",
        ], {"value_aliases": ["numbered", "step", "steps", "list"]}),
        ("fact", "hobby", "bouldering", HOBBY, [
            "Hobbies: bouldering",
            "- climbs at the indoor wall most weekends",
        ], {"value_aliases": ["climbing", "climbs", "bouldering"]}),
    ], "stale": [
        ("employer", "Square", [
            "Employer: Square",
            "- engineer at Square, on the point-of-sale team",
        ]),
    ], "one_offs": [
        "- wife works at Google",
        "- asked about a delayed flight to Austin",
    ]},
    {"tenant": "hana.k_d12", "style": "letta", "language": "en", "items": [
        ("preference", "date_format", "DD/MM/YYYY", ["dates", "date", "format"], [
            "Date format: DD/MM/YYYY",
            "- writes dates day first, like 05/12 for the fifth of December",
        ], {"value_aliases": ["dd mm yyyy", "day first", "dd mm"]}),
        ("fact", "health_condition", "asthma", ["condition", "health", "illness", "diagnosis"], [
            "Health: asthma",
            "- carries an inhaler when she goes running",
        ], {"value_aliases": ["asthma", "inhaler"]}),
        ("fact", "partner", "Tom", ["boyfriend", "partner_name", "relative", "family"], [
            "Partner: Tom",
            "- boyfriend Tom cooks at a restaurant in town",
        ]),
        ("fact", "city", "Bristol", CITY, [
            "Location: Bristol (moved in June)",
            "- new flat in Bristol near the harbour",
        ]),
    ], "stale": [
        ("city", "Manchester", [
            "Location: Manchester",
            "- lives in Manchester, shares a house with two friends",
        ]),
    ], "one_offs": [
        "- Tom's sister lives in Leeds",
        "- out of coffee this morning",
    ]},
    # ---------------------------------------------------------------- (c) LangMem / Zep triples and statements
    {"tenant": "priya.n_d12", "style": "triples", "language": "en", "items": [
        ("fact", "employer", "Infosys", EMPLOYER, [
            "Priya -> works_at -> Infosys",
            "Priya is employed by Infosys",
        ]),
        ("fact", "city", "Pune", CITY, [
            "Priya -> lives_in -> Pune",
            "Priya has an apartment in Pune",
        ]),
        ("preference", "units", "metric", UNITS, [
            "Preference: metric units",
            "Priya wants distances given in kilometres",
        ], {"value_aliases": ["metric", "kilometres"]}),
        ("fact", "parrot_name", "Kiwi", ["parrot", "bird", *PET], [
            "Priya -> has_pet -> parrot named Kiwi",
            "Priya's parrot Kiwi can whistle a tune",
        ]),
    ], "stale": [
        ("employer", "Wipro", [
            "Priya -> works_at -> Wipro",
            "Priya works at Wipro",
        ]),
    ], "one_offs": [
        "Priya's cousin -> lives_in -> Mumbai",
        "Priya asked about flights during the monsoon",
    ]},
    {"tenant": "marek.j_d12", "style": "triples", "language": "en", "items": [
        ("fact", "job", "electrician", JOB, [
            "Marek -> occupation -> electrician",
            "Marek wires houses for a living",
        ], {"value_aliases": ["electrician", "wires houses", "electrical"]}),
        ("fact", "vehicle", "Skoda Octavia", CAR, [
            "Marek -> drives -> Skoda Octavia",
            "Marek's car is an Octavia estate",
        ], {"value_aliases": ["octavia", "skoda"]}),
        ("preference", "answer_language", "Polish", LANG + ["language"], [
            "Preference: answers in Polish",
            "Marek wants replies written in Polish",
        ]),
        ("fact", "allergy", "penicillin", ["allergies", "allergic", "allergic_to"], [
            "Marek -> allergic_to -> penicillin",
            "Marek cannot take penicillin",
        ]),
    ], "stale": [
        ("vehicle", "VW Golf", [
            "Marek -> drives -> VW Golf",
            "Marek owns a Golf",
        ]),
    ], "one_offs": [
        "Marek's brother -> occupation -> plumber",
        "Marek is fixing a fence today",
    ]},
    {"tenant": "olu.o_d12", "style": "triples", "language": "en", "items": [
        ("fact", "daughter", "Ada", ["daughter_name", "child", "kids", "children", "relative", "family"], [
            "Olu -> daughter -> Ada",
            "Olu's daughter is called Ada",
        ]),
        ("preference", "emoji", "no emojis", ["emojis", "emoji_use", "style", "format"], [
            "Preference: no emojis",
            "Olu dislikes emoji in responses",
        ], {"value_aliases": ["no emoji", "emoji"]}),
        ("fact", "diet", "vegan", DIET, [
            "Olu -> diet -> vegan",
            "Olu avoids all animal products",
        ], {"value_aliases": ["vegan", "animal products"]}),
        ("fact", "hobby", "chess", HOBBY, [
            "Olu -> hobby -> chess",
            "Olu plays online chess every evening",
        ]),
    ], "stale": [
        ("diet", "vegetarian", [
            "Olu -> diet -> vegetarian",
            "Olu is vegetarian",
        ]),
    ], "one_offs": [
        "Olu's friend -> diet -> keto",
        "Olu watched a documentary about sharks",
    ]},
    {"tenant": "fatima.z_d12", "style": "triples", "language": "en", "items": [
        ("preference", "time_format", "24-hour", ["clock", "time", "format"], [
            "Preference: 24-hour clock",
            "Fatima wants times written like 17:00 rather than 5 pm",
        ], {"value_aliases": ["24 hour", "24h", "17 00"]}),
        ("fact", "job", "pharmacist", JOB, [
            "Fatima -> job -> pharmacist",
            "Fatima works as a pharmacist",
        ]),
        ("fact", "city", "Rotterdam", CITY, [
            "Fatima -> lives_in -> Rotterdam",
            "Fatima's home is in Rotterdam",
        ]),
        ("preference", "tone", "formal", TONE, [
            "Preference: formal tone",
            "Fatima likes a professional register, no slang",
        ], {"value_aliases": ["formal", "professional"]}),
    ], "stale": [
        ("job", "pharmacy student", [
            "Fatima -> job -> pharmacy student",
            "Fatima is studying pharmacy at university",
        ]),
    ], "one_offs": [
        "Fatima's husband -> job -> dentist",
        "Fatima had a busy Monday",
    ]},
    # ---------------------------------------------------------------- (d) an assistant's dated notes
    {"tenant": "ben.c_d12", "style": "notes", "language": "en", "items": [
        ("fact", "city", "Leeds", CITY, [
            "2026-08-30: user mentioned moving to Leeds",
            "2026-09-21: user settled in Leeds now, likes the new flat",
        ]),
        ("fact", "job", "primary school teacher", JOB, [
            "2026-08-14: user is a primary school teacher",
            "2026-09-10: user teaches year 3, was marking homework all evening",
        ], {"value_aliases": ["teacher", "teaches"]}),
        ("preference", "length", "brief", LENGTH, [
            "2026-08-20: user asked for shorter replies",
            "2026-09-28: user repeated that long answers are too much, wants brief ones",
        ], {"value_aliases": ["short", "brief", "shorter"]}),
        ("fact", "cat_name", "Toast", ["cat", *PET], [
            "2026-08-09: user's cat is named Toast",
            "2026-10-02: user mentioned Toast (cat) was at the vet",
        ]),
    ], "stale": [
        ("city", "Sheffield", [
            "2026-08-05: user lives in Sheffield",
            "2026-08-12: user said Sheffield is home for now",
        ]),
    ], "one_offs": [
        "2026-09-03: user's neighbour has a cat called Smudge",
        "2026-09-12: user mentioned a cold",
    ]},
    {"tenant": "aisha.m_d12", "style": "notes", "language": "en", "items": [
        ("fact", "employer", "Monzo", EMPLOYER, [
            "2026-09-01: user started a new job at Monzo",
            "2026-10-03: user enjoys working at Monzo",
        ]),
        ("preference", "temperature", "Fahrenheit", UNITS, [
            "2026-08-18: user prefers Fahrenheit for temperatures",
            "2026-09-22: user asked again to give temperatures in °F",
        ], {"value_aliases": ["fahrenheit", "f"]}),
        ("fact", "sister", "Yasmin", ["sister_name", "sibling", "relative", "family"], [
            "2026-08-25: user's sister is called Yasmin",
            "2026-10-10: user visiting her sister Yasmin in Glasgow",
        ]),
        ("preference", "code_language", "TypeScript", CODE, [
            "2026-08-28: user codes mainly in TypeScript and wants examples in it",
            "2026-09-15: user asked for TypeScript snippets, not Python",
        ]),
    ], "stale": [
        ("employer", "Barclays", [
            "2026-08-05: user works at Barclays",
            "2026-08-12: user mentioned her team at Barclays",
        ]),
    ], "one_offs": [
        "2026-09-08: user's manager prefers Python",
        "2026-09-19: user asked about a train strike",
    ]},
    {"tenant": "kenji.w_d12", "style": "notes", "language": "en", "items": [
        ("preference", "answer_first", "answer first", FORMAT + ["structure", "order"], [
            "Note: user wants the answer first, then the reasoning",
            "Note (Sep 3): user repeated: lead with the conclusion",
        ], {"value_aliases": ["answer first", "conclusion", "lead with"]}),
        ("fact", "vehicle", "Yamaha MT-07", CAR, [
            "Note: user rides a Yamaha MT-07 motorbike",
            "Note: user commutes on his Yamaha",
        ], {"value_aliases": ["yamaha", "mt 07"]}),
        ("fact", "allergy", "cats", ["allergies", "allergic", "allergic_to"], [
            "Note: user allergic to cats",
            "Note: user sneezes around cats and avoids homes that have them",
        ], {"value_aliases": ["cat"]}),
        ("fact", "hobby", "surfing", HOBBY, [
            "Note: user surfs",
            "Note: user was out on his board at dawn, waves were good",
        ], {"value_aliases": ["surf", "surfs", "board"]}),
    ], "stale": [
        ("vehicle", "Honda CB500", [
            "Note: user rides a Honda CB500",
            "Note: user's motorbike is a CB500",
        ]),
    ], "one_offs": [
        "Note: user's wife is allergic to pollen",
        "Note: user has a dentist appointment tomorrow",
    ]},
    # ---------------------------------------------------------------- (e) long first-person chat, fact in passing
    {"tenant": "maria.l_d12", "style": "first_person", "language": "en", "items": [
        ("fact", "job", "vet", JOB + ["veterinarian"], [
            "I'm a vet at a small clinic, so I'm usually exhausted by the time I get home and just want quick help with dinner ideas.",
            "Between vaccinating puppies and stitching up a cat this afternoon I barely had lunch, anyway can you help me with a budget?",
        ], {"value_aliases": ["vet", "veterinarian", "clinic"]}),
        ("preference", "length", "short", LENGTH, [
            "Please keep it short, I'm reading this on my phone in between appointments.",
            "Honestly long answers just get skipped, three or four lines is plenty for me.",
        ], {"value_aliases": ["short", "few lines", "three or four lines", "brief"]}),
        ("fact", "city", "Austin", CITY, [
            "We finally moved to Austin last month and I love how green it is.",
            "Now that we're in Austin, what are good weekend hikes nearby?",
        ]),
        ("fact", "husband", "Diego", ["husband_name", "partner", "spouse", "relative", "family"], [
            "My husband Diego is cooking tonight so I finally have time to plan the trip.",
            "Diego (my husband) thinks we should go to the coast instead, what do you think?",
        ]),
    ], "stale": [
        ("city", "Houston", [
            "We live in Houston right now, near the medical center, and the traffic is unreal.",
            "Houston summers are brutal, I was dripping just walking to the car from the clinic.",
        ]),
    ], "one_offs": [
        "My neighbour is a dentist and she swears by electric toothbrushes, are they worth it?",
        "Ugh, my phone battery died twice today.",
    ]},
    {"tenant": "tom.h_d12", "style": "first_person", "language": "en", "items": [
        ("preference", "code_language", "Rust", CODE, [
            "I've been coding in Rust for three years now and would really like all examples in Rust please, not Python.",
            "When you show code, Rust is what I actually use at work, so stick to that.",
        ]),
        ("fact", "dog_name", "Bruno", ["dog", *PET], [
            "Our dog Bruno, a big lab, ate my sandwich this morning while I was on a call.",
            "Bruno needs his walk soon, so quick question before I head out.",
        ]),
        ("fact", "employer", "GitHub", EMPLOYER, [
            "Just started at GitHub this week, still figuring out the codebase.",
            "My onboarding buddy at GitHub is great, anyway about the question from earlier.",
        ]),
        ("fact", "diet", "gluten-free", DIET + ["health_condition", "condition"], [
            "I'm coeliac so anything with wheat is off the table, keep that in mind for recipes.",
            "Gluten makes me really ill, so any recipe has to be gluten-free.",
        ], {"value_aliases": ["coeliac", "celiac", "gluten", "wheat"]}),
    ], "stale": [
        ("employer", "Shopify", [
            "I work at Shopify on the checkout team and it's been hectic lately.",
            "Shopify's office is closed today so I'm working from home.",
        ]),
    ], "one_offs": [
        "My sister just got a puppy named Pixel and sends me photos all day.",
        "It's raining again, so no run today.",
    ]},
    {"tenant": "yuki.s_d12", "style": "first_person", "language": "en", "items": [
        ("preference", "date_format", "YYYY-MM-DD", ["dates", "date", "format"], [
            "Could you write dates like 2026-09-14? The US format confuses me every single time.",
            "I always mix up month and day, so ISO dates please.",
        ], {"value_aliases": ["yyyy mm dd", "iso", "2026 09 14"]}),
        ("fact", "hobby", "marathon running", HOBBY + ["training", "goal"], [
            "I'm training for the Berlin marathon so my weekday runs are getting longer and longer.",
            "Did a 30 km long run this morning, the marathon prep is going well.",
        ], {"value_aliases": ["marathon", "running", "runs"]}),
        ("fact", "son", "Felix", ["son_name", "child", "kids", "children", "relative", "family"], [
            "My son Felix turns nine next week and he wants a dinosaur cake, any tips?",
            "Felix (my boy) has a school concert tonight so I'll be quick.",
        ]),
        ("fact", "job", "accountant", JOB, [
            "I finally qualified as an accountant, so spreadsheets are kind of my whole life now.",
            "Closing the books at the firm until 9 pm again, tax season as an accountant is no joke.",
        ], {"value_aliases": ["accountant", "accounting"]}),
    ], "stale": [
        ("job", "bank teller", [
            "I work as a bank teller, mostly counting cash and helping people with deposits.",
            "Long day at the teller window, so many customers today.",
        ]),
    ], "one_offs": [
        "My brother is a pilot so he's never home for birthdays.",
        "Had terrible coffee at the station this morning.",
    ]},
    # ---------------------------------------------------------------- (f) Spanish, Italian, Dutch, Japanese in those layers' shapes
    {"tenant": "lucia.g_d12", "style": "non_english", "language": "es", "items": [
        ("preference", "answer_language", "Spanish", LANG + ["language"], [
            "Prefiere respuestas en español.",
            "Quiere que le contesten siempre en castellano.",
        ], {"value_aliases": ["español", "espanol", "castellano", "spanish"]}),
        ("fact", "city", "Valencia", CITY, [
            "Vive en Valencia.",
            "Tiene un piso en Valencia cerca de la playa.",
        ]),
        ("fact", "cat_name", "Churro", ["cat", "gato", *PET], [
            "Tiene un gato llamado Churro.",
            "Su gato Churro duerme todo el día en el sofá.",
        ]),
        ("fact", "job", "English teacher", JOB, [
            "Es profesora de inglés.",
            "Da clases de inglés en un instituto.",
        ], {"value_aliases": ["profesora", "teacher", "clases de inglés", "inglés"]}),
    ], "stale": [
        ("city", "Sevilla", [
            "Vive en Sevilla.",
            "Reside en Sevilla con su familia.",
        ]),
    ], "one_offs": [
        "Su hermana tiene un perro llamado Rufo.",
        "Hoy tiene dolor de cabeza.",
    ]},
    {"tenant": "giulia.r_d12", "style": "non_english", "language": "it", "items": [
        ("fact", "job", "architect", JOB, [
            "Professione: architetta",
            "- progetta case e ristrutturazioni per clienti privati",
        ], {"value_aliases": ["architetta", "architetto", "architect", "progetta case"]}),
        ("preference", "answer_language", "Italian", LANG + ["language", "lingua"], [
            "Lingua preferita: italiano",
            "- vuole le risposte in italiano",
        ], {"value_aliases": ["italiano", "italian"]}),
        ("fact", "diet", "gluten-free", DIET + ["health_condition", "condition"], [
            "Dieta: senza glutine (celiachia)",
            "- è celiaca, niente pasta normale",
        ], {"value_aliases": ["senza glutine", "celiachia", "celiaca", "glutine", "gluten"]}),
        ("fact", "city", "Torino", CITY, [
            "Città: Torino",
            "- si è trasferita a Torino a settembre",
        ], {"value_aliases": ["turin"]}),
    ], "stale": [
        ("city", "Milano", [
            "Città: Milano",
            "- abita a Milano, zona Navigli",
        ]),
    ], "one_offs": [
        "- il fratello vive a Roma",
        "- oggi piove a dirotto",
    ]},
    {"tenant": "sanne.v_d12", "style": "non_english", "language": "nl", "items": [
        ("fact", "city", "Utrecht", CITY, [
            "Sanne -> woont_in -> Utrecht",
            "Sanne heeft een huis in Utrecht",
        ]),
        ("preference", "length", "short", LENGTH, [
            "Voorkeur: korte antwoorden",
            "Sanne wil beknopte antwoorden, geen lange lappen tekst",
        ], {"value_aliases": ["kort", "korte", "beknopt", "beknopte", "short"]}),
        ("fact", "employer", "Philips", EMPLOYER, [
            "Sanne -> werkt_bij -> Philips",
            "Sanne is in dienst bij Philips",
        ]),
        ("fact", "dog_name", "Bobbie", ["dog", "hond", *PET], [
            "Sanne -> hond -> Bobbie",
            "De hond van Sanne heet Bobbie",
        ]),
    ], "stale": [
        ("city", "Groningen", [
            "Sanne -> woont_in -> Groningen",
            "Sanne woont in Groningen",
        ]),
    ], "one_offs": [
        "De broer van Sanne werkt bij ASML",
        "Sanne heeft vandaag vrij",
    ]},
    {"tenant": "haruto.t_d12", "style": "non_english", "language": "ja", "items": [
        ("preference", "answer_language", "Japanese", LANG + ["language"], [
            "回答は日本語を希望。",
            "日本語で返信してほしいと言っている。",
        ], {"value_aliases": ["日本語", "japanese"]}),
        ("fact", "city", "大阪", CITY, [
            "大阪在住。",
            "大阪に住んでいる。",
        ], {"value_aliases": ["osaka"]}),
        ("fact", "dog_name", "コタロウ", ["dog", "犬", *PET], [
            "柴犬のコタロウを飼っている。",
            "犬の名前はコタロウ。",
        ], {"value_aliases": ["kotaro"]}),
        ("fact", "job", "エンジニア", JOB, [
            "ソフトウェアエンジニアとして働いている。",
            "仕事はプログラマー。",
        ], {"value_aliases": ["プログラマー", "engineer", "programmer"]}),
    ], "stale": [
        ("city", "東京", [
            "東京在住。",
            "東京に住んでいる。",
        ]),
    ], "one_offs": [
        "妹は名古屋に住んでいる。",
        "今日は雨で気分が少し落ち込んでいる。",
    ]},
]
