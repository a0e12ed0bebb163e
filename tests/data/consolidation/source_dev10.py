"""TENTH DEV split (dev10) of the consolidation corpus: written from the style descriptions alone after dev/ to dev8/
had been tuned against, committed before anyone measured it. Mostly English, as memory layers write it: Mem0
exports (subject-less, one remark split into several memories, near-duplicates of one memory), a user's own long
chatty messages, questions with the fact in passing and corrections, an assistant's notes in named third person,
"User ..."/"The user ...", lower-case chat with typos and abbreviations, and French, Spanish, German and Portuguese
tenants written colloquially. Each key item is said in 2-3 sessions with different words, often sharing no content
word ("Is sober" / "Does not drink alcohol", a job title and what the person does all day); one-offs about someone
else's attribute of the same type and transient remarks; stale values (moves, new employer or job, a changed
preference, a corrected pet name) in about half the tenants, the newer value repeated.

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
CODE = ["programming_language", "code", "language"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 exports, subject-less
    {"tenant": "jordan.k_d10", "style": "mem0", "language": "en", "items": [
        ("fact", "name", "Jordan", ADDRESS + ["user_name", "first_name"], [
            "Name is Jordan",
            "Likes being called Jordan",
        ]),
        ("fact", "profession", "nurse", JOB, [
            "Is a nurse working night shifts",
            "Looks after patients recovering from heart surgery on a cardiac ward",
            "Works as a registered nurse",
        ], {"value_aliases": ["nurse", "cardiac", "ward", "patients"]}),
        ("preference", "emoji", "no emojis", ["emojis", "style", "format", "tone"], [
            "Prefers answers without emojis",
            "Dislikes emoji in responses",
        ], {"value_aliases": ["emoji", "emojis", "without emoji", "no emoji"]}),
    ], "one_offs": [
        "Sister works as a nurse in Leeds",
        "Is exhausted after a double shift",
    ]},
    {"tenant": "mei.l_d10", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "dog_name", "Pretzel", ["dog", "pet_name", "pet"], [
            "Has a dog named Pretzel",
            "Dog Pretzel is a beagle",
            "Takes Pretzel to the dog park on weekends",
        ]),
        ("fact", "city", "Portland", CITY, [
            "Recently moved to Portland, Oregon",
            "Lives in Portland",
            "Enjoys the food carts near home in Portland",
        ], {"value_aliases": ["portland"]}),
        ("preference", "units", "metric", UNITS, [
            "Prefers metric units",
            "Wants distances in kilometers and weights in kilograms",
        ], {"value_aliases": ["metric", "kilometer", "kilogram", "km", "kg"]}),
    ], "stale": [
        ("city", "Sacramento", [
            "Lives in Sacramento",
            "Rents an apartment in Sacramento",
        ]),
    ], "one_offs": [
        "Friend's dog is named Biscuit",
        "Is in Seattle this week for a conference",
    ]},
    {"tenant": "dev.r_d10", "style": "mem0", "language": "en", "items": [
        ("fact", "profession", "backend engineer", JOB, [
            "Is a backend engineer",
            "Builds server-side APIs for a living",
        ], {"value_aliases": ["backend", "engineer", "server side", "api"]}),
        ("fact", "employer", "Stripe", EMPLOYER, [
            "Works at Stripe",
            "Employer is Stripe",
        ], {"value_aliases": ["stripe"]}),
        ("preference", "code_language", "Rust", CODE, [
            "Prefers code examples in Rust",
            "Prefers Rust for code examples",
            "Wants snippets written in Rust",
        ], {"value_aliases": ["rust"]}),
    ], "stale": [
        ("code_language", "Python", [
            "Prefers code examples in Python",
            "Wants Python code samples",
        ]),
    ], "one_offs": [
        "Brother works at Google",
        "Is debugging a memory leak today",
    ]},
    {"tenant": "aisha.m_d10", "style": "mem0", "language": "en", "items": [
        ("fact", "allergy", "peanuts", ["allergic_to", "allergies", "food_allergy"], [
            "Is allergic to peanuts",
            "Carries an EpiPen because of a peanut allergy",
            "Cannot eat anything containing peanuts",
        ], {"value_aliases": ["peanut", "peanuts"]}),
        ("fact", "daughter_name", "Zara", ["daughter", "child", "kid"], [
            "Has a daughter named Zara",
            "Daughter's name is Zara",
            "Daughter Zara is starting second grade",
        ]),
        ("preference", "length", "short", LENGTH, [
            "Prefers short answers",
            "Wants responses kept to a few sentences",
        ], {"value_aliases": ["short", "brief", "concise", "few sentences"]}),
    ], "stale": [
        ("length", "detailed", [
            "Likes detailed, in-depth explanations",
            "Wants long, thorough answers",
        ]),
    ], "one_offs": [
        "Friend's son is named Zayn",
        "Husband is allergic to shellfish",
    ]},
    {"tenant": "tom.b_d10", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "vehicle", "Subaru Outback", ["car", "drives", "vehicle_model"], [
            "Drives a Subaru Outback",
            "Car is a 2019 Subaru Outback",
        ], {"value_aliases": ["subaru", "outback"]}),
        ("fact", "hobby", "rock climbing", ["hobbies", "sport", "pastime", "activity"], [
            "Enjoys rock climbing",
            "Goes bouldering at the climbing gym twice a week",
        ], {"value_aliases": ["climbing", "bouldering"]}),
        ("preference", "date_format", "YYYY-MM-DD", ["dates", "date", "format"], [
            "Prefers dates in YYYY-MM-DD format",
            "Wants ISO 8601 dates",
        ], {"value_aliases": ["yyyy mm dd", "iso", "8601"]}),
    ], "stale": [
        ("vehicle", "Honda Civic", [
            "Drives a Honda Civic",
            "Car is a Honda Civic",
        ]),
    ], "one_offs": [
        "Wife drives a Tesla Model 3",
        "Has a sore shoulder today",
    ]},
    {"tenant": "priya.s_d10", "style": "mem0", "language": "en", "items": [
        ("fact", "profession", "chemistry teacher", JOB, [
            "Is a high school chemistry teacher",
            "Teaches chemistry to teenagers",
        ], {"value_aliases": ["teacher", "teaches", "chemistry"]}),
        ("fact", "alcohol", "sober", ["drinking", "drinks", "diet", "sobriety"], [
            "Does not drink alcohol",
            "Is sober",
        ], {"value_aliases": ["sober", "alcohol", "not drink", "no alcohol"]}),
        ("preference", "tone", "casual", ["style", "register", "voice"], [
            "Prefers a casual, friendly tone",
            "Likes informal conversational replies",
        ], {"value_aliases": ["casual", "informal", "friendly", "conversational"]}),
    ], "one_offs": [
        "Husband teaches math",
        "Is grading exams this week",
    ]},
    {"tenant": "marco.d_d10", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "city", "San Jose", CITY, [
            "Lives in San Jose",
            "Home is in San Jose, California",
        ], {"value_aliases": ["san jose"]}),
        ("fact", "employer", "Cisco", EMPLOYER, [
            "Works at Cisco",
            "Started a new job at Cisco",
            "Employer is Cisco",
        ], {"value_aliases": ["cisco"]}),
        ("preference", "time_format", "24-hour", ["clock", "time", "format"], [
            "Prefers 24-hour time format",
            "Wants times written like 18:30 rather than 6:30 PM",
        ], {"value_aliases": ["24 hour", "24h", "18 30"]}),
    ], "stale": [
        ("city", "Chicago", [
            "Lives in Chicago",
            "Is based in Chicago",
        ]),
        ("employer", "Motorola", [
            "Works at Motorola",
            "Has been at Motorola for six years",
        ]),
    ], "one_offs": [
        "Father still lives in Chicago",
        "Is jet-lagged today",
    ]},
    {"tenant": "hana.y_d10", "style": "mem0", "language": "en", "items": [
        ("fact", "cat_name", "Miso", ["cat", "pet_name", "pet"], [
            "Has a cat named Miso",
            "Cat's name is Miso, not Mochi",
            "Miso is a grey tabby",
        ]),
        ("fact", "health", "type 1 diabetes", ["condition", "health_condition", "medical", "diabetes"], [
            "Has type 1 diabetes",
            "Manages blood sugar with an insulin pump",
        ], {"value_aliases": ["diabetes", "diabetic", "insulin"]}),
        ("preference", "answer_format", "summary first", FORMAT, [
            "Wants a summary at the top of answers",
            "Likes a TL;DR before the details",
        ], {"value_aliases": ["summary", "tl dr", "tldr"]}),
    ], "stale": [
        ("cat_name", "Mochi", [
            "Has a cat named Mochi",
            "Cat Mochi likes to sleep on the keyboard",
        ]),
    ], "one_offs": [
        "Neighbor's cat is named Tofu",
        "Has a headache today",
    ]},
    # ---------------------------------------------------------------- (b) first person: chatty, questions, corrections
    {"tenant": "sam.o_d10", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "electrician", JOB, [
            "I'm an electrician, mostly rewiring old houses, so my days are long and dusty.",
            "Spent the whole day pulling cable and swapping out fuse boxes again, the life of a sparky honestly.",
        ], {"value_aliases": ["electrician", "sparky", "rewiring", "fuse"]}),
        ("fact", "son_name", "Eli", ["son", "child", "kid"], [
            "My son Eli just turned five and he's obsessed with dinosaurs, any book suggestions?",
            "Eli (my boy) lost his first tooth last night!",
        ]),
        ("preference", "length", "short", LENGTH, [
            "Keep it short please, I read these on my phone between jobs.",
            "Honestly, can you stop with the giant essays? A couple of lines is plenty.",
        ], {"value_aliases": ["short", "brief", "couple of lines", "concise"]}),
        ("fact", "city", "Liverpool", CITY, [
            "We finally moved to Liverpool last month, boxes everywhere.",
            "Now that I'm living in Liverpool, where's a good Sunday roast nearby?",
        ]),
    ], "stale": [
        ("city", "Manchester", [
            "I live in Manchester, in a terraced house near the canal.",
            "Our place in Manchester has a damp problem again.",
        ]),
    ], "one_offs": [
        "My brother-in-law is a plumber, he'd laugh at this question.",
        "I'm knackered today.",
    ]},
    {"tenant": "lena.f_d10", "style": "first_person", "language": "en", "items": [
        ("fact", "allergy", "tree nuts", ["allergic_to", "allergies", "food_allergy"], [
            "What can I bake for a party? I'm allergic to tree nuts so nothing with almonds or walnuts.",
            "Any snack ideas that are safe for me? I react badly to cashews and pecans.",
        ], {"value_aliases": ["nut", "nuts", "almond", "cashew", "pecan", "walnut"]}),
        ("preference", "units", "metric", UNITS, [
            "Can you give me recipes in grams instead of cups? I use a kitchen scale.",
            "Please use metric measurements, cups and ounces confuse me.",
        ], {"value_aliases": ["metric", "grams", "gram"]}),
        ("preference", "language", "English", LANG + ["language"], [
            "You can switch to English now, my English is good enough.",
            "English answers from now on, please.",
        ], {"value_aliases": ["english"]}),
    ], "stale": [
        ("language", "German", [
            "Please answer in German, it's easier for me.",
            "Could you reply auf Deutsch? My English is still shaky.",
        ]),
    ], "one_offs": [
        "My roommate is allergic to shellfish.",
        "I'm baking for my niece's birthday this Saturday.",
    ]},
    {"tenant": "carlos.v_d10", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "pharmacist", JOB, [
            "I'm a pharmacist.",
            "My day is basically filling prescriptions and explaining side effects to people at the counter.",
        ], {"value_aliases": ["pharmacist", "prescription", "pharmacy"]}),
        ("fact", "hobby", "bass guitar", ["hobbies", "instrument", "music", "band"], [
            "I play bass in a weekend cover band.",
            "Band practice tonight, I need to restring my bass first.",
        ], {"value_aliases": ["bass", "band"]}),
        ("preference", "answer_format", "bullet points", FORMAT, [
            "Could you answer in bullet points? Paragraphs are hard to skim.",
            "I like lists way more than walls of text.",
        ], {"value_aliases": ["bullet", "list", "lists"]}),
    ], "one_offs": [
        "My cousin is a pharmacist too, out in Phoenix.",
        "Stuck in traffic on the 405 right now.",
    ]},
    {"tenant": "yuki.t_d10", "style": "first_person", "language": "en", "items": [
        ("preference", "address", "Yuki", ADDRESS, [
            "Please call me Yuki, not Ms. Tanaka.",
            "You can drop the formal stuff and just use my first name.",
        ], {"value_aliases": ["yuki", "first name"]}),
        ("fact", "school", "UCLA", ["university", "college", "studies", "education"], [
            "I transferred and I'm now a second-year student at UCLA.",
            "Finals at UCLA are brutal this quarter.",
        ], {"value_aliases": ["ucla"]}),
        ("fact", "diet", "vegan", ["dietary", "food", "diet_type"], [
            "I'm vegan.",
            "Plant-based for three years now, so please no recipes with cheese or eggs.",
        ], {"value_aliases": ["vegan", "plant based"]}),
    ], "stale": [
        ("school", "Santa Monica College", [
            "I'm taking classes at Santa Monica College.",
            "Santa Monica College parking is a nightmare.",
        ]),
    ], "one_offs": [
        "My sister goes to Stanford.",
        "I have a midterm tomorrow morning.",
    ]},
    # ---------------------------------------------------------------- (c) named third person (an assistant's notes)
    {"tenant": "noah.g_d10", "style": "third_person", "language": "en", "items": [
        ("fact", "profession", "firefighter", JOB, [
            "Noah is a firefighter.",
            "Noah works 24-hour shifts at the fire station.",
        ], {"value_aliases": ["firefighter", "fire station"]}),
        ("fact", "dog_name", "Ranger", ["dog", "pet_name", "pet"], [
            "Noah has a German shepherd called Ranger.",
            "Noah's dog Ranger needs a long run every morning.",
        ]),
        ("preference", "style", "plain language", ["tone", "jargon", "register", "wording"], [
            "Noah wants answers in plain language, no jargon.",
            "Noah dislikes technical terms; explain things simply for him.",
        ], {"value_aliases": ["plain", "simple", "jargon", "simply"]}),
    ], "one_offs": [
        "Noah's neighbour has a dog named Bruno.",
        "Noah is visiting his parents in Tulsa this weekend.",
    ]},
    {"tenant": "olivia.p_d10", "style": "third_person", "language": "en", "items": [
        ("fact", "city", "Denver", CITY, [
            "Olivia moved to Denver in the spring.",
            "Olivia now lives in Denver.",
            "Olivia likes hiking close to her home in Denver.",
        ]),
        ("fact", "employer", "Spotify", EMPLOYER, [
            "Olivia works for Spotify.",
            "Olivia is on the podcast team at Spotify.",
        ], {"value_aliases": ["spotify"]}),
        ("preference", "answer_format", "table", FORMAT, [
            "Olivia prefers tables when comparing options.",
            "Olivia asked for comparisons laid out side by side in a grid with columns.",
        ], {"value_aliases": ["table", "tables", "grid", "columns"]}),
    ], "stale": [
        ("city", "Austin", [
            "Olivia lives in Austin.",
            "Olivia's apartment in Austin is near Zilker Park.",
        ]),
    ], "one_offs": [
        "Olivia's friend Jess lives in Denver too.",
        "Olivia is in Chicago this week for a work trip.",
    ]},
    {"tenant": "ben.a_d10", "style": "third_person", "language": "en", "items": [
        ("fact", "health", "asthma", ["condition", "health_condition", "medical"], [
            "Ben has asthma.",
            "Ben carries an inhaler and avoids running in cold air.",
        ], {"value_aliases": ["asthma", "inhaler"]}),
        ("fact", "wife_name", "Clara", ["wife", "spouse", "partner"], [
            "Ben's wife is named Clara.",
            "Ben and Clara, his wife, celebrate their anniversary in June.",
        ]),
        ("preference", "units", "Fahrenheit", UNITS, [
            "Ben wants temperatures in Fahrenheit.",
            "Ben finds Celsius confusing and asks for degrees F.",
        ], {"value_aliases": ["fahrenheit", "degrees f"]}),
    ], "one_offs": [
        "Ben's son has a peanut allergy.",
        "Ben skipped breakfast today.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." / "The user ..."
    {"tenant": "usr_0417_d10", "style": "user", "language": "en", "items": [
        ("fact", "profession", "veterinarian", JOB, [
            "User is a veterinarian.",
            "The user treats sick cats and dogs at an animal clinic.",
        ], {"value_aliases": ["vet", "veterinarian", "animal clinic"]}),
        ("fact", "parrot_name", "Kiwi", ["parrot", "pet_name", "pet", "bird"], [
            "User owns a parrot named Kiwi.",
            "The user's parrot, Kiwi, can whistle the Star Wars theme.",
        ]),
        ("preference", "language", "Spanish", LANG + ["language"], [
            "User prefers answers in Spanish.",
            "The user asks to be replied to in Spanish from now on.",
        ], {"value_aliases": ["spanish", "espanol"]}),
    ], "stale": [
        ("language", "English", [
            "User prefers answers in English.",
            "The user wants English replies.",
        ]),
    ], "one_offs": [
        "User's colleague owns a parrot called Mango.",
        "User is on call this weekend.",
    ]},
    {"tenant": "usr_8830_d10", "style": "user", "language": "en", "items": [
        ("fact", "city", "Toronto", CITY, [
            "User lives in Toronto.",
            "The user's home is in Toronto.",
        ]),
        ("fact", "vehicle", "Ford F-150", ["car", "truck", "drives"], [
            "User drives a Ford F-150.",
            "The user's truck is a Ford F-150.",
        ], {"value_aliases": ["f 150", "f150", "ford"]}),
        ("preference", "style", "direct", ["tone", "small_talk", "register", "length"], [
            "User wants responses without small talk.",
            "The user prefers answers that get straight to the point.",
        ], {"value_aliases": ["direct", "straight to the point", "small talk", "to the point"]}),
    ], "stale": [
        ("city", "Ottawa", [
            "User lives in Ottawa.",
            "The user rents a place in Ottawa.",
        ]),
    ], "one_offs": [
        "User's brother lives in Vancouver.",
        "User is snowed in today.",
    ]},
    {"tenant": "usr_2291_d10", "style": "user", "language": "en", "items": [
        ("fact", "profession", "graphic designer", JOB, [
            "User now works as a graphic designer.",
            "The user designs logos and brand identities for clients.",
        ], {"value_aliases": ["designer", "design", "logo"]}),
        ("fact", "health", "celiac disease", ["condition", "health_condition", "diet", "gluten", "intolerance"], [
            "User has celiac disease.",
            "The user cannot eat gluten.",
        ], {"value_aliases": ["celiac", "coeliac", "gluten"]}),
        ("preference", "code_language", "Python", CODE, [
            "User prefers Python for code examples.",
            "The user wants scripts written in Python.",
        ], {"value_aliases": ["python"]}),
    ], "stale": [
        ("profession", "barista", [
            "User works as a barista.",
            "The user makes coffee at a cafe downtown.",
        ]),
    ], "one_offs": [
        "User's partner is a barista.",
        "User has a job interview tomorrow.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, abbreviations
    {"tenant": "kev_77_d10", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "profession", "truck driver", JOB, [
            "im a truck driver",
            "drivin long haul again, 3 days on the road",
        ], {"value_aliases": ["truck", "trucker", "haul", "driver"]}),
        ("fact", "dog_name", "Duke", ["dog", "pet_name", "pet"], [
            "got a lab named duke",
            "duke (my dog) ate my sock lmao",
        ]),
        ("preference", "length", "short", LENGTH, [
            "pls no long answers",
            "keep it short bro",
        ], {"value_aliases": ["short", "no long", "brief"]}),
    ], "one_offs": [
        "my buddys dog is named bear",
        "so tired 2day",
    ]},
    {"tenant": "jess_b_d10", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "Brooklyn", CITY, [
            "moved to brooklyn in june",
            "i live in brooklyn now",
            "brooklyn rent is insane",
        ]),
        ("fact", "intolerance", "lactose", ["allergy", "diet", "health", "dairy"], [
            "im lactose intolerant",
            "milk messes up my stomach every time",
        ], {"value_aliases": ["lactose", "milk", "dairy"]}),
        ("preference", "units", "Celsius", UNITS, [
            "can u use celsius",
            "temps in celcius pls not F",
        ], {"value_aliases": ["celsius", "celcius"]}),
    ], "stale": [
        ("city", "Philadelphia", [
            "livin in philly",
            "my philly apt is so small",
        ]),
    ], "one_offs": [
        "my mom lives in queens",
        "at the dentist rn ugh",
    ]},
    {"tenant": "raj_p_d10", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "employer", "Deloitte", EMPLOYER, [
            "work at deloitte now",
            "deloitte audit season is killing me",
        ], {"value_aliases": ["deloitte"]}),
        ("fact", "hobby", "cricket", ["hobbies", "sport", "pastime"], [
            "play cricket on sundays",
            "match this sunday, im batting 3rd",
        ], {"value_aliases": ["cricket", "batting"]}),
        ("preference", "code_language", "JavaScript", CODE, [
            "pls write code in javascript",
            "js examples pls",
        ], {"value_aliases": ["javascript", "js"]}),
    ], "stale": [
        ("employer", "KPMG", [
            "i work at kpmg",
            "kpmg lol another late nite",
        ]),
    ], "one_offs": [
        "my wife works at ey",
        "forgot my laptop charger",
    ]},
    # ---------------------------------------------------------------- (f) non-English, colloquial, one language each
    {"tenant": "manon.b_d10", "style": "non_english", "language": "fr", "items": [
        ("fact", "profession", "boulangère", JOB, [
            "Je suis boulangère.",
            "Je me lève à 4h pour faire le pain au fournil.",
        ], {"value_aliases": ["boulang", "baker", "pain", "fournil"]}),
        ("fact", "city", "Bordeaux", CITY, [
            "Je vis à Bordeaux maintenant.",
            "Depuis que je suis à Bordeaux, je fais tout en vélo.",
        ]),
        ("preference", "address", "tu", ADDRESS, [
            "Tutoie-moi stp.",
            "Pas besoin de me vouvoyer, hein.",
        ], {"value_aliases": ["tu", "tutoie", "tutoiement", "informal", "vouvoyer"]}),
    ], "stale": [
        ("city", "Lille", [
            "J'habite à Lille.",
            "Mon appart à Lille est minuscule.",
        ]),
    ], "one_offs": [
        "Ma sœur habite à Bordeaux aussi.",
        "Je suis crevée aujourd'hui.",
    ]},
    {"tenant": "diego.r_d10", "style": "non_english", "language": "es", "items": [
        ("fact", "profession", "mecánico", JOB, [
            "Trabajo de mecánico en un taller.",
            "Me paso el día arreglando motores y cambiando frenos.",
        ], {"value_aliases": ["mecanico", "mechanic", "taller", "motores"]}),
        ("fact", "dog_name", "Luna", ["dog", "pet_name", "pet", "perra"], [
            "Tengo una perrita que se llama Luna.",
            "Luna, mi perra, odia los petardos.",
        ]),
        ("preference", "language", "español", LANG, [
            "Respóndeme en español, porfa.",
            "Prefiero que me contestes en castellano.",
        ], {"value_aliases": ["spanish", "espanol", "castellano"]}),
    ], "one_offs": [
        "Mi primo también es mecánico.",
        "Hoy hace un calor horrible.",
    ]},
    {"tenant": "katrin.s_d10", "style": "non_english", "language": "de", "items": [
        ("fact", "diet", "vegetarisch", ["dietary", "food", "vegetarian"], [
            "Ich bin Vegetarierin.",
            "Fleisch esse ich seit Jahren nicht mehr.",
        ], {"value_aliases": ["vegetar", "fleisch"]}),
        ("preference", "length", "kurz", LENGTH, [
            "Antworte bitte kurz und knapp.",
            "Lange Texte lese ich eh nicht, also fass dich kurz.",
        ], {"value_aliases": ["kurz", "knapp", "short"]}),
        ("fact", "employer", "Bosch", EMPLOYER, [
            "Ich hab zu Bosch gewechselt.",
            "Bei Bosch sind die Kollegen echt nett.",
        ], {"value_aliases": ["bosch"]}),
    ], "stale": [
        ("employer", "Siemens", [
            "Ich arbeite bei Siemens.",
            "Bei Siemens ist gerade die Hölle los.",
        ]),
    ], "one_offs": [
        "Mein Mann fährt einen Audi.",
        "Heute ist mir der Kaffee ausgegangen.",
    ]},
    {"tenant": "bia.c_d10", "style": "non_english", "language": "pt", "items": [
        ("fact", "city", "Curitiba", CITY, [
            "Moro em Curitiba.",
            "Aqui em Curitiba tá um frio danado.",
        ]),
        ("fact", "profession", "dentista", JOB, [
            "Sou dentista.",
            "Passo o dia tratando cárie e fazendo limpeza nos pacientes.",
        ], {"value_aliases": ["dentista", "dentist", "carie"]}),
        ("preference", "language", "português", LANG, [
            "Me responde em português, por favor.",
            "Prefiro as respostas em português, valeu.",
        ], {"value_aliases": ["portuguese", "portugues"]}),
    ], "one_offs": [
        "Minha irmã mora em Recife.",
        "Hoje tô morrendo de sono.",
    ]},
]
