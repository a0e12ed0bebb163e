"""SIXTH DEV split (dev6) of the consolidation corpus: written from the style descriptions alone after dev/ to dev5/
had been tuned against, committed before anyone measured it. New names, attributes and wordings: paraphrases sharing
few content words (a job title and what the person does all day, "Is vegan" / "Doesn't eat anything from animals"),
a preference once as a request and once as a complaint, facts stated in passing inside another remark, a career or
a move as the stale/new pair, preferences beyond language and length (code language, emoji, units, date and time
formats, time zone, tone, form of address, topics to avoid, answer order), Arabic, Hindi (Devanagari), Thai,
Ukrainian, Romanian and Catalan tenants, one-off remarks about someone else's attribute of the same type and
transient remarks.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "k.lindqvist_d6", "style": "mem0", "language": "en", "items": [
        ("fact", "cat_name", "Saffron", ["cat", "pet_name", "pet"], [
            "Has a ginger cat named Saffron",
            "Saffron the cat knocked a mug off the desk during a video call",
            "Feeds the cat, Saffron, wet food twice a day",
        ]),
        ("fact", "profession", "structural engineer", ["job", "occupation", "work"], [
            "Is a structural engineer",
            "Checks load calculations for bridges and office towers for a living",
        ], {"value_aliases": ["structural", "engineer"]}),
        ("preference", "code_language", "Rust", ["programming_language", "code", "language"], [
            "Wants code examples in Rust",
            "Has moved on from Go; sample code should be Rust now",
            "Gets frustrated when snippets come back in JavaScript instead of Rust",
        ], {"value_aliases": ["rust"]}),
    ], "stale": [
        ("code_language", "Go", [
            "Wants code examples in Go",
            "Prefers Go for sample code",
        ]),
    ], "one_offs": [
        "Flatmate has a cat named Dumpling",
        "Has a dentist appointment at 3pm",
    ]},
    {"tenant": "acct-40821_d6", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "hometown", "Cork", ["grew_up_in", "origin", "from", "birthplace"], [
            "Grew up in Cork",
            "Originally from Cork, left for college at eighteen",
            "Spent childhood summers swimming off the quays in Cork",
        ]),
        ("fact", "vehicle", "Mazda MX-5", ["drives", "car", "car_model"], [
            "Drives a Mazda MX-5",
            "Takes the MX-5 out with the roof down on sunny weekends",
        ], {"value_aliases": ["mx 5", "mx5", "miata"]}),
        ("preference", "emoji", "no emoji", ["emojis", "style", "tone"], [
            "Does not want emojis in replies",
            "Finds smiley faces in answers unprofessional",
        ], {"value_aliases": ["emoji", "smiley"]}),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "Wants recipes in cups and ounces",
            "Prefers imperial measurements; grams mean nothing in the kitchen",
        ], {"value_aliases": ["imperial", "ounce", "cups", "pound"]}),
    ], "stale": [
        ("vehicle", "Ford Fiesta", [
            "Drives a Ford Fiesta",
            "Fiesta needs new tyres before winter",
        ]),
    ], "one_offs": [
        "Partner drives a Volvo estate",
        "Wants a gift idea for a colleague's leaving party",
    ]},
    {"tenant": "m.oduya_d6", "style": "mem0", "language": "en", "items": [
        ("fact", "allergy", "penicillin", ["allergic_to", "allergies", "drug_allergy"], [
            "Allergic to penicillin",
            "Gets a rash from penicillin-type antibiotics like amoxicillin",
            "Reminds doctors about the penicillin allergy at every appointment",
        ], {"value_aliases": ["penicillin", "amoxicillin"]}),
        ("fact", "daughter_name", "Adaeze", ["daughter", "child", "kid"], [
            "Daughter is named Adaeze",
            "Helping Adaeze with her spelling homework most evenings",
            "Adaeze, the youngest, started primary school in September",
        ]),
        ("preference", "length", "three sentences", ["answer_length", "brevity", "max_sentences"], [
            "Wants every reply kept to three sentences at most",
            "Complains when answers ramble; a few sentences is plenty",
        ], {"value_aliases": ["three", "3", "few sentences"]}),
    ], "one_offs": [
        "Nephew is allergic to eggs",
        "Looking for a plumber this week",
    ]},
    {"tenant": "tenant_5e07_d6", "style": "mem0", "language": "en", "items": [
        ("fact", "employer", "Siemens Healthineers", ["works_at", "company", "workplace", "job", "work"], [
            "Works at Siemens Healthineers",
            "Joined Healthineers as a service technician for MRI scanners",
            "Most colleagues at Siemens Healthineers sit in Erlangen",
        ], {"value_aliases": ["healthineers", "siemens"]}),
        ("fact", "hobby", "bouldering", ["sport", "climbing", "pastime"], [
            "Goes bouldering twice a week",
            "Climbs at an indoor wall on Tuesday and Thursday evenings",
        ], {"value_aliases": ["boulder", "climb"]}),
        ("preference", "tone", "formal", ["style", "register", "formality"], [
            "Prefers a formal tone",
            "Dislikes slang and chummy phrasing in answers",
            "Wants business-like wording without any 'hey there'",
        ], {"value_aliases": ["formal", "business", "professional", "slang"]}),
    ], "stale": [
        ("employer", "Philips", [
            "Works at Philips",
            "Employed by Philips in Hamburg",
        ]),
    ], "one_offs": [
        "Flatmate works at Bosch",
        "Forgot an umbrella and got soaked",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "noor.h_d6", "style": "first_person", "language": "en", "items": [
        ("fact", "city", "Glasgow", ["lives_in", "home_city", "residence", "location"], [
            "I live in Glasgow now.",
            "Rain again here in Glasgow, what a surprise.",
            "Since the move to Glasgow I take the subway everywhere.",
        ]),
        ("fact", "sister_name", "Layla", ["sister", "sibling", "relative"], [
            "My sister is called Layla.",
            "Layla, my little sister, is staying with me this weekend.",
        ]),
        ("preference", "avoid_topic", "weight loss", ["avoid", "topics", "dieting"], [
            "Please don't bring up dieting or weight loss.",
            "It upsets me when you suggest counting calories.",
        ], {"value_aliases": ["weight", "diet", "calorie"]}),
    ], "stale": [
        ("city", "Edinburgh", [
            "I live in Edinburgh.",
            "My flat in Edinburgh is tiny but cosy.",
        ]),
    ], "one_offs": [
        "My friend lives in Aberdeen.",
        "What's a good film for tonight?",
    ]},
    {"tenant": "tomasz.w_d6", "style": "first_person", "language": "en", "items": [
        ("fact", "instrument", "cello", ["plays", "music", "hobby"], [
            "I play the cello.",
            "Orchestra rehearsal tonight, I still need to rosin my cello bow.",
            "I've been a cellist since I was eight.",
        ], {"value_aliases": ["cello", "cellist"]}),
        ("fact", "employer", "Revolut", ["works_at", "company", "workplace", "job", "work"], [
            "I work at Revolut.",
            "My team at Revolut handles card fraud alerts.",
        ]),
        ("preference", "date_format", "DD.MM.YYYY", ["dates", "format"], [
            "Give me dates as DD.MM.YYYY.",
            "Dates with dots please, day first, like 05.11.2026.",
            "Month-first dates confuse me every single time.",
        ], {"value_aliases": ["dd mm yyyy", "day first"]}),
    ], "one_offs": [
        "My dad played the accordion.",
        "I have a cold today.",
    ]},
    {"tenant": "claire.d_d6", "style": "first_person", "language": "en", "items": [
        ("fact", "diet", "vegan", ["eats", "food", "dietary"], [
            "I'm vegan.",
            "I don't eat anything that comes from animals, no dairy or eggs either.",
            "Been plant-based for six years now.",
        ], {"value_aliases": ["vegan", "plant based"]}),
        ("fact", "son_age", "12", ["son", "child", "age", "kid"], [
            "My son is twelve.",
            "Rory turned 12 last month and wants a phone now.",
        ], {"value_aliases": ["twelve"]}),
        ("preference", "address_as", "CJ", ["name", "call_me", "form_of_address", "nickname"], [
            "Call me CJ, not Claire.",
            "I go by CJ everywhere.",
        ]),
        ("preference", "answer_format", "paragraphs", ["format", "structure", "prose"], [
            "Write in paragraphs, no bullet lists.",
            "I can't stand answers chopped up into bullet points.",
        ], {"value_aliases": ["paragraph", "prose", "no bullet"]}),
    ], "stale": [
        ("son_age", "11", [
            "My son is eleven.",
            "Rory's 11, so he's in his last year of primary.",
        ]),
    ], "one_offs": [
        "My friend's daughter is 14.",
        "Stuck in traffic on the ring road.",
    ]},
    {"tenant": "arjun.p_d6", "style": "first_person", "language": "en", "items": [
        ("fact", "university", "Imperial College", ["studied_at", "school", "college", "education", "alma_mater"], [
            "I studied at Imperial College.",
            "Back when I was at Imperial we lived on instant noodles.",
        ], {"value_aliases": ["imperial"]}),
        ("fact", "languages_spoken", "Tamil", ["languages", "speaks", "mother_tongue", "native_language"], [
            "I speak Tamil at home.",
            "Tamil is my mother tongue.",
        ], {"value_aliases": ["tamil"]}),
        ("preference", "timezone", "IST", ["time_zone", "times", "zone"], [
            "Please give times in Indian Standard Time.",
            "I'm on IST, so convert meeting times for me.",
            "Stop showing me times in UTC, I'm in Bangalore.",
        ], {"value_aliases": ["ist", "indian", "india", "bangalore", "kolkata"]}),
        ("preference", "code_language", "TypeScript", ["programming_language", "code", "language"], [
            "Code samples in TypeScript please.",
            "Why do you keep giving me Python? I write TypeScript.",
        ], {"value_aliases": ["typescript", "ts"]}),
    ], "one_offs": [
        "My wife speaks Marathi.",
        "I need to renew my passport next month.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "hannah.b_d6", "style": "third_person", "language": "en", "items": [
        ("fact", "horse_name", "Juniper", ["horse", "mare", "pet_name", "pet"], [
            "Hannah has a horse called Juniper.",
            "Hannah rides Juniper, her mare, every morning before work.",
            "Hannah's mare Juniper threw a shoe.",
        ]),
        ("fact", "profession", "midwife", ["job", "occupation", "work"], [
            "Hannah is a midwife.",
            "Hannah delivers babies at the county hospital.",
        ], {"value_aliases": ["midwife", "deliver", "babies"]}),
        ("preference", "length", "one paragraph", ["answer_length", "brevity"], [
            "Hannah wants replies no longer than one paragraph.",
            "Hannah says multi-paragraph answers waste her time.",
        ], {"value_aliases": ["paragraph"]}),
    ], "stale": [
        ("profession", "paramedic", [
            "Hannah is a paramedic.",
            "Hannah works on an ambulance crew.",
        ]),
    ], "one_offs": [
        "Hannah's niece has a pony called Pebble.",
        "Hannah is stuck at a level crossing.",
    ]},
    {"tenant": "kofi.a_d6", "style": "third_person", "language": "en", "items": [
        ("fact", "favourite_team", "Arsenal", ["team", "supports", "football", "club"], [
            "Kofi supports Arsenal.",
            "Kofi watches every Gunners match at the pub.",
            "Kofi has held an Arsenal season ticket for years.",
        ], {"value_aliases": ["arsenal", "gunners"]}),
        ("fact", "hometown", "Kumasi", ["grew_up_in", "origin", "from", "birthplace"], [
            "Kofi grew up in Kumasi.",
            "Kofi is originally from Kumasi in Ghana.",
        ]),
        ("preference", "units", "miles", ["measurement_units", "distance", "measurements"], [
            "Kofi wants distances in miles.",
            "Kofi gets confused by kilometres and asks for everything in miles.",
        ], {"value_aliases": ["mile", "imperial"]}),
    ], "one_offs": [
        "Kofi's brother supports Chelsea.",
        "Kofi asked what time the shops close on Sunday.",
    ]},
    {"tenant": "ingrid.s_d6", "style": "third_person", "language": "en", "items": [
        ("fact", "dog_name", "Baloo", ["dog", "pet_name", "pet"], [
            "Ingrid's dog is called Baloo.",
            "Ingrid takes Baloo, her Bernese mountain dog, hiking in the hills.",
        ]),
        ("fact", "city", "Bergen", ["lives_in", "home_city", "residence", "location"], [
            "Ingrid lives in Bergen.",
            "Ingrid bought an apartment in Bergen near the fish market.",
            "Ingrid says it has rained forty days straight in Bergen.",
        ]),
        ("preference", "language", "Norwegian", ["answer_language", "reply_language"], [
            "Ingrid wants answers in Norwegian.",
            "Ingrid asks for replies på norsk.",
        ], {"value_aliases": ["norwegian", "norsk"]}),
    ], "stale": [
        ("city", "Stavanger", [
            "Ingrid lives in Stavanger.",
            "Ingrid's home is in Stavanger.",
        ]),
    ], "one_offs": [
        "Ingrid's neighbour's dog is called Rocky.",
        "Ingrid is off sick today.",
    ]},
    {"tenant": "rafael.m_d6", "style": "third_person", "language": "en", "items": [
        ("fact", "vehicle", "Ducati Monster", ["motorbike", "motorcycle", "rides", "drives"], [
            "Rafael rides a Ducati Monster.",
            "Rafael spent Sunday polishing his Ducati.",
        ], {"value_aliases": ["ducati", "monster"]}),
        ("fact", "birthday", "4 March", ["born_on", "birth_date", "dob", "date_of_birth"], [
            "Rafael's birthday is on 4 March.",
            "Rafael was born on the fourth of March.",
        ], {"value_aliases": ["march", "4 3", "mar 4"]}),
        ("fact", "profession", "sous-chef", ["job", "occupation", "work"], [
            "Rafael is a sous-chef.",
            "Rafael runs the kitchen line at a tapas restaurant whenever the head chef is out.",
            "Rafael is second in command in a restaurant kitchen.",
        ], {"value_aliases": ["sous chef", "chef", "kitchen"]}),
        ("preference", "emoji", "with emoji", ["emojis", "style", "tone"], [
            "Rafael likes emoji in replies.",
            "Rafael finds answers without a single emoji too dry.",
        ], {"value_aliases": ["emoji"]}),
    ], "one_offs": [
        "Rafael's cousin rides a Harley.",
        "Rafael needs a paella recipe for tonight.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." forms
    {"tenant": "usr_71142_d6", "style": "user", "language": "en", "items": [
        ("fact", "profession", "electrician", ["job", "occupation", "work", "trade"], [
            "User is an electrician.",
            "The user rewires old houses and fits fuse boxes for a living.",
            "User qualified as an electrician after retraining.",
        ], {"value_aliases": ["electric", "rewir"]}),
        ("fact", "parrot_name", "Kiwi", ["parrot", "bird", "pet_name", "pet"], [
            "User has a parrot named Kiwi.",
            "The user's African grey, Kiwi, can say hello in three languages.",
        ]),
        ("preference", "answer_format", "code blocks", ["format", "commands", "structure"], [
            "User wants commands in code blocks.",
            "The user asks that shell commands go in fenced blocks so they can be copied.",
        ], {"value_aliases": ["code block", "fenced"]}),
    ], "stale": [
        ("profession", "plumber", [
            "User is a plumber.",
            "The user fixes leaks and boilers all day.",
        ]),
    ], "one_offs": [
        "User's sister has a parrot called Sunny.",
        "The user asked about the weather in Lisbon.",
    ]},
    {"tenant": "client-8813_d6", "style": "user", "language": "en", "items": [
        ("fact", "city", "Porto", ["lives_in", "home_city", "residence", "location"], [
            "User lives in Porto.",
            "The user's apartment is in Porto, a few streets from the river.",
        ]),
        ("fact", "diet", "gluten-free", ["eats", "food", "dietary"], [
            "User follows a gluten-free diet.",
            "The user has coeliac disease and cannot eat wheat.",
        ], {"value_aliases": ["gluten", "coeliac", "celiac", "wheat"]}),
        ("preference", "answer_order", "answer first", ["opening", "structure", "format", "order"], [
            "User wants the answer first and the explanation after.",
            "The user dislikes long build-ups before the actual answer.",
            "User asks for the bottom line up front.",
        ], {"value_aliases": ["answer first", "bottom line", "up front", "build up"]}),
    ], "stale": [
        ("city", "Coimbra", [
            "User lives in Coimbra.",
            "The user is based in Coimbra.",
        ]),
    ], "one_offs": [
        "User's boss lives in Lisbon.",
        "The user is waiting for a parcel.",
    ]},
    {"tenant": "user-3097_d6", "style": "user", "language": "en", "items": [
        ("fact", "father_name", "Henrik", ["father", "dad", "parent", "relative"], [
            "User's father is named Henrik.",
            "Henrik, the user's dad, turns seventy this year.",
        ]),
        ("fact", "sport", "rowing", ["hobby", "exercise", "rows"], [
            "User rows.",
            "The user trains on the river with a rowing club at dawn.",
            "User competes in a coxless four.",
        ], {"value_aliases": ["rowing", "rower", "coxless"]}),
        ("preference", "address_as", "Ms. Dahl", ["name", "call_me", "form_of_address", "title", "address"], [
            "User wants to be addressed as Ms. Dahl.",
            "The user prefers her surname with a title rather than her first name.",
        ], {"value_aliases": ["dahl", "surname"]}),
        ("preference", "time_format", "12-hour", ["clock", "time", "format", "hours"], [
            "User prefers times with AM and PM.",
            "The user finds 24-hour times like 17:00 hard to read.",
        ], {"value_aliases": ["12 hour", "am pm", "a m"]}),
    ], "one_offs": [
        "User's mother-in-law is named Greta.",
        "The user has a job interview tomorrow.",
    ]},
    {"tenant": "u.castillo_d6", "style": "user", "language": "en", "items": [
        ("fact", "employer", "Mercado Libre", ["works_at", "company", "workplace", "job", "work"], [
            "User works at Mercado Libre.",
            "The user is a product manager at Mercado Libre.",
        ], {"value_aliases": ["mercado libre", "mercadolibre"]}),
        ("fact", "children_count", "3", ["children", "kids", "daughters", "child"], [
            "User has three daughters.",
            "The user's three girls all go to the same school.",
        ], {"value_aliases": ["three"]}),
        ("preference", "language", "Spanish", ["answer_language", "reply_language"], [
            "User wants responses in Spanish.",
            "The user asks for replies en español.",
        ], {"value_aliases": ["spanish", "espanol", "castellano"]}),
    ], "stale": [
        ("employer", "Globant", [
            "User works at Globant.",
            "The user's employer is Globant.",
        ]),
    ], "one_offs": [
        "User's husband works at a bank.",
        "The user asked how to convert pesos to dollars.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "jaxx_r_d6", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "gecko_name", "ziggy", ["gecko", "lizard", "pet_name", "pet"], [
            "i have a leopard gecko named ziggy",
            "ziggy shed his skin again lol",
            "gotta buy crickets 4 ziggy tmrw, my gecko eats like a king",
        ]),
        ("fact", "profession", "barista", ["job", "occupation", "work"], [
            "im a barista now",
            "made like 300 lattes at work today im dead",
            "pulling espresso shots at the coffe shop all day",
        ], {"value_aliases": ["barista", "coffee", "coffe", "latte", "espresso"]}),
        ("preference", "tone", "blunt", ["style", "register", "directness"], [
            "just be blunt w me",
            "stop sugarcoating everything lol",
        ], {"value_aliases": ["blunt", "direct", "sugarcoat"]}),
    ], "stale": [
        ("profession", "cashier", [
            "im a cashier at tesco",
            "still doin cashier shifts ugh",
        ]),
    ], "one_offs": [
        "my roomate has a snake called noodle",
        "ugh wifi is down again",
    ]},
    {"tenant": "kay_l99_d6", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "melbourne", ["lives_in", "home_city", "residence", "location"], [
            "livin in melbourne now",
            "melb weather is all over the place today",
            "got a myki for the trams since im in melbourne",
        ], {"value_aliases": ["melbourne", "melb"]}),
        ("fact", "birthday", "december 19", ["born_on", "birth_date", "dob", "date_of_birth"], [
            "my bday's dec 19",
            "turnin 25 on the 19th of december, so close to xmas ugh",
        ], {"value_aliases": ["december", "dec 19", "19 dec", "19th"]}),
        ("preference", "length", "50 words", ["answer_length", "word_limit", "brevity", "max_words"], [
            "max 50 words pls",
            "dont send me essays, like 50 wrds tops",
        ], {"value_aliases": ["50", "fifty"]}),
    ], "stale": [
        ("city", "perth", [
            "i live in perth",
            "perth is soooo quiet",
        ]),
    ], "one_offs": [
        "my bf's bday is in may",
        "lol i burnt my toast",
    ]},
    {"tenant": "dev_0ps_d6", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "allergy", "bee stings", ["allergic_to", "allergies"], [
            "im alergic to bee stings",
            "always carry an epipen cuz of bees",
        ], {"value_aliases": ["bee sting", "bees", "epipen"]}),
        ("fact", "hobby", "mountain biking", ["sport", "cycling", "pastime", "mtb"], [
            "i do mountain biking on wknds",
            "hit the mtb trails again, broke my derailleur",
            "shredded some singletrack on the bike sat morning",
        ], {"value_aliases": ["mountain bik", "mtb", "trail", "singletrack"]}),
        ("preference", "code_language", "bash", ["programming_language", "code", "scripts", "shell"], [
            "switched to linux, gimme bash scripts now",
            "only shell scripts pls, no more powershell",
        ], {"value_aliases": ["bash", "shell"]}),
    ], "stale": [
        ("code_language", "powershell", [
            "write my scripts in powershell pls",
            "use powershell 4 examples",
        ]),
    ], "one_offs": [
        "teammate cant eat nuts, hes super alergic",
        "deploy failed again ffs",
    ]},
    {"tenant": "mia.t_d6", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "studies", "architecture", ["degree", "major", "field", "education"], [
            "im studyin architecture",
            "pulled an all nighter on my archi model again",
            "3rd yr of archi school is killin me",
        ], {"value_aliases": ["architect", "archi"]}),
        ("fact", "brother_name", "leo", ["brother", "sibling", "relative"], [
            "my bro leo is 16",
            "leo (my lil bro) took my charger AGAIN",
        ]),
        ("preference", "complexity", "simple", ["tone", "style", "level", "register"], [
            "explain stuff simple pls no big words",
            "ur explanations r way too technical, dumb it down",
        ], {"value_aliases": ["simple", "plain", "dumb it down", "big words", "technical"]}),
    ], "one_offs": [
        "my friend studies medicine",
        "its raining sooo hard rn",
    ]},
    # ---------------------------------------------------------------- (f) non-English
    {"tenant": "layla.m_d6", "style": "non_english", "language": "ar", "items": [
        ("preference", "language", "العربية", ["answer_language", "reply_language"], [
            "أجبني باللغة العربية من فضلك.",
            "أفضّل أن تكون الردود بالعربية.",
        ], {"value_aliases": ["arabic", "عربي", "عربية"]}),
        ("fact", "city", "عمّان", ["lives_in", "home_city", "residence", "location"], [
            "أعيش في عمّان.",
            "بيتي في جبل عمّان قريب من الدوار الأول.",
        ], {"value_aliases": ["amman", "عمان"]}),
        ("fact", "profession", "مهندسة برمجيات", ["job", "occupation", "work"], [
            "أنا مهندسة برمجيات.",
            "أكتب الكود طوال اليوم في شركة ناشئة.",
        ], {"value_aliases": ["software", "مهندس", "برمج"]}),
    ], "stale": [
        ("city", "إربد", [
            "أسكن في إربد.",
            "ما زلت في إربد حالياً.",
        ]),
    ], "one_offs": [
        "أختي تعيش في دبي.",
        "الجو حار جداً اليوم.",
    ]},
    {"tenant": "ravi.s_d6", "style": "non_english", "language": "hi", "items": [
        ("fact", "hometown", "लखनऊ", ["grew_up_in", "origin", "from", "birthplace"], [
            "मैं लखनऊ से हूँ।",
            "मेरा बचपन लखनऊ की गलियों में बीता।",
        ], {"value_aliases": ["lucknow"]}),
        ("fact", "daughter_name", "अनन्या", ["daughter", "child", "kid"], [
            "मेरी बेटी का नाम अनन्या है।",
            "अनन्या अब दूसरी कक्षा में है, कल उसका स्कूल में नाटक है।",
        ], {"value_aliases": ["ananya"]}),
        ("preference", "length", "छोटे जवाब", ["answer_length", "brevity"], [
            "छोटे जवाब दीजिए।",
            "लंबे-लंबे जवाब मत लिखो, पढ़ने का समय नहीं है।",
        ], {"value_aliases": ["short", "छोट", "लंब"]}),
    ], "one_offs": [
        "मेरे दोस्त की बेटी का नाम प्रिया है।",
        "आज बहुत ट्रैफिक था।",
    ]},
    {"tenant": "somchai.k_d6", "style": "non_english", "language": "th", "items": [
        ("preference", "language", "ภาษาไทย", ["answer_language", "reply_language"], [
            "ตอบเป็นภาษาไทยนะครับ",
            "ขอคำตอบเป็นไทยครับ อ่านภาษาอังกฤษไม่คล่อง",
        ], {"value_aliases": ["thai", "ไทย"]}),
        ("fact", "city", "เชียงใหม่", ["lives_in", "home_city", "residence", "location"], [
            "ผมอาศัยอยู่ที่เชียงใหม่",
            "บ้านผมอยู่เชียงใหม่ ใกล้ดอยสุเทพ",
        ], {"value_aliases": ["chiang mai", "chiangmai"]}),
        ("fact", "sport", "มวยไทย", ["hobby", "exercise", "martial_art"], [
            "ผมซ้อมมวยไทยเป็นงานอดิเรก",
            "เลิกงานแล้วไปค่ายมวยทุกเย็น",
        ], {"value_aliases": ["muay thai", "มวย"]}),
    ], "stale": [
        ("city", "ขอนแก่น", [
            "ผมอยู่ขอนแก่นครับ",
            "ตอนนี้ยังอยู่ที่ขอนแก่น",
        ]),
    ], "one_offs": [
        "น้องสาวผมอยู่กรุงเทพ",
        "วันนี้ฝนตกหนักมาก",
    ]},
    {"tenant": "oksana.b_d6", "style": "non_english", "language": "uk", "items": [
        ("fact", "cat_name", "Мурчик", ["cat", "кіт", "pet_name", "pet"], [
            "Мого кота звати Мурчик.",
            "Мурчик знову спить на клавіатурі.",
        ], {"value_aliases": ["murchyk", "murchik"]}),
        ("fact", "profession", "вчителька", ["job", "occupation", "work"], [
            "Я вчителька.",
            "Викладаю історію в школі вже другий рік.",
        ], {"value_aliases": ["teacher", "вчител", "виклада"]}),
        ("preference", "emoji", "без емодзі", ["emojis", "style", "tone"], [
            "Не використовуй емодзі, будь ласка.",
            "Смайлики у відповідях мене дратують.",
        ], {"value_aliases": ["emoji", "емодзі", "смайл"]}),
    ], "stale": [
        ("profession", "студентка", [
            "Я студентка.",
            "Навчаюся в педагогічному університеті.",
        ]),
    ], "one_offs": [
        "Кота моєї сестри звати Барсик.",
        "Сьогодні в мене болить голова.",
    ]},
    {"tenant": "andreea.p_d6", "style": "non_english", "language": "ro", "items": [
        ("fact", "city", "Cluj-Napoca", ["lives_in", "home_city", "residence", "location"], [
            "Locuiesc în Cluj-Napoca.",
            "Stau în Cluj de câțiva ani, în cartierul Gheorgheni.",
        ], {"value_aliases": ["cluj"]}),
        ("fact", "vehicle", "Dacia Duster", ["drives", "car", "car_model"], [
            "Conduc o Dacia Duster.",
            "Mașina mea e un Duster roșu, perfect pentru drumurile de munte.",
        ], {"value_aliases": ["duster"]}),
        ("preference", "language", "română", ["answer_language", "reply_language"], [
            "Răspunde-mi în română, te rog.",
            "Prefer răspunsurile în limba română.",
        ], {"value_aliases": ["romanian", "roman"]}),
    ], "one_offs": [
        "Fratele meu conduce un Volkswagen Golf.",
        "Mâine am o ședință lungă.",
    ]},
    {"tenant": "jordi.f_d6", "style": "non_english", "language": "ca", "items": [
        ("fact", "hometown", "Girona", ["grew_up_in", "origin", "from", "birthplace"], [
            "Sóc de Girona.",
            "Vaig créixer a Girona, al costat del riu Onyar.",
        ]),
        ("fact", "hobby", "castells", ["sport", "pastime", "castellers"], [
            "Faig castells amb la colla del meu barri.",
            "Els diumenges pujo de segon a la colla castellera.",
        ], {"value_aliases": ["castell"]}),
        ("preference", "language", "català", ["answer_language", "reply_language"], [
            "Respon-me en català, si us plau.",
            "Prefereixo que les respostes siguin en català.",
            "Ja no vull el castellà: parla'm en la meva llengua, el català.",
        ], {"value_aliases": ["catalan", "catala"]}),
    ], "stale": [
        ("language", "castellà", [
            "Respon-me en castellà.",
            "Vull les respostes en castellà.",
        ]),
    ], "one_offs": [
        "La meva germana és de Tarragona.",
        "Avui fa un vent terrible.",
    ]},
]
