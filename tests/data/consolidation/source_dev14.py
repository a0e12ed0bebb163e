"""FOURTEENTH DEV split (dev14) of the consolidation corpus: English memory as it really accumulates about a person's
life, written from the style descriptions alone after dev/ to dev13/ had been tuned against, committed before anyone
measured it. Facts are told as life events and activities rather than attribute sentences ("Moved to Grenoble last
spring" / "Commutes by tram across Grenoble", "started at lidl this week" / "shift manager at lidl", "just got a
Yaris" / "drives a Toyota"); kids, pets and partners come up in passing ("dropping Rosie at nursery", "walked Otis");
work shows by its jargon and tasks; preferences (format, length, tone, units, language) come as requests, complaints
and meta-notes. Stale values are life changes (moved, changed job, sold a car) in most tenants; one-offs are other
people's attributes of the same type and transient remarks. Three tenants write in Dutch, Danish and Croatian.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once. A change statement is the
first statement of the new value, so build.py places it in the earliest of that item's sessions.
"""

JOB = ["job", "occupation", "work", "profession", "role"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
TONE = ["tone", "style", "register", "voice", "formality"]
FORMAT = ["format", "answer_format", "structure", "style", "lists"]
UNITS = ["unit", "units", "measurement", "measurements", "temperature"]
CAR = ["car", "drives", "vehicle_model", "vehicle", "motorbike"]
PET = ["pet", "pet_name"]
HOBBY = ["hobbies", "sport", "pastime", "activity", "hobby"]
SCHOOL = ["university", "studies", "education", "college", "school", "alma_mater"]
KID = ["child", "kids", "children", "relative", "family"]
PARTNER = ["partner", "spouse", "relative", "family"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "margot.d_d14", "style": "mem0", "language": "en", "items": [
        ("fact", "city", "Grenoble", CITY, [
            "Moved to Grenoble last spring",
            "Commutes by tram across Grenoble",
            "Enjoys the mountain views from her flat in Grenoble",
        ]),
        ("fact", "hobby", "ski touring", HOBBY, [
            "Goes ski touring in the Belledonne most weekends in winter",
            "Bought new skins for her touring skis",
        ], {"value_aliases": ["ski", "skiing", "touring", "skis"]}),
        ("preference", "units", "metric", UNITS, [
            "Wants distances in kilometres, not miles",
            "Prefers metric units in all answers",
        ], {"value_aliases": ["kilometres", "km", "metric"]}),
    ], "stale": [
        ("city", "Annecy", [
            "Lives in Annecy",
            "Rents a small apartment near the old town in Annecy",
        ]),
    ], "one_offs": [
        "Her brother lives in Nantes",
        "Asked about tram strike dates for Thursday",
    ]},
    {"tenant": "dev.patel_d14", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "employer", "Lidl", EMPLOYER, [
            "Started a new job at Lidl this week",
            "Shift manager at Lidl",
            "Closes up the Lidl store on Friday nights",
        ]),
        ("fact", "daughter_name", "Rosie", ["daughter", "daughter_name"] + KID, [
            "Drops Rosie at nursery before his shift",
            "Has a three-year-old daughter named Rosie",
        ]),
        ("preference", "length", "short answers", LENGTH, [
            "Wants answers short enough to read on a break",
            "Complained that replies are too long",
        ], {"value_aliases": ["short", "brief", "concise", "too long"]}),
    ], "stale": [
        ("employer", "Asda", [
            "Works at Asda",
            "Stacks shelves on the night shift at Asda",
        ]),
    ], "one_offs": [
        "His cousin works at Boots",
        "Asked how to get a stain out of a work shirt",
    ]},
    {"tenant": "keeley.o_d14", "style": "mem0", "language": "en", "items": [
        ("fact", "school", "Trinity College Dublin", SCHOOL, [
            "Studied at Trinity College Dublin",
            "TCD graduate",
            "Still goes to Trinity alumni drinks every December",
        ], {"value_aliases": ["tcd", "trinity"]}),
        ("fact", "job", "solicitor", JOB, [
            "Is a solicitor",
            "Spends her days drafting conveyancing contracts for clients",
        ], {"value_aliases": ["solicitor", "lawyer", "conveyancing"]}),
        ("fact", "dog_name", "Otis", ["dog"] + PET, [
            "Walked Otis along the pier this morning",
            "Has a beagle called Otis",
        ]),
        ("preference", "tone", "formal", TONE, [
            "Prefers a formal, professional tone",
            "Does not like slang in replies",
        ], {"value_aliases": ["formal", "professional", "slang"]}),
    ], "stale": [], "one_offs": [
        "Her sister's dog is called Bramble",
        "Asked for a good pub near Grafton Street",
    ]},
    {"tenant": "hank.w_d14", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "vehicle", "Toyota Yaris", CAR, [
            "Just got a Toyota Yaris",
            "Drives a Toyota",
            "Took the Yaris in for its first service",
        ], {"value_aliases": ["yaris", "toyota"]}),
        ("fact", "city", "Tacoma", CITY, [
            "Lives in Tacoma",
            "Complains about the traffic on I-5 going through Tacoma",
        ]),
        ("preference", "format", "bullet points", FORMAT, [
            "Likes answers as bullet points",
            "Asked to stop getting walls of text and use bullets instead",
        ], {"value_aliases": ["bullet", "bullets", "list"]}),
    ], "stale": [
        ("vehicle", "Ford Ranger", [
            "Drives a Ford Ranger",
            "Sold his old Ford Ranger pickup",
        ]),
    ], "one_offs": [
        "His neighbor drives a Tesla",
        "Asked about the weather for a fishing trip on Saturday",
    ]},
    {"tenant": "colm.f_d14", "style": "mem0", "language": "en", "items": [
        ("fact", "job", "postman", JOB, [
            "Works as a postman",
            "Finished his delivery round early because of the rain",
            "Sorts the mail at the depot at six every morning",
        ], {"value_aliases": ["postman", "post", "mail", "delivery"]}),
        ("fact", "city", "Limerick", CITY, [
            "Lives in Limerick",
            "Rows on the Shannon in Limerick every morning",
        ]),
        ("fact", "hobby", "hurling", HOBBY, [
            "Plays hurling for the local club",
            "Broke his hurley at training on Tuesday",
        ], {"value_aliases": ["hurling", "hurley"]}),
        ("preference", "language", "English", LANG, [
            "Wants answers in plain English even when he writes a word of Irish",
            "Asked not to get replies in Irish",
        ], {"value_aliases": ["english"]}),
    ], "stale": [
        ("job", "firefighter", [
            "Is a retained firefighter",
            "Left the fire service",
        ]),
    ], "one_offs": [
        "His father was a firefighter",
        "Asked about the ferry to the Aran Islands tomorrow",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "nadia.r_d14", "style": "first_person", "language": "en", "items": [
        ("fact", "hobby", "bouldering", HOBBY, [
            "I go bouldering twice a week after work.",
            "I'm a member of a bouldering gym near my office.",
            "My fingers are sore from the overhang problems at the wall last night.",
        ], {"value_aliases": ["bouldering", "climbing", "climb", "wall"]}),
        ("fact", "job", "radiographer", JOB, [
            "I work as a radiographer.",
            "Did forty chest X-rays and two CT scans today, I'm wrecked.",
        ], {"value_aliases": ["radiographer", "x-ray", "x rays", "radiography"]}),
        ("fact", "city", "Brighton", CITY, [
            "I've lived in Brighton for six years now.",
            "The seafront in Brighton is my favourite place to run.",
        ]),
        ("preference", "length", "short answers", LENGTH, [
            "Keep it short please, I read these on my phone between scans.",
            "Your last answer was way too long, a few lines is plenty.",
        ], {"value_aliases": ["short", "brief", "few lines", "too long"]}),
    ], "stale": [], "one_offs": [
        "My flatmate is a midwife.",
        "I've got a dentist appointment tomorrow.",
    ]},
    {"tenant": "tom.h_d14", "style": "first_person", "language": "en", "items": [
        ("fact", "employer", "Arup", EMPLOYER, [
            "I just accepted an offer from Arup, starting in October.",
            "I work at Arup on bridge projects.",
            "Long day at Arup reviewing load calculations for a footbridge.",
        ]),
        ("fact", "son_name", "Alfie", ["son", "son_name"] + KID, [
            "Picking up my son Alfie from football practice.",
            "Alfie turned seven yesterday, we had a party at the park.",
        ]),
        ("preference", "units", "metric", UNITS, [
            "Please use metric units, I'm an engineer.",
            "Don't give me feet and inches, millimetres or metres only.",
        ], {"value_aliases": ["metric", "millimetres", "metres", "meters"]}),
    ], "stale": [
        ("employer", "Atkins", [
            "I work for Atkins as a structural engineer.",
            "Another deadline at Atkins this week.",
        ]),
    ], "one_offs": [
        "My brother works at Jacobs.",
        "It's raining so hard today the train was late.",
    ]},
    {"tenant": "priya.n_d14", "style": "first_person", "language": "en", "items": [
        ("fact", "city", "Norwich", CITY, [
            "We finally moved to Norwich in June.",
            "I love cycling along the river in Norwich.",
        ]),
        ("fact", "partner_name", "Callum", ["partner_name", "husband", "boyfriend"] + PARTNER, [
            "My partner Callum is cooking tonight.",
            "Callum and I have been together eight years.",
        ]),
        ("fact", "cat_name", "Pudding", ["cat"] + PET, [
            "I need to take Pudding to the vet, she's off her food.",
            "My cat Pudding keeps sleeping on my laptop.",
        ]),
        ("preference", "format", "numbered steps", FORMAT, [
            "Can you give me numbered steps whenever it's a how-to?",
            "I hate when instructions are one long paragraph, number them.",
        ], {"value_aliases": ["numbered", "steps", "number", "list"]}),
    ], "stale": [
        ("city", "Leicester", [
            "I live in Leicester.",
            "Our flat in Leicester is tiny.",
        ]),
    ], "one_offs": [
        "My friend Jess lives in Ipswich.",
        "Callum's cat is called Pickle.",
    ]},
    {"tenant": "gareth.b_d14", "style": "first_person", "language": "en", "items": [
        ("fact", "job", "roofer", JOB, [
            "I'm a roofer.",
            "Stripped and re-felted a whole roof today, half the slates were cracked.",
            "Spent the morning up on a chimney stack replacing the flashing.",
        ], {"value_aliases": ["roofer", "roofing", "roof"]}),
        ("fact", "vehicle", "Ford Transit", CAR, [
            "I drive a Ford Transit for work.",
            "The Transit needs new tyres before winter.",
        ], {"value_aliases": ["transit", "ford", "van"]}),
        ("preference", "tone", "casual", TONE, [
            "Talk to me like a mate, no corporate speak.",
            "Keep it casual, I'm not reading a legal document.",
        ], {"value_aliases": ["casual", "informal", "mate", "corporate"]}),
    ], "stale": [
        ("job", "plasterer", [
            "I'm a plasterer.",
            "Skimming ceilings all day again.",
        ]),
    ], "one_offs": [
        "My apprentice is a scaffolder now.",
        "Got stuck in traffic on the M4 this morning.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "ingrid.s_d14", "style": "third_person", "language": "en", "items": [
        ("fact", "city", "Halifax", CITY, [
            "Ingrid moved to Halifax, Nova Scotia for a new job.",
            "Ingrid walks along the Halifax waterfront after work.",
        ]),
        ("fact", "employer", "Dalhousie University", EMPLOYER, [
            "Ingrid works at Dalhousie University.",
            "Ingrid is marking lab reports for her Dalhousie students.",
        ], {"value_aliases": ["dalhousie"]}),
        ("fact", "hobby", "sea kayaking", HOBBY, [
            "Ingrid paddles her sea kayak around the islands on Sundays.",
            "Ingrid joined a sea kayaking club.",
        ], {"value_aliases": ["kayak", "kayaking", "paddles"]}),
        ("preference", "units", "metric", UNITS, [
            "Ingrid wants temperatures in Celsius.",
            "Ingrid asks for metric units.",
        ], {"value_aliases": ["metric", "celsius"]}),
    ], "stale": [
        ("city", "Winnipeg", [
            "Ingrid lives in Winnipeg.",
            "Ingrid is tired of the Winnipeg winters.",
        ]),
        ("employer", "University of Manitoba", [
            "Ingrid teaches at the University of Manitoba.",
            "Ingrid has a postdoc at the University of Manitoba.",
        ]),
    ], "one_offs": [
        "Ingrid's colleague Ben lives in Moncton.",
        "Ingrid asked about the ferry schedule for tomorrow.",
    ]},
    {"tenant": "marcus.l_d14", "style": "third_person", "language": "en", "items": [
        ("fact", "job", "sous chef", JOB, [
            "Marcus is a sous chef.",
            "Marcus spent the evening on the pass calling tickets during the dinner rush.",
            "Marcus preps stocks and sauces before every service.",
        ], {"value_aliases": ["chef", "sous", "cook", "kitchen"]}),
        ("fact", "dog_name", "Hugo", ["dog"] + PET, [
            "Marcus walked Hugo before his shift.",
            "Marcus's bulldog Hugo snores all night.",
        ]),
        ("preference", "length", "short answers", LENGTH, [
            "Marcus wants quick, short answers.",
            "Marcus said the long explanations are a waste of his time.",
        ], {"value_aliases": ["short", "quick", "long"]}),
    ], "stale": [
        ("job", "line cook", [
            "Marcus is a line cook.",
            "Marcus works the grill station as a line cook.",
        ]),
    ], "one_offs": [
        "Marcus's girlfriend is a pastry chef.",
        "Marcus asked how long to rest a brisket.",
    ]},
    {"tenant": "fiona.m_d14", "style": "third_person", "language": "en", "items": [
        ("fact", "vehicle", "Honda Jazz", CAR, [
            "Fiona bought a Honda Jazz.",
            "Fiona drives a Honda to work.",
        ], {"value_aliases": ["jazz", "honda"]}),
        ("fact", "son_name", "Ezra", ["son", "son_name"] + KID, [
            "Fiona took her son Ezra to swimming lessons.",
            "Fiona is helping Ezra with his spelling homework.",
        ]),
        ("fact", "job", "primary school teacher", JOB, [
            "Fiona teaches year 4 at a primary school.",
            "Fiona is writing school reports for her class.",
        ], {"value_aliases": ["teacher", "teaches", "primary"]}),
        ("preference", "format", "bullet points", FORMAT, [
            "Fiona prefers bullet points.",
            "Fiona finds long paragraphs hard to skim and asks for lists.",
        ], {"value_aliases": ["bullet", "bullets", "lists", "list"]}),
    ], "stale": [
        ("vehicle", "Vauxhall Corsa", [
            "Fiona drives a Vauxhall Corsa.",
            "Fiona sold her Corsa.",
        ]),
    ], "one_offs": [
        "Fiona's husband drives a Range Rover.",
        "Fiona asked for a recipe for flapjacks.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..."
    {"tenant": "usr_7731_d14", "style": "user", "language": "en", "items": [
        ("fact", "employer", "Atlassian", EMPLOYER, [
            "User joined Atlassian as a backend developer.",
            "User works at Atlassian.",
            "The user is debugging a Jira plugin for an Atlassian release.",
        ]),
        ("fact", "city", "Sydney", CITY, [
            "User lives in Sydney.",
            "The user takes the ferry to work across Sydney Harbour.",
        ]),
        ("preference", "code_language", "Kotlin", ["code", "programming_language", "language", "code_language"], [
            "User wants code examples in Kotlin.",
            "The user asked to stop getting Java snippets and get Kotlin instead.",
        ], {"value_aliases": ["kotlin"]}),
    ], "stale": [
        ("employer", "Canva", [
            "User works at Canva.",
            "The user is on the editor team at Canva.",
        ]),
    ], "one_offs": [
        "User's friend works at Google.",
        "User asked about the cricket score today.",
    ]},
    {"tenant": "usr_5208_d14", "style": "user", "language": "en", "items": [
        ("fact", "hobby", "allotment gardening", HOBBY, [
            "User has an allotment and grows vegetables there.",
            "The user spent Saturday digging potatoes at the allotment.",
        ], {"value_aliases": ["allotment", "gardening", "garden", "vegetables"]}),
        ("fact", "partner_name", "Dev", ["wife", "husband", "partner_name"] + PARTNER, [
            "User's husband is called Dev.",
            "The user and Dev are celebrating their anniversary next week.",
        ]),
        ("preference", "tone", "warm", TONE, [
            "User prefers a warm, friendly tone.",
            "The user said the replies feel cold and robotic.",
        ], {"value_aliases": ["warm", "friendly", "cold", "robotic"]}),
        ("preference", "summary_first", "summary first", ["summary", "format", "structure", "tldr"], [
            "User wants a one-line summary at the top.",
            "The user asked for the TL;DR before the details.",
        ], {"value_aliases": ["summary", "tldr", "tl dr", "one line"]}),
    ], "stale": [], "one_offs": [
        "User's neighbour grows roses.",
        "User asked what time the shops close on bank holidays.",
    ]},
    {"tenant": "usr_9114_d14", "style": "user", "language": "en", "items": [
        ("fact", "job", "optometrist", JOB, [
            "User is an optometrist.",
            "The user did eye tests and fitted contact lenses all day at the practice.",
        ], {"value_aliases": ["optometrist", "optician", "eye tests"]}),
        ("fact", "city", "Boise", CITY, [
            "User relocated to Boise.",
            "The user lives in Boise, Idaho.",
        ]),
        ("fact", "dog_name", "Juno", ["dog"] + PET, [
            "User took Juno on a hike in the foothills.",
            "The user's husky is named Juno.",
        ]),
        ("preference", "units", "imperial", UNITS, [
            "User wants imperial units.",
            "The user asked to get miles and Fahrenheit, not kilometres.",
        ], {"value_aliases": ["imperial", "miles", "fahrenheit"]}),
    ], "stale": [
        ("city", "Spokane", [
            "User lives in Spokane.",
            "The user rents a house in Spokane.",
        ]),
    ], "one_offs": [
        "User's mother lives in Reno.",
        "User asked about snow on the pass tonight.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "jayden_d14", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "employer", "Greggs", EMPLOYER, [
            "started at greggs this week",
            "shift manager at greggs now",
            "greggs rota is a mess again lol",
        ]),
        ("fact", "hobby", "five-a-side football", HOBBY, [
            "playin 5 a side tuesday nights",
            "scored twice at five a side lol",
        ], {"value_aliases": ["football", "five a side", "5 a side"]}),
        ("preference", "length", "short answers", LENGTH, [
            "pls keep answers short",
            "too long mate, tldr it",
        ], {"value_aliases": ["short", "too long", "tldr"]}),
    ], "stale": [
        ("employer", "Costa", [
            "i work at costa",
            "another early shift at costa",
        ]),
    ], "one_offs": [
        "my mate works at nandos",
        "cant sleep tonite",
    ]},
    {"tenant": "becca_d14", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "vehicle", "Mini Cooper", CAR, [
            "just got a mini cooper!!",
            "drivin my mini to work now",
            "mini needs an mot next month",
        ], {"value_aliases": ["mini", "cooper"]}),
        ("fact", "cat_name", "Biscotti", ["cat"] + PET, [
            "my cat biscotti knocked over my tea",
            "biscotti is sooo fat now",
        ]),
        ("preference", "tone", "casual", TONE, [
            "talk normal pls not like a robot",
            "be chill and casual with me",
        ], {"value_aliases": ["casual", "chill", "normal", "robot"]}),
    ], "stale": [
        ("vehicle", "Nissan Micra", [
            "drive a nissan micra",
            "sold the micra finally",
        ]),
    ], "one_offs": [
        "my sis drives a golf",
        "so hungover today",
    ]},
    {"tenant": "owen_d14", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "school", "University of Leeds", SCHOOL, [
            "studyin at uni of leeds",
            "leeds uni library is packed during exams",
        ], {"value_aliases": ["leeds"]}),
        ("fact", "sister_name", "Maisie", ["sister", "sister_name", "sibling", "relative", "family"], [
            "my little sister maisie is visiting",
            "took maisie to the cinema",
        ]),
        ("preference", "format", "bullet points", FORMAT, [
            "use bullet points pls",
            "walls of text r hard to read, bullets better",
        ], {"value_aliases": ["bullet", "bullets", "walls of text"]}),
    ], "stale": [], "one_offs": [
        "my flatmate studies at york",
        "exam tomorow im so stressed",
    ]},
    # ---------------------------------------------------------------- (f) Dutch, Danish, Croatian
    {"tenant": "sanne.v_d14", "style": "non_english", "language": "nl", "items": [
        ("fact", "city", "Nijmegen", CITY, [
            "Ik ben vorig jaar naar Nijmegen verhuisd.",
            "Ik fiets elke dag door Nijmegen naar mijn werk.",
        ]),
        ("fact", "job", "verpleegkundige", JOB, [
            "Ik werk als verpleegkundige.",
            "Weer een nachtdienst op de afdeling gehad als verpleegkundige.",
        ], {"value_aliases": ["nurse", "verpleegkundige"]}),
        ("preference", "language", "Nederlands", LANG, [
            "Antwoord alsjeblieft in het Nederlands.",
            "Ik wil graag dat je in het Nederlands antwoordt.",
        ], {"value_aliases": ["dutch", "nederlands"]}),
    ], "stale": [
        ("city", "Arnhem", [
            "Ik woon in Arnhem.",
            "Mijn appartement in Arnhem is te klein.",
        ]),
    ], "one_offs": [
        "Mijn broer woont in Utrecht.",
        "Het regent vandaag heel hard.",
    ]},
    {"tenant": "mads.k_d14", "style": "non_english", "language": "da", "items": [
        ("fact", "employer", "Ørsted", EMPLOYER, [
            "Jeg er lige startet hos Ørsted.",
            "Jeg arbejder hos Ørsted.",
        ]),
        ("fact", "dog_name", "Bamse", ["dog"] + PET, [
            "Jeg gik tur med Bamse i skoven.",
            "Min hund hedder Bamse.",
        ]),
        ("preference", "length", "short answers", LENGTH, [
            "Giv mig korte svar.",
            "Dine svar er alt for lange.",
        ], {"value_aliases": ["short", "korte", "kort", "lange"]}),
    ], "stale": [
        ("employer", "Grundfos", [
            "Jeg arbejder hos Grundfos.",
            "Jeg er ingeniør hos Grundfos.",
        ]),
    ], "one_offs": [
        "Min søster arbejder hos Lego.",
        "Jeg skal til tandlæge i morgen.",
    ]},
    {"tenant": "ivana.b_d14", "style": "non_english", "language": "hr", "items": [
        ("fact", "city", "Zadar", CITY, [
            "Preselila sam se u Zadar.",
            "Živim u Zadru.",
        ], {"value_aliases": ["zadru", "zadar"]}),
        ("fact", "job", "učiteljica", JOB, [
            "Radim kao učiteljica.",
            "Ispravljam testove svojih učenika.",
        ], {"value_aliases": ["teacher", "uciteljica", "učiteljica"]}),
        ("preference", "language", "hrvatski", LANG, [
            "Odgovaraj mi na hrvatskom.",
            "Molim te piši na hrvatskom jeziku.",
        ], {"value_aliases": ["croatian", "hrvatskom", "hrvatski"]}),
    ], "stale": [
        ("city", "Rijeka", [
            "Živim u Rijeci.",
            "Imam stan u Rijeci.",
        ], ),
    ], "one_offs": [
        "Moj brat živi u Splitu.",
        "Danas je jako vruće.",
    ]},
]
