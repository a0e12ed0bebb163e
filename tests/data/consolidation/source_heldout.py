"""HELD-OUT split of the consolidation corpus. NEVER tune against this part, never read it while tuning:
it exists so the reported figures measure memory nobody fitted the code to (see README.md).

Item: (kind, slot, canonical value, slot aliases, statements (each goes to a different session)[, extras]).
Stale: (slot of the item that replaces it, old value, statements). One-offs: said once, never to be selected.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "r.castellanos", "style": "mem0", "language": "en", "items": [
        ("fact", "tortoise_name", "Gordo", ["tortoise", "pet_name"], [
            "Has a tortoise named Gordo",
            "Tortoise is called Gordo and is over 40 years old",
            "Gordo the tortoise hibernates in a box in the garage",
        ]),
        ("preference", "opening", "Hey Rob", ["greeting", "opening_line", "salutation"], [
            "Wants replies to start with 'Hey Rob'",
            "Likes each answer to open with the greeting 'Hey Rob'",
        ]),
        ("fact", "employer", "Pacific Gas & Electric", ["company", "workplace", "work"], [
            "Works at Pacific Gas & Electric",
            "Is a lineman for Pacific Gas & Electric",
        ], {"value_aliases": ["PG&E", "Pacific Gas"]}),
        ("fact", "mother_name", "Dolores", ["mother", "mom", "parent"], [
            "Mother's name is Dolores",
            "Mom, Dolores, lives nearby and visits on Sundays",
            "Calls his mother Dolores every evening",
        ]),
    ], "one_offs": [
        "Asked about the lifespan of parrots",
        "Neighbour's tortoise is named Speedy",
        "Is thinking of repainting the fence",
    ]},
    {"tenant": "yuki_s", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("preference", "language", "Japanese", ["answer_language", "reply_language"], [
            "Prefers answers in Japanese",
            "Wants the assistant to reply in Japanese",
            "Reads Japanese faster than English, so responses should be in Japanese",
        ]),
        ("fact", "city", "Sapporo", ["lives_in", "home_city", "location", "residence"], [
            "Lives in Sapporo",
            "Moved to Sapporo and loves the snow there",
            "Home is Sapporo now",
        ]),
        ("fact", "instrument", "shamisen", ["plays", "music_instrument"], [
            "Plays the shamisen",
            "Takes shamisen lessons on Thursdays",
        ]),
        ("preference", "length", "150 words", ["answer_length", "word_limit", "max_words"], [
            "Wants answers kept under 150 words",
            "Replies should not exceed 150 words",
        ], {"value_aliases": ["150"]}),
    ], "stale": [
        ("city", "Fukuoka", [
            "Lives in Fukuoka",
            "Apartment is in Fukuoka near Hakata station",
        ]),
    ], "one_offs": [
        "Asked for a ramen recipe",
        "Friend plays the koto",
    ]},
    {"tenant": "ben.adeyemi", "style": "mem0", "language": "en", "items": [
        ("fact", "diet", "keto", ["eating", "food"], [
            "Follows a keto diet",
            "Is on a ketogenic diet, keeps carbs very low",
            "Avoids bread and sugar because of keto",
        ], {"value_aliases": ["ketogenic"]}),
        ("fact", "car_name", "Betty", ["car", "vehicle_name", "vehicle"], [
            "Calls his old Land Rover Betty",
            "Car is nicknamed Betty",
        ]),
        ("preference", "format", "bullet points", ["answer_format", "layout"], [
            "Prefers bullet-point answers",
            "Wants information broken into bullets",
        ], {"value_aliases": ["bullet"]}),
        ("fact", "grandmother_name", "Abeni", ["grandmother", "grandma", "gran"], [
            "Grandmother's name is Abeni",
            "Is close to his grandma Abeni",
            "Grandma Abeni taught him to cook",
        ]),
        ("fact", "job", "civil engineer", ["occupation", "profession", "work"], [
            "Works as a civil engineer",
            "Is a civil engineer on bridge projects",
        ]),
    ], "one_offs": [
        "Colleague is on a paleo diet",
        "Asked how to jump-start a car",
        "Wants to visit Lagos next year",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "hannah.w", "style": "first_person", "language": "en", "items": [
        ("preference", "address", "Han", ["name", "nickname", "call_me"], [
            "Just call me Han.",
            "I go by Han, nobody says Hannah.",
            "Han is fine, please use that.",
        ]),
        ("fact", "horse_name", "Clover", ["horse", "pony", "pet_name"], [
            "My horse is called Clover.",
            "I ride Clover, my mare, three times a week.",
            "I've had Clover since she was a foal.",
        ]),
        ("fact", "birthplace", "Cork", ["born_in", "place_of_birth", "hometown"], [
            "I was born in Cork.",
            "Cork is where I was born, though I grew up in Dublin.",
        ]),
        ("preference", "avoid_exclamations", "no exclamation marks", ["exclamation", "avoid", "punctuation"], [
            "Please don't use exclamation marks.",
            "I find exclamation points grating, leave them out.",
        ], {"value_aliases": ["exclamation"]}),
    ], "one_offs": [
        "My friend's horse is named Biscuit.",
        "I'm baking soda bread tonight.",
    ]},
    {"tenant": "marco_b", "style": "first_person", "language": "en", "items": [
        ("fact", "employer", "Ferrari", ["company", "workplace", "work"], [
            "I work at Ferrari.",
            "My job is at Ferrari in Maranello, in the paint shop.",
            "Ferrari has been my employer for a decade.",
        ]),
        ("fact", "son_name", "Matteo", ["son", "child_name"], [
            "My son is Matteo.",
            "Matteo, my son, plays youth football.",
        ]),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "I use metric.",
            "Give me kilometres and litres, never miles or gallons.",
            "Metric units, always.",
        ]),
        ("fact", "favourite_team", "Juventus", ["team", "club", "football_team"], [
            "I'm a Juventus supporter.",
            "Juve is my team.",
            "I follow Juventus every weekend.",
        ], {"value_aliases": ["Juve"]}),
        ("fact", "vehicle", "Fiat Panda", ["car", "drives"], [
            "I drive a Fiat Panda.",
            "My everyday car is a little Panda.",
        ], {"value_aliases": ["Panda"]}),
    ], "stale": [
        ("vehicle", "Alfa Romeo Giulietta", [
            "I drive an Alfa Romeo Giulietta.",
            "My car is a red Giulietta.",
        ]),
    ], "one_offs": [
        "My nephew Matías is visiting from Argentina.",
        "I test-drove a Lancia once.",
    ]},
    {"tenant": "olu.bankole", "style": "first_person", "language": "en", "items": [
        ("preference", "signoff", "Stay well, Olu", ["closing", "sign_off", "signature"], [
            "End letters you write for me with 'Stay well, Olu'.",
            "My sign-off is 'Stay well, Olu', please use it.",
        ]),
        ("fact", "allergy", "sesame", ["allergic_to", "food_allergy"], [
            "I'm allergic to sesame.",
            "Sesame seeds give me hives, keep them out of recipes.",
            "No sesame for me, it's an allergy.",
        ]),
        ("fact", "partner_name", "Chidi", ["husband", "spouse", "partner"], [
            "My husband is Chidi.",
            "Chidi and I have been married nine years.",
        ]),
        ("fact", "hometown", "Ibadan", ["city", "home_city", "town"], [
            "I grew up in Ibadan.",
            "Ibadan is my hometown.",
            "I'm from Ibadan originally.",
        ]),
    ], "one_offs": [
        "My coworker is allergic to shellfish.",
        "What's a good book for a long flight?",
        "Chidera from church asked me for a recipe.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "ingrid", "style": "third_person", "language": "en", "items": [
        ("fact", "boat_name", "Havørn", ["boat", "sailboat"], [
            "Ingrid's boat is called Havørn.",
            "Ingrid sails a ketch named Havørn.",
            "Havørn is the name of Ingrid's boat.",
        ], {"value_aliases": ["Havorn"]}),
        ("preference", "tone", "encouraging", ["style", "register"], [
            "Ingrid likes an encouraging tone.",
            "Ingrid responds best to supportive, upbeat feedback.",
        ], {"value_aliases": ["supportive", "upbeat"]}),
        ("fact", "job", "marine biologist", ["occupation", "profession", "work"], [
            "Ingrid is a marine biologist.",
            "Ingrid works as a marine biologist studying cod.",
        ]),
        ("fact", "city", "Bergen", ["lives_in", "home_city", "location", "residence"], [
            "Ingrid lives in Bergen.",
            "Ingrid's home is in Bergen.",
        ]),
    ], "one_offs": [
        "Ingrid's father owns a rowing boat called Lille.",
        "Ingrid asked about tide tables for Stavanger.",
    ]},
    {"tenant": "pablo.ruiz", "style": "third_person", "language": "en", "items": [
        ("fact", "dog_name", "Canela", ["dog", "pet_name"], [
            "Pablo's dog is named Canela.",
            "Pablo has a greyhound called Canela.",
            "Canela is Pablo's dog.",
        ]),
        ("preference", "code_language", "TypeScript", ["programming_language", "examples_language"], [
            "Pablo wants code examples in TypeScript.",
            "Pablo prefers TypeScript snippets to JavaScript ones.",
        ]),
        ("fact", "employer", "Glovo", ["company", "workplace", "work"], [
            "Pablo works at Glovo.",
            "Pablo is a backend developer at Glovo.",
            "Glovo employs Pablo.",
        ]),
        ("fact", "favourite_team", "Real Betis", ["team", "club", "football_team"], [
            "Pablo supports Real Betis.",
            "Pablo's favourite team is Betis.",
        ], {"value_aliases": ["Betis"]}),
        ("fact", "city", "Barcelona", ["lives_in", "home_city", "location", "residence"], [
            "Pablo lives in Barcelona.",
            "Pablo moved to Barcelona and stayed.",
        ]),
    ], "stale": [
        ("city", "Seville", [
            "Pablo lives in Seville.",
            "Pablo rents a flat in Seville's Triana district.",
        ]),
    ], "one_offs": [
        "Pablo's cousin has a dog called Trufa.",
        "Pablo asked about Python type hints once.",
    ]},
    {"tenant": "aisha.k", "style": "third_person", "language": "en", "items": [
        ("preference", "length", "5 bullet points", ["answer_length", "max_bullets"], [
            "Aisha wants at most 5 bullet points per answer.",
            "Aisha asks for no more than five bullets.",
        ], {"value_aliases": ["5", "five"]}),
        ("fact", "sister_name", "Zainab", ["sister", "sibling"], [
            "Aisha's sister is Zainab.",
            "Aisha has a younger sister called Zainab.",
            "Zainab, Aisha's sister, studies law.",
        ]),
        ("fact", "allergy", "latex", ["allergic_to"], [
            "Aisha is allergic to latex.",
            "Aisha needs latex-free gloves because of an allergy.",
        ]),
        ("fact", "instrument", "oud", ["plays", "music_instrument"], [
            "Aisha plays the oud.",
            "Aisha has played oud since she was twelve.",
            "Aisha practises her oud in the evenings.",
        ]),
    ], "one_offs": [
        "Aisha's friend is allergic to nuts.",
        "Aisha asked about visa rules for Canada.",
        "Aisha's cousin Zara plays the violin.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." / "The user ..."
    {"tenant": "acct-9902", "style": "user", "language": "en", "items": [
        ("fact", "parrot_name", "Kiwi", ["parrot", "bird", "pet_name"], [
            "User has a parrot named Kiwi.",
            "The user's parrot is called Kiwi.",
            "Kiwi is the user's African grey.",
        ]),
        ("preference", "language", "German", ["answer_language", "reply_language"], [
            "User wants answers in German.",
            "The user prefers replies written in German.",
        ]),
        ("fact", "employer", "Deutsche Bahn", ["company", "workplace", "work"], [
            "User works at Deutsche Bahn.",
            "The user is a train dispatcher for Deutsche Bahn.",
        ], {"value_aliases": ["DB"]}),
        ("preference", "format", "numbered list", ["answer_format", "steps"], [
            "User likes numbered lists.",
            "The user wants instructions as numbered steps.",
            "User prefers 1-2-3 style lists for procedures.",
        ], {"value_aliases": ["numbered"]}),
    ], "one_offs": [
        "User's neighbour has a budgie named Pip.",
        "The user asked about the weather in Cologne.",
    ]},
    {"tenant": "l.nakamura", "style": "user", "language": "en", "items": [
        ("fact", "partner_name", "Kenji", ["husband", "spouse", "partner"], [
            "User's husband is Kenji.",
            "The user is married to Kenji.",
            "User lives with her husband Kenji.",
        ]),
        ("fact", "hometown", "Honolulu", ["city", "home_city", "town"], [
            "User grew up in Honolulu.",
            "The user's hometown is Honolulu.",
        ]),
        ("preference", "avoid_topic", "no diet advice", ["avoid", "diet", "topics"], [
            "User does not want unsolicited diet advice.",
            "The user asked the assistant never to comment on her eating.",
        ], {"value_aliases": ["diet", "eating"]}),
        ("fact", "job", "pharmacist", ["occupation", "profession", "work"], [
            "User is a pharmacist.",
            "The user works as a hospital pharmacist.",
            "User's job is in a pharmacy, as a pharmacist.",
        ]),
        ("fact", "vehicle", "Honda Civic", ["car", "drives"], [
            "User drives a Honda Civic.",
            "The user's car is a Civic.",
        ], {"value_aliases": ["Civic"]}),
    ], "stale": [
        ("job", "teacher", [
            "User is a teacher.",
            "The user teaches chemistry at a high school.",
        ]),
    ], "one_offs": [
        "User's brother-in-law is named Kenta.",
        "The user asked about surf conditions on Oahu.",
    ]},
    {"tenant": "usr_77014", "style": "user", "language": "en", "items": [
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "User prefers imperial units.",
            "The user wants miles, pounds and Fahrenheit.",
        ], {"value_aliases": ["miles", "fahrenheit"]}),
        ("fact", "goat_name", "Clementine", ["goat", "pet_name"], [
            "User has a goat named Clementine.",
            "The user's goat is called Clementine.",
            "Clementine the goat escaped the pen again, user said.",
        ]),
        ("fact", "daughter_name", "Harper", ["daughter", "child_name"], [
            "User's daughter is Harper.",
            "The user has a daughter named Harper.",
        ]),
        ("fact", "birthplace", "Tulsa", ["born_in", "place_of_birth", "hometown"], [
            "User was born in Tulsa.",
            "The user's birthplace is Tulsa, Oklahoma.",
            "User is a Tulsa native.",
        ]),
    ], "one_offs": [
        "User asked how much hay a goat eats.",
        "The user's friend's daughter is called Piper.",
        "User mentioned a county fair this weekend.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "tyler.j", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "snake_name", "noodle", ["snake", "pet_name"], [
            "my snake is named noodle",
            "has a corn snake caled noodle",
            "noodle the snake shed her skin",
        ], {"value_aliases": ["noodle"]}),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "short answers pls",
            "keep it brief, no essays",
            "tl;dr style replys",
        ], {"value_aliases": ["brief", "concise"]}),
        ("fact", "employer", "costco", ["company", "workplace", "work"], [
            "works at costco",
            "job at costco in the warehouse",
        ]),
        ("fact", "favourite_team", "chicago bulls", ["team", "club", "basketball_team"], [
            "bulls fan",
            "fav team is the chicago bulls",
        ], {"value_aliases": ["bulls"]}),
    ], "one_offs": [
        "roomate has a snake named slinky",
        "asked abt cheap flights to vegas",
    ]},
    {"tenant": "nadia_f", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "address", "nad", ["name", "nickname", "call_me"], [
            "call me nad",
            "i go by nad",
        ]),
        ("fact", "city", "glasgow", ["lives_in", "home_city", "location", "residence"], [
            "lives in glasgow",
            "im in glasgow now",
            "based in glasgow",
        ]),
        ("fact", "allergy", "cats", ["allergic_to", "pet_allergy"], [
            "alergic to cats",
            "cant be around cats, allergy",
        ], {"value_aliases": ["cat"]}),
        ("fact", "brother_name", "sami", ["brother", "sibling"], [
            "brothers name is sami",
            "my bro sami is visiting",
            "has a brother called sami",
        ]),
        ("preference", "avoid_emoji", "no emoji", ["emoji", "avoid"], [
            "no emojis pls",
            "hates emoji in replys",
        ], {"value_aliases": ["emoji"]}),
    ], "stale": [
        ("city", "edinburgh", [
            "lives in edinburgh",
            "my flat in edinburgh is freezing",
        ]),
    ], "one_offs": [
        "friend sara loves cats",
        "asked abt train times to aberdeen",
    ]},
    {"tenant": "greg_h", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "boat_name", "reel therapy", ["boat", "fishing_boat"], [
            "boat is called reel therapy",
            "takes reel therapy out fishing sundays",
            "my boats name is reel therapy lol",
        ]),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "use feet and pounds",
            "imperial units pls not metric",
        ], {"value_aliases": ["feet", "pounds"]}),
        ("fact", "job", "electrician", ["occupation", "profession", "work"], [
            "im an electrician",
            "works as a electrician",
            "electrician by trade",
        ]),
        ("fact", "wife_name", "deb", ["wife", "spouse", "partner", "partner_name"], [
            "wifes name is deb",
            "married to deb for 30 yrs",
        ]),
    ], "one_offs": [
        "buddy has a boat named knot working",
        "asked how to fix a leaky faucet",
        "plumber is coming tues",
    ]},
    # ---------------------------------------------------------------- (f) non-English tenants
    {"tenant": "sophie.martin", "style": "non_english", "language": "fr", "items": [
        ("preference", "language", "anglais", ["answer_language", "langue"], [
            "Je veux que tu répondes en anglais.",
            "Réponds-moi en anglais, j'en ai besoin pour le travail.",
            "Mes réponses, je les préfère en anglais.",
        ], {"value_aliases": ["English", "anglais"]}),
        ("fact", "dog_name", "Filou", ["chien", "dog", "pet_name"], [
            "Mon chien s'appelle Filou.",
            "J'ai un épagneul qui se nomme Filou.",
        ]),
        ("fact", "employer", "Airbus", ["entreprise", "company", "workplace", "work"], [
            "Je travaille chez Airbus.",
            "Mon employeur, c'est Airbus, à Toulouse.",
            "Je suis ingénieure chez Airbus.",
        ]),
        ("fact", "partner_name", "Julien", ["mari", "conjoint", "partner", "spouse"], [
            "Mon compagnon s'appelle Julien.",
            "Je vis avec Julien, mon conjoint.",
        ]),
    ], "one_offs": [
        "Le chien de mes parents s'appelle Pirate.",
        "Quelle heure est-il à Montréal ?",
    ]},
    {"tenant": "diego.alvarez", "style": "non_english", "language": "es", "items": [
        ("preference", "address_form", "tuteo", ["trato", "register", "formality", "address"], [
            "Prefiere que le hablen de tú.",
            "Quiere un trato informal, tuteándolo.",
            "No le gusta que le traten de usted.",
        ], {"value_aliases": ["tú", "tute", "informal"]}),
        ("fact", "city", "Valencia", ["ciudad", "lives_in", "residence"], [
            "Vive en Valencia.",
            "Su casa está en Valencia, cerca de la playa.",
        ]),
        ("fact", "vehicle", "Seat León", ["coche", "car", "drives"], [
            "Conduce un Seat León.",
            "Su coche es un León gris.",
            "Va al trabajo en su Seat León.",
        ], {"value_aliases": ["León", "Leon"]}),
        ("fact", "diet", "vegetariano", ["dieta", "eating", "food"], [
            "Es vegetariano.",
            "No come carne ni pescado.",
        ], {"value_aliases": ["vegetarian"]}),
    ], "stale": [
        ("city", "Zaragoza", [
            "Vive en Zaragoza.",
            "Tiene un piso en Zaragoza.",
        ]),
    ], "one_offs": [
        "Su primo conduce un Seat Ibiza.",
        "Preguntó por una receta de paella.",
    ]},
    {"tenant": "katrin.weber", "style": "non_english", "language": "de", "items": [
        ("preference", "format", "Stichpunkte", ["answer_format", "format", "layout"], [
            "Möchte Antworten in Stichpunkten.",
            "Bevorzugt kurze Aufzählungen statt Fließtext.",
            "Findet Listen mit Spiegelstrichen am übersichtlichsten.",
        ], {"value_aliases": ["Stichpunkt", "Aufzählung", "Liste", "bullet"]}),
        ("fact", "cat_name", "Mausi", ["katze", "cat", "pet_name"], [
            "Ihre Katze heißt Mausi.",
            "Hat eine Katze namens Mausi.",
        ]),
        ("fact", "job", "Lehrerin", ["beruf", "occupation", "profession", "work"], [
            "Ist Lehrerin an einer Grundschule.",
            "Arbeitet als Lehrerin.",
            "Ihr Beruf: Grundschullehrerin.",
        ], {"value_aliases": ["lehrer", "teacher"]}),
        ("fact", "hometown", "Freiburg", ["heimatstadt", "city", "town"], [
            "Ist in Freiburg aufgewachsen.",
            "Stammt aus Freiburg im Breisgau.",
        ]),
    ], "one_offs": [
        "Die Katze ihrer Nachbarin heißt Minka.",
        "Hat nach Zugverbindungen nach Basel gefragt.",
        "Plant einen Urlaub an der Ostsee.",
    ]},
]
