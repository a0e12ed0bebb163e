"""THIRD DEV split (dev3) of the consolidation corpus: written after dev/ and dev2/ had been tuned against, from the
styles alone (not by rephrasing the other splits), with paraphrases that share few content words ("doesn't eat
meat" / "vegetarian", "plays the drums" / "drummer"), Dutch, Polish and Swedish tenants, one-off remarks about
someone else's attribute and stale values replaced later. Its figure before any tuning on it estimates how
consolidation does on unseen memory; after that it is one more dev split.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "wq_5521_d3", "style": "mem0", "language": "en", "items": [
        ("fact", "instrument", "drums", ["hobby", "plays", "music"], [
            "Plays the drums in a garage band",
            "Is a drummer",
            "Practices drumming most evenings",
        ], {"value_aliases": ["drum", "drummer", "drumming"]}),
        ("fact", "diet", "vegetarian", ["food", "eats", "diet_type"], [
            "Is vegetarian",
            "Doesn't eat meat",
            "Avoids meat and fish entirely",
        ], {"value_aliases": ["meat"]}),
        ("preference", "format", "bullet points", ["answer_format", "structure", "lists"], [
            "Prefers bullet points over paragraphs",
            "Likes answers formatted as lists",
        ], {"value_aliases": ["bullet", "list"]}),
    ], "one_offs": [
        "Neighbour plays the trumpet",
        "Wondered how long lentils need to soak",
        "Bought a new pair of headphones",
    ]},
    {"tenant": "f.nakamura_d3", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "cat_name", "Tofu", ["cat", "pet_name", "pet"], [
            "Has a cat named Tofu",
            "Tofu is a ginger cat who sleeps on the keyboard",
            "Cat is called Tofu",
        ]),
        ("preference", "length", "concise", ["answer_length", "brevity", "verbosity"], [
            "Prefers concise answers",
            "Gets annoyed by long-winded replies",
            "Wants responses kept brief",
        ], {"value_aliases": ["concise", "brief", "short", "long"]}),
        ("fact", "employer", "Siemens", ["work", "company", "works_at", "job"], [
            "Works at Siemens",
            "Employed by Siemens as a controls engineer",
        ]),
    ], "stale": [
        ("employer", "Bosch", [
            "Works at Bosch",
            "Is an engineer at Bosch",
        ]),
    ], "one_offs": [
        "Coworker's cat is named Pixel",
        "Asked for a recipe with miso",
    ]},
    {"tenant": "gm_0412_d3", "style": "mem0", "language": "en", "items": [
        ("fact", "allergy", "shellfish", ["allergic_to", "allergies", "food_allergy"], [
            "Is allergic to shellfish",
            "Can't eat shrimp or crab because of an allergy",
        ], {"value_aliases": ["shrimp", "crab"]}),
        ("fact", "son_name", "Elias", ["son", "child", "kid"], [
            "Son's name is Elias",
            "Has a son called Elias who is seven",
            "Elias, the son, just started second grade",
        ]),
        ("preference", "tone", "casual", ["style", "register", "formality"], [
            "Likes a relaxed, informal tone",
            "Prefers casual conversation over formal language",
        ], {"value_aliases": ["informal", "relaxed", "casual"]}),
        ("fact", "city", "Denver", ["lives_in", "home_city", "residence", "location"], [
            "Lives in Denver",
            "Lives in Denver, near Wash Park",
        ]),
    ], "one_offs": [
        "Nephew's name is Jonah",
        "Asked about hiking trails near Boulder",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "ines.v_d3", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "nurse", ["job", "occupation", "work"], [
            "I'm a nurse on a pediatric ward.",
            "I work in nursing, twelve-hour shifts mostly.",
        ], {"value_aliases": ["nursing"]}),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Give me measurements in metric, please.",
            "I think in kilos and centimetres, not pounds and inches.",
        ], {"value_aliases": ["kilo", "centimet", "metric"]}),
        ("fact", "dog_name", "Pepper", ["dog", "pet_name"], [
            "My dog is called Pepper.",
            "I just took Pepper, my beagle, to the vet.",
            "Pepper is my dog, she's three.",
        ]),
    ], "one_offs": [
        "My friend's dog is called Ziggy.",
        "I can't decide between two paint colours for the hallway.",
    ]},
    {"tenant": "rob_h_d3", "style": "first_person", "language": "en", "items": [
        ("fact", "city", "Leeds", ["lives_in", "home_city", "residence", "location"], [
            "I live in Leeds.",
            "We moved to Leeds last spring and love it.",
        ]),
        ("preference", "answer_style", "examples first", ["style", "format", "examples"], [
            "Show me an example before you explain the theory.",
            "I learn best from concrete examples, so lead with one.",
        ], {"value_aliases": ["example"]}),
        ("fact", "wife_name", "Claire", ["wife", "spouse", "partner"], [
            "My wife is Claire.",
            "Claire and I have been married ten years.",
        ]),
    ], "stale": [
        ("city", "Sheffield", [
            "I live in Sheffield.",
            "I'm based in Sheffield at the moment.",
        ]),
    ], "one_offs": [
        "My brother lives in Glasgow.",
        "I need a birthday gift idea for a ten-year-old.",
    ]},
    {"tenant": "kwame.o_d3", "style": "first_person", "language": "en", "items": [
        ("preference", "name", "KO", ["nickname", "call_me", "address"], [
            "Call me KO.",
            "Everyone calls me KO, please do the same.",
        ], {"value_aliases": ["ko"]}),
        ("fact", "running", "marathon runner", ["hobby", "sport", "exercise"], [
            "I run marathons.",
            "I'm training for my fourth marathon this autumn.",
            "Long-distance running is my thing.",
        ], {"value_aliases": ["marathon", "running", "run"]}),
        ("preference", "no_jargon", "plain language", ["jargon", "style", "simple"], [
            "Skip the jargon, please.",
            "Explain it to me like I'm not an expert.",
        ], {"value_aliases": ["jargon", "plain", "simple", "expert"]}),
    ], "one_offs": [
        "My sister runs half marathons sometimes.",
        "I burnt the rice again tonight.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "lucia.b_d3", "style": "third_person", "language": "en", "items": [
        ("fact", "birthplace", "Naples", ["born_in", "hometown", "origin"], [
            "Lucia was born in Naples.",
            "Lucia is originally from Naples.",
        ]),
        ("fact", "daughter_name", "Sofia", ["daughter", "child", "kid"], [
            "Lucia's daughter is named Sofia.",
            "Lucia has a daughter, Sofia, who studies law.",
            "Sofia is Lucia's daughter.",
        ]),
        ("preference", "language", "Italian", ["answer_language", "reply_language"], [
            "Lucia prefers to be answered in Italian.",
            "Lucia asked that replies be in Italian.",
        ]),
    ], "one_offs": [
        "Lucia's neighbour's daughter is named Greta.",
        "Lucia asked how to descale a kettle.",
    ]},
    {"tenant": "d.mensah_d3", "style": "third_person", "language": "en", "items": [
        ("fact", "lactose", "lactose intolerant", ["allergy", "dairy", "intolerance"], [
            "Daniel is lactose intolerant.",
            "Daniel can't digest milk.",
            "Daniel avoids dairy because it makes him ill.",
        ], {"value_aliases": ["lactose", "dairy", "milk"]}),
        ("fact", "car", "Subaru Outback", ["drives", "vehicle", "car_model"], [
            "Daniel drives a Subaru Outback.",
            "Daniel's car is a Subaru Outback.",
        ], {"value_aliases": ["subaru", "outback"]}),
        ("preference", "summary", "summary first", ["tldr", "format", "structure"], [
            "Daniel wants a one-line summary at the top.",
            "Daniel likes the bottom line stated before the details.",
        ], {"value_aliases": ["summary", "bottom line", "tl;dr"]}),
    ], "stale": [
        ("car", "Honda Civic", [
            "Daniel drives a Honda Civic.",
            "Daniel's car is an old Honda Civic.",
        ]),
    ], "one_offs": [
        "Daniel's brother drives a Tesla.",
        "Daniel asked for a packing list for a weekend trip.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." forms
    {"tenant": "acct_88107_d3", "style": "user", "language": "en", "items": [
        ("fact", "profession", "teacher", ["job", "occupation", "work"], [
            "User is a high-school teacher.",
            "The user teaches history to teenagers.",
            "User works as a teacher.",
        ], {"value_aliases": ["teach", "teaches"]}),
        ("preference", "code_language", "Python", ["programming_language", "language", "code"], [
            "User prefers code examples in Python.",
            "The user wants snippets written in Python, not JavaScript.",
        ]),
        ("fact", "tortoise_name", "Sheldon", ["tortoise", "pet_name", "pet"], [
            "User has a tortoise named Sheldon.",
            "The user's tortoise is called Sheldon.",
        ]),
    ], "one_offs": [
        "User's colleague has a tortoise named Speedy.",
        "The user asked what year the Berlin Wall fell.",
    ]},
    {"tenant": "u-20931_d3", "style": "user", "language": "en", "items": [
        ("fact", "hometown", "Cork", ["grew_up_in", "origin", "from"], [
            "User grew up in Cork.",
            "The user is from Cork, Ireland.",
        ]),
        ("preference", "no_emoji", "no emoji", ["emoji", "emojis", "style"], [
            "User doesn't want emojis in responses.",
            "The user finds emoji in answers distracting.",
        ], {"value_aliases": ["emoji"]}),
        ("fact", "diet", "vegan", ["food", "eats", "diet_type"], [
            "User is vegan.",
            "The user avoids all animal products.",
            "User follows a plant-based diet.",
        ], {"value_aliases": ["vegan", "plant-based", "plant based", "animal products"]}),
    ], "one_offs": [
        "User's mother grew up in Galway.",
        "The user asked about ferry times to Holyhead.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "zed99_d3", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "guitar", "guitarist", ["instrument", "hobby", "plays"], [
            "i play guitar in a metal band",
            "im a guitarist lol",
            "been shredding on my guitar all nite",
        ], {"value_aliases": ["guitar"]}),
        ("fact", "snake_name", "slinky", ["snake", "pet_name", "pet"], [
            "my snake is named slinky",
            "slinky my corn snake escaped again",
        ]),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "keep replys short pls",
            "dont write essays at me",
        ], {"value_aliases": ["short", "essay", "brief"]}),
    ], "one_offs": [
        "my roomate has a snake called noodle",
        "wat is the best energy drink",
    ]},
    {"tenant": "bella.r_d3", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "austin", ["lives_in", "home_city", "residence", "location"], [
            "i live in austin",
            "austin gets sooo hot, i live there",
        ]),
        ("fact", "allergy", "cats", ["allergic_to", "allergies"], [
            "im alergic to cats",
            "cats make me sneeze like crazy, allergy",
        ], {"value_aliases": ["cat"]}),
        ("preference", "tone", "funny", ["style", "humor", "register"], [
            "pls be funny when u answer",
            "i like when answers have jokes in them",
        ], {"value_aliases": ["funny", "joke", "humor", "humour"]}),
    ], "stale": [
        ("city", "dallas", [
            "i live in dallas",
            "dallas is home for now",
        ]),
    ], "one_offs": [
        "my cousin is alergic to peanuts",
        "whats a good movie for tonight",
    ]},
    # ---------------------------------------------------------------- (f) non-English
    {"tenant": "joost.dv_d3", "style": "non_english", "language": "nl", "items": [
        ("fact", "city", "Utrecht", ["lives_in", "home_city", "residence", "location"], [
            "Ik woon in Utrecht.",
            "Ik woon al jaren in Utrecht, vlak bij de Dom.",
        ]),
        ("fact", "dog_name", "Bram", ["dog", "hond", "pet_name"], [
            "Mijn hond heet Bram.",
            "Bram, mijn labrador, is vijf jaar oud.",
        ]),
        ("preference", "language", "Nederlands", ["answer_language", "reply_language"], [
            "Antwoord alsjeblieft in het Nederlands.",
            "Ik wil graag antwoorden in het Nederlands.",
        ], {"value_aliases": ["dutch", "nederlands"]}),
        ("fact", "diet", "vegetarisch", ["food", "eats", "diet_type"], [
            "Ik ben vegetariër.",
            "Ik eet geen vlees.",
        ], {"value_aliases": ["vegetarian", "vegetarier", "vlees"]}),
    ], "one_offs": [
        "De hond van mijn buurman heet Max.",
        "Hoe laat gaat de bakker open?",
    ]},
    {"tenant": "ola.k_d3", "style": "non_english", "language": "pl", "items": [
        ("fact", "city", "Kraków", ["lives_in", "home_city", "residence", "location"], [
            "Mieszkam w Krakowie.",
            "Mieszkam w Krakowie od urodzenia.",
        ], {"value_aliases": ["krakow", "krakowie", "cracow"]}),
        ("fact", "profession", "architekt", ["job", "occupation", "work"], [
            "Jestem architektką.",
            "Pracuję jako architektka w małym biurze.",
        ], {"value_aliases": ["architect", "architektka", "architektką"]}),
        ("preference", "length", "krótko", ["answer_length", "brevity"], [
            "Proszę o krótkie odpowiedzi.",
            "Odpowiadaj zwięźle, bez długich wstępów.",
        ], {"value_aliases": ["krótk", "short", "zwięźle", "concise"]}),
    ], "one_offs": [
        "Mój brat mieszka w Gdańsku.",
        "Jaka będzie jutro pogoda?",
    ]},
    {"tenant": "elin.s_d3", "style": "non_english", "language": "sv", "items": [
        ("fact", "cat_name", "Sixten", ["cat", "katt", "pet_name"], [
            "Min katt heter Sixten.",
            "Sixten är min katt, han är väldigt lat.",
        ]),
        ("fact", "city", "Göteborg", ["lives_in", "home_city", "residence", "location"], [
            "Jag bor i Göteborg.",
            "Jag bor i Göteborg sedan tre år.",
        ], {"value_aliases": ["goteborg", "gothenburg"]}),
        ("preference", "language", "svenska", ["answer_language", "reply_language"], [
            "Svara gärna på svenska.",
            "Jag vill ha svaren på svenska.",
        ], {"value_aliases": ["swedish", "svenska"]}),
    ], "stale": [
        ("city", "Malmö", [
            "Jag bor i Malmö.",
            "Jag bor i Malmö just nu.",
        ]),
    ], "one_offs": [
        "Min väns katt heter Findus.",
        "Vad ska jag laga till middag?",
    ]},
    {"tenant": "hye.p_d3", "style": "mem0", "language": "en", "items": [
        ("fact", "learning", "Japanese", ["studying", "language_learning", "language"], [
            "Is learning Japanese",
            "Studies Japanese twice a week with a tutor",
        ]),
        ("preference", "citations", "cite sources", ["sources", "references"], [
            "Wants sources for factual claims",
            "Asks for references so claims can be checked",
        ], {"value_aliases": ["source", "reference", "citation"]}),
        ("fact", "birthplace", "Busan", ["born_in", "hometown", "origin"], [
            "Was born in Busan",
            "Born and raised in Busan",
        ]),
    ], "one_offs": [
        "Friend is learning Spanish",
        "Asked how to clean a cast-iron pan",
    ]},
]
