"""DEV split of the consolidation corpus: what each tenant said. Tune against this part only.

Item: (kind, slot, canonical value, slot aliases, statements (each goes to a different session)[, extras]).
Stale: (slot of the item that replaces it, old value, statements). One-offs: said once, never to be selected.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "mkowalczyk", "style": "mem0", "language": "en", "items": [
        ("preference", "language", "Polish", ["answer_language", "reply_language"], [
            "Likes answers in Polish",
            "Prefers that replies are written in Polish",
            "Wants the assistant to respond in Polish rather than English",
        ]),
        ("fact", "hamster_name", "Pierogi", ["hamster", "pet_name"], [
            "Has a hamster named Pierogi",
            "Pet hamster is called Pierogi",
            "Keeps a small hamster, Pierogi",
        ]),
        ("fact", "employer", "Northwind Logistics", ["company", "workplace", "work"], [
            "Works at Northwind Logistics",
            "Employed by Northwind Logistics as a dispatcher",
        ]),
        ("preference", "format", "bullet points", ["answer_format", "layout"], [
            "Prefers bullet points over long paragraphs",
            "Wants key information listed as bullets",
            "Finds bulleted answers easiest to scan",
        ]),
    ], "one_offs": [
        "Is planning a weekend trip to Gdansk",
        "Friend's hamster is called Nugget",
        "Asked how to descale a kettle",
    ]},
    {"tenant": "a.okafor", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "daughter_name", "Noor", ["daughter", "child_name"], [
            "Daughter's name is Noor",
            "Has a daughter called Noor",
            "Noor is the name of the daughter, she is six",
        ]),
        ("fact", "allergy", "lactose", ["intolerance", "dairy"], [
            "Is lactose intolerant",
            "Cannot digest lactose, so avoid milk-based suggestions",
        ]),
        ("fact", "vehicle", "Vespa", ["scooter", "car", "ride"], [
            "Rides a Vespa to work",
            "Gets around the city on a Vespa scooter",
            "Commutes by Vespa",
        ]),
        ("preference", "summary_first", "one-line summary", ["tldr", "summary", "structure"], [
            "Wants a one-line summary first",
            "Likes answers that open with a single-sentence TL;DR",
        ]),
    ], "stale": [
        ("vehicle", "bicycle", [
            "Cycles to work on an old road bike",
            "Commutes by bicycle every day",
        ]),
    ], "one_offs": [
        "Watched a documentary about octopuses last night",
        "Neighbour's son is called Noah",
    ]},
    {"tenant": "user_40217", "style": "mem0", "language": "en", "items": [
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Prefers metric units",
            "Wants measurements in kilometres and kilograms",
            "Uses the metric system, no miles or pounds",
        ]),
        ("fact", "boat_name", "Sea Lark", ["boat", "sailboat"], [
            "Owns a sailboat named Sea Lark",
            "Boat is called Sea Lark",
            "Spends weekends sailing the Sea Lark",
        ]),
        ("fact", "hometown", "Tromsø", ["city", "home_city", "town"], [
            "Grew up in Tromsø",
            "Hometown is Tromsø in northern Norway",
        ], {"value_aliases": ["Tromso"]}),
        ("preference", "tone", "casual", ["style", "register"], [
            "Likes a relaxed, casual tone",
            "Prefers informal, chatty replies over stiff corporate language",
        ]),
        ("fact", "instrument", "cello", ["plays", "music_instrument"], [
            "Plays the cello",
            "Has played cello in an amateur orchestra for years",
            "Practises cello most evenings",
        ]),
    ], "one_offs": [
        "Asked for the boiling point of water at altitude",
        "Thinks the new harbour café is overpriced",
        "Cousin owns a motorboat called Blue Ida",
    ]},
    {"tenant": "jdelacroix", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("preference", "length", "100 words", ["answer_length", "word_limit", "max_words"], [
            "Wants answers under 100 words",
            "Keep replies to at most 100 words",
            "Prefers short responses, no more than a hundred words",
        ], {"value_aliases": ["100", "hundred"]}),
        ("fact", "partner_name", "Samir", ["husband", "spouse", "partner"], [
            "Husband's name is Samir",
            "Is married to Samir",
            "Lives with husband Samir",
        ]),
        ("fact", "favourite_team", "Olympique Lyonnais", ["team", "football_team", "club"], [
            "Supports Olympique Lyonnais",
            "Favourite football club is Olympique Lyonnais",
        ], {"value_aliases": ["Lyonnais", "OL"]}),
        ("fact", "city", "Berlin", ["lives_in", "home_city", "location", "residence"], [
            "Lives in Berlin now",
            "Moved to Berlin for work and has settled there",
            "Based in Berlin",
        ]),
    ], "stale": [
        ("city", "Lyon", [
            "Lives in Lyon",
            "Has an apartment in Lyon near the river",
        ]),
    ], "one_offs": [
        "Asked for a recipe using leftover rice",
        "Brother-in-law is named Karim",
        "Was annoyed by a delayed train on Monday",
    ]},
    {"tenant": "priya-n", "style": "mem0", "language": "en", "items": [
        ("preference", "signoff", "Cheers, P", ["closing", "sign_off", "signature"], [
            "Wants emails drafted for her to end with 'Cheers, P'",
            "Sign-off on drafted messages should be 'Cheers, P'",
        ]),
        ("fact", "cat_name", "Mango", ["cat", "pet_name"], [
            "Has a cat named Mango",
            "Cat is called Mango",
            "Mango the cat sleeps on the keyboard",
        ]),
        ("fact", "job", "anaesthetist", ["occupation", "profession", "work"], [
            "Works as an anaesthetist",
            "Is an anaesthetist at a teaching hospital",
            "Job is in anaesthesia, long hospital shifts",
        ]),
        ("fact", "diet", "vegetarian", ["eating", "food"], [
            "Is vegetarian",
            "Does not eat meat or fish",
        ]),
        ("preference", "avoid_emoji", "no emoji", ["emoji", "avoid"], [
            "Dislikes emoji in responses",
            "Asked not to include emojis",
            "Finds smiley faces in answers unprofessional",
        ], {"value_aliases": ["emoji"]}),
    ], "one_offs": [
        "Ate chicken at a conference dinner once because nothing else was available",
        "Is reading a novel about a lighthouse keeper",
    ]},
    {"tenant": "tomas.ferreira", "style": "mem0", "language": "en", "items": [
        ("fact", "dog_name", "Bolacha", ["dog", "pet_name"], [
            "Dog's name is Bolacha",
            "Has a beagle called Bolacha",
            "Walks Bolacha, the family beagle, every morning",
        ]),
        ("fact", "birthplace", "Porto", ["born_in", "place_of_birth", "hometown"], [
            "Was born in Porto",
            "Birthplace is Porto, Portugal",
        ]),
        ("preference", "code_language", "Rust", ["programming_language", "examples_language"], [
            "Wants code examples in Rust",
            "Prefers Rust snippets over Python ones",
            "Asks for sample code to be written in Rust",
        ]),
        ("fact", "favourite_team", "FC Porto", ["team", "club", "football_team"], [
            "Supports FC Porto",
            "Is a lifelong FC Porto fan",
        ]),
    ], "one_offs": [
        "Asked what time it is in Tokyo",
        "Sister has a dog named Pipoca",
        "Tried writing one script in Go last week",
    ]},
    {"tenant": "hb_2291", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("preference", "address", "Doc", ["name", "call_me", "nickname"], [
            "Wants to be addressed as Doc",
            "Prefers being called Doc rather than by first name",
            "Likes the nickname Doc",
        ]),
        ("fact", "partner_name", "Elena", ["wife", "spouse", "partner"], [
            "Wife is named Elena",
            "Married to Elena for twelve years",
        ]),
        ("fact", "allergy", "penicillin", ["allergic_to", "medication_allergy"], [
            "Is allergic to penicillin",
            "Has a penicillin allergy",
            "Reacts badly to penicillin",
        ]),
        ("preference", "format", "numbered list", ["answer_format", "steps"], [
            "Prefers step-by-step instructions as numbered lists",
            "Likes numbered steps for how-to answers",
        ], {"value_aliases": ["numbered"]}),
    ], "one_offs": [
        "Asked about the history of the stethoscope",
        "Colleague Elias is allergic to peanuts",
        "Planning to repaint the garden shed",
    ]},
    # ---------------------------------------------------------------- (b) first person, the user's own words
    {"tenant": "skipper_mcd", "style": "first_person", "language": "en", "items": [
        ("preference", "address", "Skipper", ["name", "nickname", "call_me"], [
            "Please call me Skipper.",
            "Everyone calls me Skipper and I'd like you to as well.",
            "Skipper is what I go by.",
        ]),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "Imperial units only, I live in Ohio.",
            "Give me feet, pounds and Fahrenheit, not metric.",
            "I think in miles and gallons, so use those.",
        ]),
        ("fact", "brother_name", "Tom", ["brother", "sibling"], [
            "My brother Tom lives with me.",
            "Tom, my younger brother, moved in last year.",
        ]),
        ("fact", "boat_name", "Wandering Gull", ["boat", "sailboat"], [
            "My boat is called the Wandering Gull.",
            "I take the Wandering Gull out on Lake Erie most Saturdays.",
            "The Wandering Gull is my 22-foot sloop.",
        ]),
    ], "one_offs": [
        "I had pancakes this morning.",
        "My neighbour calls his boat Miss Daisy.",
        "Can you remind me how tides work?",
    ]},
    {"tenant": "lena.vogt", "style": "first_person", "language": "en", "items": [
        ("fact", "employer", "Siemens", ["company", "workplace", "work"], [
            "I work at Siemens.",
            "I've been at Siemens for six years now, in the rail division.",
        ]),
        ("preference", "format", "bullet points", ["answer_format", "layout"], [
            "I prefer bullet points.",
            "Please put things in a bulleted list, I skim.",
            "Lists with bullets work much better for me than paragraphs.",
        ]),
        ("fact", "allergy", "hazelnuts", ["allergic_to", "food_allergy", "nuts"], [
            "I'm allergic to hazelnuts.",
            "Hazelnuts make my throat swell, so keep them out of any recipe.",
            "No hazelnuts for me, it's an allergy.",
        ], {"value_aliases": ["hazelnut"]}),
        ("fact", "son_name", "Jonas", ["son", "child_name"], [
            "My son's name is Jonas.",
            "Jonas, my boy, just started school.",
        ]),
        ("fact", "city", "Munich", ["lives_in", "home_city", "location", "residence"], [
            "I live in Munich.",
            "Home for me is Munich these days.",
        ], {"value_aliases": ["München"]}),
    ], "stale": [
        ("city", "Hamburg", [
            "I live in Hamburg.",
            "We have a flat in Hamburg-Altona.",
        ]),
    ], "one_offs": [
        "I once ate a hazelnut cake by accident as a kid and survived.",
        "What's the best way to store basil?",
    ]},
    {"tenant": "drew_p", "style": "first_person", "language": "en", "items": [
        ("preference", "length", "50 words", ["answer_length", "word_limit", "max_words"], [
            "Keep it under 50 words, I read on my phone.",
            "I want replies of 50 words max.",
            "Fifty words or fewer, please.",
        ], {"value_aliases": ["50", "fifty"]}),
        ("fact", "vehicle", "Subaru Outback", ["car", "drives"], [
            "I drive a Subaru Outback.",
            "My car is an old Subaru Outback with 200k miles on it.",
        ], {"value_aliases": ["Outback", "Subaru"]}),
        ("fact", "instrument", "banjo", ["plays", "music_instrument"], [
            "I play the banjo.",
            "Been picking banjo since high school.",
            "Banjo's my instrument.",
        ]),
        ("fact", "hometown", "Asheville", ["city", "home_city", "town"], [
            "I grew up in Asheville.",
            "Asheville is where I'm from originally.",
        ]),
    ], "one_offs": [
        "My friend drives a Tesla and won't stop talking about it.",
        "I'm thinking about learning guitar someday.",
        "How long do I boil an egg for a runny yolk?",
    ]},
    {"tenant": "mei.lin", "style": "first_person", "language": "en", "items": [
        ("preference", "signoff", "Best, Mei", ["closing", "sign_off", "signature"], [
            "Sign emails you write for me with 'Best, Mei'.",
            "When you draft a message for me, close it with 'Best, Mei'.",
        ]),
        ("preference", "avoid_jargon", "no jargon", ["jargon", "avoid", "plain_language"], [
            "Please avoid jargon, I'm not technical.",
            "I need explanations in plain language without technical terms.",
            "Skip the buzzwords when you explain things to me.",
        ], {"value_aliases": ["jargon", "plain"]}),
        ("fact", "dog_name", "Dumpling", ["dog", "pet_name"], [
            "My dog is named Dumpling.",
            "Dumpling, my corgi, needs a walk twice a day.",
            "I have a corgi called Dumpling.",
        ]),
        ("fact", "job", "pastry chef", ["occupation", "profession", "work"], [
            "I'm a pastry chef.",
            "I work as a pastry chef in a hotel kitchen.",
        ], {"value_aliases": ["pastry"]}),
    ], "one_offs": [
        "My cousin's dog is called Bao.",
        "I burned a batch of macarons today.",
    ]},
    {"tenant": "rafa.oliveira", "style": "first_person", "language": "en", "items": [
        ("fact", "partner_name", "Ana", ["wife", "spouse", "partner"], [
            "My wife is Ana.",
            "Ana and I got married in 2019.",
            "I live with my wife Ana in Lisbon.",
        ]),
        ("fact", "favourite_team", "Benfica", ["team", "club", "football_team"], [
            "I support Benfica.",
            "Benfica is my club, always has been.",
        ]),
        ("preference", "tone", "direct", ["style", "register"], [
            "Be direct with me, no sugar-coating.",
            "I like blunt, straightforward answers.",
            "Don't soften things, just tell me straight.",
        ], {"value_aliases": ["blunt", "straight"]}),
        ("fact", "diet", "pescatarian", ["eating", "food"], [
            "I'm pescatarian.",
            "I eat fish but no meat.",
        ]),
    ], "one_offs": [
        "My friend Ana Luísa is visiting next week.",
        "I watched the Sporting match yesterday, it was dull.",
        "Which is faster, the train or the bus to Sintra?",
    ]},
    {"tenant": "kwame.a", "style": "first_person", "language": "en", "items": [
        ("preference", "opening", "Morning!", ["greeting", "opening_line", "salutation"], [
            "Start every answer with 'Morning!' even in the evening, it's our joke.",
            "Open your replies with 'Morning!'.",
        ]),
        ("fact", "daughter_name", "Efua", ["daughter", "child_name"], [
            "My daughter is called Efua.",
            "Efua, my daughter, turns ten in March.",
            "I have one daughter, Efua.",
        ]),
        ("fact", "employer", "Accra Water Board", ["company", "workplace", "work"], [
            "I work for the Accra Water Board.",
            "My employer is the Accra Water Board, I'm in maintenance planning.",
        ]),
        ("fact", "birthplace", "Kumasi", ["born_in", "place_of_birth", "hometown"], [
            "I was born in Kumasi.",
            "Kumasi is my birthplace.",
        ]),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Use metric for everything.",
            "Distances in kilometres please, weights in kilos.",
        ]),
    ], "one_offs": [
        "My colleague's daughter is named Akosua.",
        "I need a birthday gift idea for a ten-year-old.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "priya", "style": "third_person", "language": "en", "items": [
        ("fact", "cat_name", "Mango", ["cat", "pet_name"], [
            "Priya's cat is called Mango.",
            "Priya has a ginger cat named Mango.",
            "Mango is the name of Priya's cat.",
        ]),
        ("fact", "hometown", "Pune", ["city", "home_city", "town"], [
            "Priya grew up in Pune.",
            "Priya is originally from Pune.",
        ]),
        ("preference", "length", "3 paragraphs", ["answer_length", "paragraphs"], [
            "Priya wants answers no longer than three paragraphs.",
            "Priya asks that replies stay within 3 paragraphs.",
        ], {"value_aliases": ["three", "3"]}),
        ("fact", "instrument", "sitar", ["plays", "music_instrument"], [
            "Priya plays the sitar.",
            "Priya has been learning sitar from her grandfather.",
            "Sitar practice is part of Priya's Sunday routine.",
        ]),
    ], "one_offs": [
        "Priya's colleague has a cat called Pepper.",
        "Priya asked about monsoon season dates.",
        "Priya is considering a trip to Kyoto.",
    ]},
    {"tenant": "oskar.lind@example.org", "style": "third_person", "language": "en", "items": [
        ("fact", "boat_name", "Kajsa", ["boat", "sailboat"], [
            "Oskar's boat is named Kajsa.",
            "Oskar sails a small wooden boat called Kajsa.",
        ]),
        ("fact", "employer", "Ericsson", ["company", "workplace", "work"], [
            "Oskar works at Ericsson.",
            "Oskar is an engineer employed by Ericsson.",
            "Ericsson is Oskar's employer.",
        ]),
        ("preference", "language", "Swedish", ["answer_language", "reply_language"], [
            "Oskar wants replies in Swedish.",
            "Oskar prefers to read answers written in Swedish.",
        ]),
        ("fact", "partner_name", "Freja", ["wife", "girlfriend", "spouse", "partner"], [
            "Oskar's partner is Freja.",
            "Oskar lives with his girlfriend Freja.",
            "Freja is Oskar's partner of eight years.",
        ]),
    ], "stale": [
        ("employer", "Volvo", [
            "Oskar works at Volvo.",
            "Oskar is a software engineer at Volvo Cars.",
        ]),
    ], "one_offs": [
        "Oskar's father used to work at Saab.",
        "Oskar asked how to say 'good luck' in Finnish.",
    ]},
    {"tenant": "grace", "style": "third_person", "language": "en", "items": [
        ("fact", "allergy", "shellfish", ["allergic_to", "food_allergy"], [
            "Grace is allergic to shellfish.",
            "Grace can't eat prawns, crab or any other shellfish.",
            "Shellfish gives Grace a severe reaction.",
        ]),
        ("preference", "signoff", "Warmly, Grace", ["closing", "sign_off", "signature"], [
            "Grace wants drafted letters to end with 'Warmly, Grace'.",
            "Grace signs off with 'Warmly, Grace' on anything written for her.",
        ]),
        ("fact", "son_name", "Eli", ["son", "child_name"], [
            "Grace's son is named Eli.",
            "Grace has a son, Eli, who is in college.",
        ]),
        ("fact", "vehicle", "Prius", ["car", "drives"], [
            "Grace drives a Prius.",
            "Grace's car is a silver Toyota Prius.",
        ]),
        ("preference", "tone", "formal", ["style", "register"], [
            "Grace prefers a formal tone.",
            "Grace likes polite, professional wording rather than casual chat.",
            "Grace does not want slang in replies.",
        ]),
    ], "one_offs": [
        "Grace's sister is allergic to cats.",
        "Grace asked for a synonym of 'happy'.",
        "Grace rented a pickup truck for a move once.",
    ]},
    {"tenant": "hiroshi.tanaka", "style": "third_person", "language": "en", "items": [
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Hiroshi wants metric units.",
            "Hiroshi prefers measurements in centimetres and kilograms.",
            "Hiroshi finds inches and pounds confusing; use metric.",
        ]),
        ("fact", "dog_name", "Kuro", ["dog", "pet_name"], [
            "Hiroshi's dog is called Kuro.",
            "Hiroshi has a shiba inu named Kuro.",
        ]),
        ("fact", "job", "architect", ["occupation", "profession", "work"], [
            "Hiroshi is an architect.",
            "Hiroshi works as an architect designing schools.",
            "Hiroshi's profession is architecture.",
        ], {"value_aliases": ["architecture"]}),
        ("fact", "city", "Osaka", ["lives_in", "home_city", "location", "residence"], [
            "Hiroshi lives in Osaka.",
            "Hiroshi's home is in Osaka.",
        ]),
    ], "one_offs": [
        "Hiroshi's brother keeps a dog named Shiro.",
        "Hiroshi visited Nara on a day trip.",
    ]},
    {"tenant": "fatima.zahra", "style": "third_person", "language": "en", "items": [
        ("fact", "diet", "halal", ["eating", "food"], [
            "Fatima eats only halal food.",
            "Fatima keeps halal; no pork and no alcohol in recipes.",
            "Recipes for Fatima must be halal.",
        ]),
        ("fact", "brother_name", "Youssef", ["brother", "sibling"], [
            "Fatima's brother is Youssef.",
            "Fatima has an older brother called Youssef.",
        ]),
        ("preference", "format", "table", ["answer_format", "layout"], [
            "Fatima likes comparisons laid out as a table.",
            "Fatima wants tables whenever options are compared.",
        ], {"value_aliases": ["tables"]}),
        ("fact", "hometown", "Casablanca", ["city", "home_city", "town"], [
            "Fatima is from Casablanca.",
            "Fatima grew up in Casablanca.",
            "Casablanca is Fatima's hometown.",
        ]),
        ("fact", "employer", "Royal Air Maroc", ["company", "workplace", "work"], [
            "Fatima works for Royal Air Maroc.",
            "Fatima is cabin crew at Royal Air Maroc.",
        ]),
    ], "one_offs": [
        "Fatima's friend Youssra is getting married.",
        "Fatima asked about luggage size limits.",
    ]},
    {"tenant": "bjorn", "style": "third_person", "language": "en", "items": [
        ("fact", "favourite_team", "Rosenborg", ["team", "club", "football_team"], [
            "Bjorn's favourite team is Rosenborg.",
            "Bjorn supports Rosenborg.",
            "Bjorn never misses a Rosenborg match.",
        ]),
        ("fact", "cat_name", "Loki", ["cat", "pet_name"], [
            "Bjorn's cat is named Loki.",
            "Bjorn has a black cat called Loki.",
        ]),
        ("preference", "avoid_topic", "no politics", ["avoid", "politics", "topics"], [
            "Bjorn does not want political opinions in answers.",
            "Keep politics out of conversations with Bjorn.",
        ], {"value_aliases": ["politic"]}),
        ("fact", "vehicle", "Tesla Model 3", ["car", "drives"], [
            "Bjorn drives a Tesla Model 3.",
            "Bjorn's car is a Model 3.",
            "Bjorn charges his Tesla at work.",
        ], {"value_aliases": ["Model 3", "Tesla"]}),
    ], "stale": [
        ("vehicle", "Volvo V70", [
            "Bjorn drives a Volvo V70.",
            "Bjorn's car is an old Volvo estate, a V70.",
        ]),
        ("cat_name", "Freyja", [
            "Bjorn's cat is named Freyja.",
            "Bjorn has a grey cat called Freyja.",
        ]),
    ], "one_offs": [
        "Bjorn's neighbour's cat is called Odin.",
        "Bjorn asked for ski wax advice.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." / "The user ..."
    {"tenant": "acct-7781", "style": "user", "language": "en", "items": [
        ("preference", "language", "Spanish", ["answer_language", "reply_language"], [
            "User prefers responses in Spanish.",
            "The user wants the assistant to answer in Spanish.",
            "User reads Spanish more comfortably than English and asked for Spanish replies.",
        ]),
        ("fact", "employer", "Acme Bank", ["company", "workplace", "work"], [
            "User works at Acme Bank.",
            "The user is a loan officer at Acme Bank.",
        ]),
        ("fact", "hamster_name", "Churro", ["hamster", "pet_name"], [
            "User has a hamster named Churro.",
            "The user's hamster is called Churro.",
            "Churro is the user's hamster.",
        ]),
        ("preference", "summary_first", "TL;DR first", ["tldr", "summary", "structure"], [
            "User wants a TL;DR at the top of long answers.",
            "The user likes a short summary before the details.",
        ], {"value_aliases": ["summary", "tldr", "tl;dr"]}),
    ], "one_offs": [
        "User asked about exchange rates for the peso.",
        "The user's coworker has a hamster named Taco.",
        "User mentioned a dentist appointment on Friday.",
    ]},
    {"tenant": "c.morgan", "style": "user", "language": "en", "items": [
        ("fact", "city", "Denver", ["lives_in", "home_city", "location", "residence"], [
            "User lives in Denver.",
            "The user recently relocated to Denver.",
            "User's home is now in Denver, Colorado.",
        ]),
        ("fact", "partner_name", "Jess", ["wife", "spouse", "partner"], [
            "The user's wife is named Jess.",
            "User is married to Jess.",
        ]),
        ("preference", "format", "no bullet points", ["answer_format", "layout", "prose"], [
            "User dislikes bullet points and wants plain paragraphs.",
            "The user prefers flowing prose over lists.",
        ], {"value_aliases": ["prose", "paragraph"]}),
        ("fact", "diet", "vegan", ["eating", "food"], [
            "User is vegan.",
            "The user eats no animal products.",
            "User follows a plant-based diet.",
        ], {"value_aliases": ["plant-based", "plant based"]}),
    ], "stale": [
        ("city", "Chicago", [
            "User lives in Chicago.",
            "The user's apartment is in Chicago's Logan Square.",
        ]),
    ], "one_offs": [
        "User's friend is vegetarian and hosting a dinner.",
        "The user asked how to fix a squeaky door.",
        "User visited Chicago for a conference last spring.",
    ]},
    {"tenant": "usr_55310", "style": "user", "language": "en", "items": [
        ("preference", "address", "Captain", ["name", "nickname", "call_me"], [
            "User wants to be called Captain.",
            "The user asked to be addressed as 'Captain'.",
            "User enjoys being greeted as Captain.",
        ]),
        ("fact", "dog_name", "Pepper", ["dog", "pet_name"], [
            "User's dog is named Pepper.",
            "The user owns a border collie called Pepper.",
        ]),
        ("fact", "job", "firefighter", ["occupation", "profession", "work"], [
            "User is a firefighter.",
            "The user works as a firefighter on 24-hour shifts.",
            "User's job is with the fire department, as a firefighter.",
        ]),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "User prefers short answers.",
            "The user wants concise replies, a few sentences at most.",
            "User gets impatient with long explanations.",
        ], {"value_aliases": ["concise", "brief"]}),
    ], "one_offs": [
        "User asked for a chili recipe.",
        "The user's neighbour has a dog named Salt.",
    ]},
    {"tenant": "ines.b", "style": "user", "language": "en", "items": [
        ("fact", "birthplace", "Valparaíso", ["born_in", "place_of_birth", "hometown"], [
            "User was born in Valparaíso.",
            "The user's birthplace is Valparaíso, Chile.",
        ], {"value_aliases": ["Valparaiso"]}),
        ("fact", "instrument", "piano", ["plays", "music_instrument"], [
            "User plays the piano.",
            "The user has taken piano lessons since childhood.",
            "User practises piano before work.",
        ]),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "User prefers metric units.",
            "The user wants temperatures in Celsius and distances in kilometres.",
        ], {"value_aliases": ["celsius", "kilomet"]}),
        ("fact", "daughter_name", "Sofía", ["daughter", "child_name"], [
            "User's daughter is named Sofía.",
            "The user has a daughter called Sofía.",
            "Sofía is the user's daughter.",
        ], {"value_aliases": ["Sofia"]}),
        ("preference", "avoid_emoji", "no emoji", ["emoji", "avoid"], [
            "User does not want emojis in replies.",
            "The user finds emoji distracting.",
        ], {"value_aliases": ["emoji"]}),
    ], "one_offs": [
        "User asked about the guitar chords for a song.",
        "The user's niece is named Sofía too.",
    ]},
    {"tenant": "tenant_0042", "style": "user", "language": "en", "items": [
        ("fact", "allergy", "bee stings", ["allergic_to", "insect_allergy"], [
            "User is allergic to bee stings.",
            "The user carries an EpiPen because of a bee sting allergy.",
        ], {"value_aliases": ["bee"]}),
        ("fact", "vehicle", "Ford F-150", ["car", "truck", "drives"], [
            "User drives a Ford F-150.",
            "The user's truck is an F-150.",
            "User uses his F-150 to haul lumber.",
        ], {"value_aliases": ["F-150", "F150"]}),
        ("fact", "favourite_team", "Green Bay Packers", ["team", "football_team", "club"], [
            "User is a Green Bay Packers fan.",
            "The user's favourite team is the Packers.",
        ], {"value_aliases": ["Packers"]}),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "User wants imperial units.",
            "The user measures in feet and inches, not metres.",
            "User prefers Fahrenheit and miles.",
        ], {"value_aliases": ["fahrenheit", "feet", "miles"]}),
    ], "one_offs": [
        "User asked how to treat a wasp sting on a dog.",
        "The user's brother drives a Chevy Silverado.",
        "User wondered whether it will rain on Saturday.",
    ]},
    {"tenant": "noor.h", "style": "user", "language": "en", "items": [
        ("preference", "opening", "Salaam", ["greeting", "opening_line", "salutation"], [
            "User likes replies to begin with 'Salaam'.",
            "The user wants every answer to open with the greeting 'Salaam'.",
        ]),
        ("fact", "cat_name", "Simsim", ["cat", "pet_name"], [
            "User has a cat named Simsim.",
            "The user's cat is called Simsim.",
            "Simsim, the user's tabby, is 4 years old.",
        ]),
        ("fact", "employer", "Qatar Foundation", ["company", "workplace", "work"], [
            "User works at the Qatar Foundation.",
            "The user's employer is Qatar Foundation.",
        ]),
        ("fact", "hometown", "Amman", ["city", "home_city", "town"], [
            "User grew up in Amman.",
            "The user's hometown is Amman.",
            "User is originally from Amman, Jordan.",
        ]),
    ], "one_offs": [
        "User asked for a packing list for Doha in summer.",
        "The user's sister has a cat called Loulou.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "zoe_k", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "length", "200 words", ["answer_length", "word_limit", "max_words"], [
            "keep answers under 200 words pls",
            "max 200 wrds per reply",
            "dont go over two hundred words",
        ], {"value_aliases": ["200", "two hundred"]}),
        ("fact", "rabbit_name", "Waffles", ["rabbit", "bunny", "pet_name"], [
            "my rabit is called waffles",
            "has a bunny named waffles",
            "waffles the rabbit chewed my charger again",
        ]),
        ("fact", "job", "nurse", ["occupation", "profession", "work"], [
            "im a nurse",
            "works nights as a nurse in the er",
        ]),
        ("preference", "tone", "funny", ["style", "humour", "humor"], [
            "likes jokes and a funny tone",
            "be funny pls, i like a bit of humour",
            "enjoys witty answers",
        ], {"value_aliases": ["humour", "humor", "witty", "joke"]}),
    ], "one_offs": [
        "wants to knw what time the pharmacy closes",
        "my roommates rabbit is named pickle",
        "watched a horror movie yesterday",
    ]},
    {"tenant": "dmitri.v", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "tallinn", ["lives_in", "home_city", "location", "residence"], [
            "lives in tallinn",
            "i live in talinn now",
            "based in tallinn estonia",
        ], {"value_aliases": ["talinn"]}),
        ("preference", "code_language", "go", ["programming_language", "examples_language"], [
            "wants code exmaples in go",
            "prefers golang for snippets",
        ], {"value_aliases": ["golang"]}),
        ("fact", "wife_name", "katya", ["wife", "spouse", "partner", "partner_name"], [
            "wifes name is katya",
            "married to katya",
            "my wife katya says hi",
        ]),
        ("fact", "allergy", "pollen", ["allergic_to", "hay_fever"], [
            "alergic to pollen",
            "has hayfever, pollen is the worst in may",
        ], {"value_aliases": ["hayfever", "hay fever"]}),
    ], "stale": [
        ("city", "riga", [
            "lives in riga",
            "my flat in riga is tiny",
        ]),
    ], "one_offs": [
        "asked abt flights to helsinki",
        "colleage is allergic to cats",
    ]},
    {"tenant": "sammy99", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "format", "bullet points", ["answer_format", "layout"], [
            "likes bulet points",
            "use bullets pls",
            "wants lists not walls of text",
        ], {"value_aliases": ["bullet", "bulet", "list"]}),
        ("fact", "dog_name", "biscuit", ["dog", "pet_name"], [
            "dog is called biscuit",
            "has a lab named biscuit",
            "biscuit my labrador",
        ]),
        ("fact", "favourite_team", "arsenal", ["team", "club", "football_team"], [
            "supports arsenal",
            "huge arsenal fan",
            "fav team arsenal",
        ]),
        ("fact", "hometown", "leeds", ["city", "home_city", "town"], [
            "grew up in leeds",
            "from leeds originally",
        ]),
    ], "one_offs": [
        "mate supports spurs",
        "asked how to get a red wine stain out",
        "dogs vet appointment is on tues",
    ]},
    {"tenant": "kat.obrien", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "signoff", "xx kat", ["closing", "sign_off", "signature"], [
            "end emails with 'xx kat'",
            "sign off my messages as 'xx kat'",
        ]),
        ("fact", "boat_name", "dandelion", ["boat", "narrowboat"], [
            "lives on a narrowboat called dandelion",
            "my boat is named dandelion",
            "dandelion the narrowboat needs new paint",
        ]),
        ("fact", "employer", "the national trust", ["company", "workplace", "work"], [
            "works for the national trust",
            "job at national trust as a gardener",
        ], {"value_aliases": ["national trust"]}),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "metric pls",
            "use kilos and metres not pounds and feet",
            "prefers metric mesurements",
        ]),
        ("fact", "diet", "vegetarian", ["eating", "food"], [
            "im veggie",
            "vegetarian, no meat",
        ], {"value_aliases": ["veggie"]}),
    ], "one_offs": [
        "friend has a boat called minnow",
        "asked what canal locks are",
    ]},
    {"tenant": "jp_leroux", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "son_name", "theo", ["son", "child_name"], [
            "sons name is theo",
            "has a boy called theo, 8",
            "my son theo loves legos",
        ]),
        ("preference", "avoid_topic", "no spoilers", ["avoid", "spoilers"], [
            "no spoilers ever",
            "dont spoil movie endings for me",
        ], {"value_aliases": ["spoiler", "spoil"]}),
        ("fact", "vehicle", "vw golf", ["car", "drives"], [
            "drives a vw golf",
            "car is an old golf",
            "my golf needs new tyres",
        ], {"value_aliases": ["golf"]}),
        ("fact", "instrument", "drums", ["plays", "music_instrument"], [
            "plays drums",
            "drummer in a garage band",
        ], {"value_aliases": ["drum"]}),
    ], "one_offs": [
        "nephew is called theodore",
        "asked abt the best mini golf in town",
        "wants a recipe for crepes",
    ]},
    {"tenant": "amara.j", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "address", "mara", ["name", "nickname", "call_me"], [
            "call me mara",
            "prefers to be called mara not amara",
            "friends call me mara and so should u",
        ]),
        ("fact", "birthplace", "lagos", ["born_in", "place_of_birth", "hometown"], [
            "born in lagos",
            "lagos is where i was born",
        ]),
        ("fact", "cat_name", "pumpkin", ["cat", "pet_name"], [
            "cat is named pumpkin",
            "my cat pumpkin is so fat lol",
            "has a cat called pumpkn",
        ], {"value_aliases": ["pumpkn"]}),
        ("preference", "language", "english", ["answer_language", "reply_language"], [
            "answer in english pls even if i write in yoruba",
            "wants replies in english",
        ]),
    ], "one_offs": [
        "sisters cat is called ginger",
        "asked abt visa for ghana",
    ]},
    # ---------------------------------------------------------------- (f) non-English tenants
    {"tenant": "camille.r", "style": "non_english", "language": "fr", "items": [
        ("preference", "format", "listes à puces", ["answer_format", "layout"], [
            "Préfère les réponses sous forme de listes à puces.",
            "Veut des points clés plutôt que de longs paragraphes.",
            "Aime quand les informations sont présentées en liste.",
        ], {"value_aliases": ["puces", "liste", "bullet"]}),
        ("fact", "cat_name", "Caramel", ["chat", "cat", "pet_name"], [
            "A un chat qui s'appelle Caramel.",
            "Son chat se nomme Caramel.",
            "Caramel, le chat de la maison, a trois ans.",
        ]),
        ("fact", "city", "Nantes", ["ville", "lives_in", "home_city", "residence"], [
            "Habite à Nantes.",
            "Vit maintenant à Nantes avec sa famille.",
        ]),
        ("fact", "job", "infirmière", ["métier", "occupation", "profession", "work"], [
            "Travaille comme infirmière.",
            "Est infirmière de nuit au CHU.",
            "Son métier : infirmière.",
        ], {"value_aliases": ["infirmiere", "nurse"]}),
    ], "stale": [
        ("city", "Rennes", [
            "Habite à Rennes.",
            "A un appartement à Rennes près de la gare.",
        ]),
    ], "one_offs": [
        "Le chat de sa voisine s'appelle Réglisse.",
        "A demandé une recette de crêpes.",
        "Cherche un cadeau pour l'anniversaire de sa mère.",
    ]},
    {"tenant": "etienne.dubois", "style": "non_english", "language": "fr", "items": [
        ("preference", "address_form", "vouvoiement", ["tutoiement", "register", "formality", "address"], [
            "Je préfère qu'on me vouvoie.",
            "Merci de ne pas me tutoyer, le vouvoiement me convient mieux.",
            "Vouvoyez-moi, s'il vous plaît.",
        ], {"value_aliases": ["vouvo", "formal"]}),
        ("fact", "boat_name", "L'Albatros", ["bateau", "boat", "voilier"], [
            "Mon voilier s'appelle L'Albatros.",
            "Je navigue le week-end sur L'Albatros, mon petit voilier.",
        ], {"value_aliases": ["Albatros"]}),
        ("fact", "daughter_name", "Léa", ["fille", "daughter", "child_name"], [
            "Ma fille s'appelle Léa.",
            "Léa, ma fille, entre au lycée cette année.",
            "J'ai une fille, Léa.",
        ], {"value_aliases": ["Lea"]}),
        ("fact", "hometown", "Brest", ["ville_natale", "city", "town"], [
            "J'ai grandi à Brest.",
            "Je suis originaire de Brest.",
        ]),
        ("preference", "length", "courtes", ["answer_length", "longueur", "brevity"], [
            "Je veux des réponses courtes.",
            "Soyez bref, trois phrases maximum.",
        ], {"value_aliases": ["court", "bref", "brève", "short"]}),
    ], "one_offs": [
        "Mon beau-frère a un bateau qui s'appelle Le Goéland.",
        "Quelle est la météo prévue à Quimper demain ?",
    ]},
    {"tenant": "lucia.moreno", "style": "non_english", "language": "es", "items": [
        ("fact", "dog_name", "Toby", ["perro", "dog", "pet_name"], [
            "Tiene un perro llamado Toby.",
            "Su perro se llama Toby.",
            "Toby, su perro, es un golden retriever.",
        ]),
        ("preference", "units", "sistema métrico", ["unidades", "units", "measurement_units"], [
            "Prefiere el sistema métrico.",
            "Quiere las medidas en kilómetros y kilos.",
        ], {"value_aliases": ["métric", "metric", "kilómetro"]}),
        ("fact", "employer", "Telefónica", ["empresa", "company", "workplace", "work"], [
            "Trabaja en Telefónica.",
            "Es ingeniera de redes en Telefónica.",
            "Su empresa es Telefónica.",
        ], {"value_aliases": ["Telefonica"]}),
        ("fact", "allergy", "gluten", ["alergia", "allergic_to", "intolerance", "celiac"], [
            "Es celíaca, nada de gluten.",
            "No puede comer gluten.",
        ]),
    ], "one_offs": [
        "Su hermana tiene un perro llamado Rocco.",
        "Preguntó por horarios de trenes a Sevilla.",
        "Está leyendo una novela de Almudena Grandes.",
    ]},
    {"tenant": "jan.schreiber", "style": "non_english", "language": "de", "items": [
        ("preference", "address_form", "Sie", ["anrede", "register", "formality", "address"], [
            "Möchte gesiezt werden.",
            "Bitte mit 'Sie' ansprechen, nicht duzen.",
            "Bevorzugt die förmliche Anrede.",
        ], {"value_aliases": ["siez", "förmlich", "formal"]}),
        ("fact", "city", "Leipzig", ["stadt", "wohnort", "lives_in", "residence"], [
            "Wohnt in Leipzig.",
            "Lebt seit Jahren in Leipzig.",
        ]),
        ("fact", "son_name", "Lukas", ["sohn", "son", "child_name"], [
            "Sein Sohn heißt Lukas.",
            "Hat einen Sohn namens Lukas.",
            "Lukas, sein Sohn, spielt Handball.",
        ]),
        ("fact", "vehicle", "Lastenrad", ["fahrzeug", "vehicle", "bike", "cargo_bike"], [
            "Fährt ein Lastenrad.",
            "Erledigt alle Einkäufe mit dem Lastenrad.",
        ], {"value_aliases": ["cargo bike"]}),
        ("fact", "favourite_team", "RB Leipzig", ["verein", "team", "club"], [
            "Ist Fan von RB Leipzig.",
            "Sein Lieblingsverein ist RB Leipzig.",
        ]),
    ], "one_offs": [
        "Sein Kollege heißt Lukas Meier.",
        "Hat nach einem Rezept für Käsespätzle gefragt.",
    ]},
]
