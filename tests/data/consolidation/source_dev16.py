"""SIXTEENTH DEV split (dev16) of the consolidation corpus: users' PREFERENCES about the assistant's answers, the items
an adapter visibly changes, written from the style descriptions alone after earlier splits had been tuned against,
committed before anyone measured it. Preferences as memory layers and users really write them: requests ("pls just
give me the code"), complaints ("stop writing essays", "I hate when you apologize"), a memory layer's meta-notes
("Dislikes emoji in responses", "Prefers the assistant to skip pleasantries"), conditionals ("When asking about code,
wants examples in Python") and paraphrases sharing few words ("Prefers concise answers" / "Wants responses kept under
100 words" / "Likes tl;dr-style replies"). Kinds: length, format (bullets, tables, numbered steps, markdown off), tone
and formality, form of address and nickname, answer language, units, date and clock formats, spelling, code language
and style, topics to avoid, opening and closing habits, level of detail. Some facts per tenant. Changed minds as the
stale/new pair ("said bullet points are fine now", "switched to metric") in most tenants; one-offs: a one-time request
("answer this one in German") and someone else's preference ("my boss wants tables").

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once. A change statement is the
first statement of the new value, so build.py places it in the earliest of that item's sessions.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language", "language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
TONE = ["tone", "style", "register", "formality", "voice"]
ADDRESS = ["form_of_address", "address", "name", "call", "nickname"]
FORMAT = ["format", "answer_format", "structure", "lists", "style"]
CODE = ["programming_language", "code", "code_language", "language"]
UNITS = ["unit", "units", "measurement", "measurements", "temperature"]
EMOJI = ["emoji", "emojis", "style", "format", "tone"]
OPENING = ["opening", "greeting", "intro", "style", "pleasantries"]
CLOSING = ["closing", "ending", "summary", "style"]
DETAIL = ["detail", "level", "expertise", "depth", "style"]
AVOID = ["avoid", "topics", "topic", "avoid_topics"]
PET = ["pet", "pet_name"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less meta-notes
    {"tenant": "kenji.w_d16", "style": "mem0", "language": "en", "items": [
        ("preference", "length", "concise answers", LENGTH, [
            "Prefers concise answers",
            "Wants responses kept under 100 words",
            "Likes tl;dr-style replies",
        ], {"value_aliases": ["concise", "short", "100 words", "tl;dr", "brief"]}),
        ("preference", "emoji", "no emoji", EMOJI, [
            "Dislikes emoji in responses",
            "Does not want smileys or emoticons in answers",
        ], {"value_aliases": ["emoji", "smiley"]}),
        ("fact", "city", "Portland", CITY, [
            "Lives in Portland",
            "Rents a bungalow in the Sellwood neighborhood of Portland",
        ]),
    ], "one_offs": [
        "Asked for one answer in Spanish to share with a neighbor",
        "Boss prefers slide decks with lots of emoji",
    ]},
    {"tenant": "amara.o_d16", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("preference", "opening", "skip pleasantries", OPENING, [
            "Prefers the assistant to skip pleasantries",
            "Wants replies to get straight to the point without greetings",
        ], {"value_aliases": ["pleasantries", "greeting", "straight to the point"]}),
        ("preference", "code_language", "Python", CODE, [
            "Switched from JavaScript to Python and wants code examples in Python now",
            "When asking about code, wants examples in Python",
            "Prefers Python for code snippets",
        ], {"value_aliases": ["python"]}),
        ("fact", "job", "data engineer", JOB, [
            "Works as a data engineer",
            "Is a data engineer at a freight logistics firm",
        ]),
    ], "stale": [
        ("code_language", "JavaScript", [
            "Prefers JavaScript for code examples",
            "Wants code samples written in JavaScript",
        ]),
    ], "one_offs": [
        "Colleague likes code samples in Go",
        "Asked for a haiku about autumn rain",
    ]},
    {"tenant": "lotte.v_d16", "style": "mem0", "language": "en", "items": [
        ("preference", "units", "metric", UNITS, [
            "Switched to metric units",
            "Wants measurements in kilometres and kilograms",
            "Does not want miles or pounds in answers",
        ], {"value_aliases": ["metric", "kilometres", "kilograms", "km", "kg"]}),
        ("preference", "date_format", "YYYY-MM-DD", ["date", "dates", "date_format", "format"], [
            "Prefers dates written as YYYY-MM-DD",
            "Wants ISO 8601 dates in replies",
        ], {"value_aliases": ["iso", "yyyy-mm-dd", "8601"]}),
        ("preference", "detail", "expert level", DETAIL, [
            "Assume expert-level knowledge in answers",
            "Does not want basic concepts explained",
        ], {"value_aliases": ["expert", "basic"]}),
        ("fact", "pet_name", "Henk", ["tortoise"] + PET, [
            "Has a tortoise named Henk",
            "Henk the tortoise hibernates in a box in the garage",
        ]),
    ], "stale": [
        ("units", "imperial", [
            "Prefers imperial units",
            "Wants distances given in miles",
        ]),
    ], "one_offs": [
        "Partner wants recipes measured in cups",
        "Asked once how many centimetres are in five feet",
    ]},
    {"tenant": "rafael.m_d16", "style": "mem0", "language": "en", "items": [
        ("preference", "format", "tables", FORMAT, [
            "Likes comparisons presented as tables",
            "Wants side-by-side options laid out in a grid with columns",
        ], {"value_aliases": ["table", "tables", "grid", "columns"]}),
        ("preference", "closing", "no closing summary", CLOSING, [
            "Doesn't want a summary paragraph at the end of answers",
            "Dislikes recaps that repeat what was just said",
        ], {"value_aliases": ["summary", "recap"]}),
        ("fact", "allergy", "shellfish", ["allergic_to", "allergies", "allergy"], [
            "Is allergic to shellfish",
            "Avoids shrimp and crab because of a shellfish allergy",
        ]),
    ], "one_offs": [
        "Manager wants weekly reports as bullet lists",
        "Needed a quick answer about a delayed train today",
    ]},
    {"tenant": "beatriz.c_d16", "style": "mem0", "language": "pt", "items": [
        ("preference", "code_language", "Python", CODE, [
            "Prefere exemplos de código em Python",
            "Quando pergunta sobre programação, quer a resposta em Python",
        ], {"value_aliases": ["python"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Não gosta de respostas longas",
            "Prefere respostas diretas e curtas",
            "Quer no máximo um parágrafo por resposta",
        ], {"value_aliases": ["curtas", "curta", "longas", "parágrafo", "short"]}),
        ("fact", "city", "Curitiba", CITY, [
            "Mora em Curitiba",
            "Tem um apartamento no centro de Curitiba",
        ]),
    ], "one_offs": [
        "O chefe dela quer tudo em Java",
        "Pediu uma vez a resposta em inglês para um colega",
    ]},
    # ---------------------------------------------------------------- (b) first person: requests and complaints
    {"tenant": "nadia.k_d16", "style": "first_person", "language": "en", "items": [
        ("preference", "address", "Naddy", ADDRESS, [
            "Call me Naddy, please.",
            "I'd rather you address me as Naddy than Nadia.",
        ], {"value_aliases": ["naddy"]}),
        ("preference", "apologies", "no apologies", ["apology", "apologies", "tone", "style"], [
            "I hate when you apologize, just fix it.",
            "Stop saying sorry all the time.",
            "No apologies in your answers please.",
        ], {"value_aliases": ["apolog", "sorry"]}),
        ("fact", "city", "Leeds", CITY, [
            "I live in Leeds.",
            "My flat in Leeds is tiny but it's close to the station.",
        ]),
    ], "one_offs": [
        "My sister goes by Didi.",
        "Can you answer this one in German? It's for a friend.",
    ]},
    {"tenant": "tomasz.b_d16", "style": "first_person", "language": "en", "items": [
        ("preference", "code_only", "code without explanation", ["code", "format", "style", "explanation"], [
            "Just give me the code, skip the explanation.",
            "I only need the code block, not a walkthrough of it.",
            "Don't explain the code unless I ask.",
        ], {"value_aliases": ["code", "explanation", "walkthrough"]}),
        ("preference", "markdown", "no markdown", FORMAT + ["markdown"], [
            "Plain text please, no markdown. My terminal shows the asterisks.",
            "Don't use markdown formatting, I read answers in a terminal.",
        ], {"value_aliases": ["markdown", "plain text"]}),
        ("fact", "employer", "Allegro", EMPLOYER, [
            "I left CD Projekt and joined Allegro.",
            "I work at Allegro.",
            "At Allegro I'm on the payments team.",
        ]),
    ], "stale": [
        ("employer", "CD Projekt", [
            "I work at CD Projekt.",
            "CD Projekt is where I write build tooling.",
        ]),
    ], "one_offs": [
        "My teammate wants everything in Rust.",
        "Explain this one in detail, I'm preparing a talk.",
    ]},
    {"tenant": "grace.h_d16", "style": "first_person", "language": "en", "items": [
        ("preference", "detail", "beginner level", DETAIL, [
            "Explain things like I'm a complete beginner.",
            "Please avoid jargon, I'm new to all this.",
        ], {"value_aliases": ["beginner", "jargon", "new"]}),
        ("preference", "format", "numbered steps", FORMAT, [
            "Actually, numbered steps work better for me now.",
            "Give me instructions as numbered steps.",
            "For how-tos I like step 1, step 2, step 3.",
        ], {"value_aliases": ["numbered", "steps", "step"]}),
        ("fact", "son_name", "Oliver", ["son", "child", "children", "kid"], [
            "My son Oliver is seven.",
            "Oliver, my son, is obsessed with dinosaurs.",
        ]),
    ], "stale": [
        ("format", "paragraphs", [
            "Write how-tos as flowing paragraphs, not lists.",
            "I find lists choppy, I prefer prose.",
        ]),
    ], "one_offs": [
        "My husband prefers video tutorials.",
        "Just this once, give me the long version.",
    ]},
    {"tenant": "ahmed.s_d16", "style": "first_person", "language": "en", "items": [
        ("preference", "clock", "24-hour clock", ["clock", "time", "time_format", "format"], [
            "I've switched to the 24-hour clock, please use it.",
            "Use the 24-hour clock when you give me times.",
            "Write 18:30, not 6:30 pm.",
        ], {"value_aliases": ["24", "18:30"]}),
        ("preference", "temperature", "Celsius", UNITS, [
            "Temperatures in Celsius, please.",
            "I don't think in Fahrenheit at all.",
        ], {"value_aliases": ["celsius", "fahrenheit"]}),
        ("preference", "opening", "no flattery", OPENING, [
            "Don't start with 'Great question!'",
            "Skip the flattery at the start of your answers.",
        ], {"value_aliases": ["great question", "flattery"]}),
        ("fact", "city", "Dubai", CITY, [
            "I live in Dubai.",
            "Summers in Dubai are brutal, I barely go out in August.",
        ]),
    ], "stale": [
        ("clock", "12-hour clock", [
            "I like times written in 12-hour format with am and pm.",
            "Give me times like 7 pm rather than 19:00.",
        ]),
    ], "one_offs": [
        "My dad can only read 12-hour times.",
        "What time is it in Tokyo right now?",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "marta.j_d16", "style": "third_person", "language": "en", "items": [
        ("preference", "length", "short answers", LENGTH, [
            "Marta changed her mind and now wants short answers.",
            "Marta gets annoyed by long-winded replies.",
            "Marta asked for a two-sentence limit on answers.",
        ], {"value_aliases": ["short", "long-winded", "two-sentence"]}),
        ("preference", "language", "Spanish", LANG, [
            "Marta prefers answers in Spanish.",
            "Marta likes the assistant to reply in Spanish.",
        ], {"value_aliases": ["spanish", "español"]}),
        ("fact", "dog_name", "Pipa", ["dog"] + PET, [
            "Marta's dog is called Pipa.",
            "Marta walks Pipa, her beagle, every evening.",
        ]),
    ], "stale": [
        ("length", "long detailed answers", [
            "Marta likes long, detailed answers.",
            "Marta wants every answer to cover all the background.",
        ]),
    ], "one_offs": [
        "Marta's boss wants every report as a table.",
        "Marta asked for one answer in English to forward to a coworker.",
    ]},
    {"tenant": "jonas.e_d16", "style": "third_person", "language": "en", "items": [
        ("preference", "tone", "formal", TONE, [
            "Jonas prefers a formal tone.",
            "Jonas dislikes slang and casual phrasing in replies.",
        ], {"value_aliases": ["formal", "slang", "casual"]}),
        ("preference", "address", "Mr. Eriksen", ADDRESS, [
            "Jonas wants to be addressed as Mr. Eriksen.",
            "Jonas asked the assistant to call him Mr. Eriksen, not Jonas.",
        ], {"value_aliases": ["eriksen"]}),
        ("preference", "code_style", "type hints", ["code", "code_style", "style", "typing"], [
            "Jonas wants type hints in all Python code.",
            "Jonas expects snippets to be fully type-annotated.",
        ], {"value_aliases": ["type hints", "type-annotated", "typed"]}),
        ("fact", "employer", "Spotify", EMPLOYER, [
            "Jonas works at Spotify.",
            "Jonas is a backend developer at Spotify.",
        ]),
    ], "one_offs": [
        "Jonas's intern wants memes in replies.",
        "Jonas needed one casual birthday message for a friend.",
    ]},
    {"tenant": "priya.n_d16", "style": "third_person", "language": "en", "items": [
        ("preference", "avoid", "no diet advice", AVOID, [
            "Priya does not want diet or weight-loss advice.",
            "Priya asked the assistant never to bring up calorie counting.",
        ], {"value_aliases": ["diet", "weight", "calorie"]}),
        ("preference", "spelling", "British spelling", ["spelling", "style", "language", "dialect"], [
            "Priya switched to British spelling after moving to London.",
            "Priya prefers British spelling.",
            "Priya wants 'colour' and 'organise', not the American forms.",
        ], {"value_aliases": ["british", "colour"]}),
        ("fact", "job", "pharmacist", JOB, [
            "Priya is a pharmacist.",
            "Priya works weekend shifts as a pharmacist.",
        ]),
    ], "stale": [
        ("spelling", "American spelling", [
            "Priya wants American spelling.",
            "Priya uses US spellings like 'color' and asked for the same.",
        ]),
    ], "one_offs": [
        "Priya's mother likes recipes in cups.",
        "Priya wanted a limerick today.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." / "The user ..."
    {"tenant": "bella_d16", "style": "user", "language": "en", "items": [
        ("preference", "format", "bullet points", FORMAT, [
            "User said bullet points are fine now.",
            "User prefers bullet points over paragraphs.",
            "User wants key points as a bulleted list.",
        ], {"value_aliases": ["bullet", "bulleted"]}),
        ("preference", "language", "German", LANG, [
            "User wants answers in German.",
            "User would like the assistant to reply in German.",
        ], {"value_aliases": ["german", "deutsch"]}),
        ("fact", "diet", "vegetarian", ["dietary", "food", "diet"], [
            "User is vegetarian.",
            "User does not eat meat or fish.",
        ], {"value_aliases": ["vegetarian", "meat"]}),
    ], "stale": [
        ("format", "no bullet points", [
            "User dislikes bullet points.",
            "User wants prose instead of lists.",
        ]),
    ], "one_offs": [
        "User asked for one reply in French for a letter.",
        "User's sister wants everything in bullet points.",
    ]},
    {"tenant": "liam_d16", "style": "user", "language": "en", "items": [
        ("preference", "length", "short answers", LENGTH, [
            "The user wants the assistant to stop writing essays.",
            "The user prefers one-paragraph answers.",
        ], {"value_aliases": ["essays", "one-paragraph", "short"]}),
        ("preference", "code_language", "TypeScript", CODE, [
            "The user wants code examples in TypeScript.",
            "The user asked for TypeScript rather than plain JavaScript in snippets.",
        ], {"value_aliases": ["typescript"]}),
        ("preference", "punctuation", "no exclamation marks", ["punctuation", "style", "tone"], [
            "The user doesn't want exclamation marks in answers.",
            "The user finds exclamation points in replies irritating.",
        ], {"value_aliases": ["exclamation"]}),
        ("fact", "city", "Melbourne", CITY, [
            "The user moved from Sydney to Melbourne.",
            "The user lives in Melbourne.",
        ]),
    ], "stale": [
        ("city", "Sydney", [
            "The user lives in Sydney.",
            "The user rents an apartment in Sydney near Bondi.",
        ]),
    ], "one_offs": [
        "The user's manager likes long detailed write-ups.",
        "The user asked for one answer with lots of exclamation marks for a party invite.",
    ]},
    {"tenant": "sofia_d16", "style": "user", "language": "en", "items": [
        ("preference", "tone", "warm", TONE, [
            "User now wants a warmer tone instead of a businesslike one.",
            "User prefers a warm, friendly tone.",
            "User likes when the assistant sounds encouraging.",
        ], {"value_aliases": ["warm", "friendly", "encouraging"]}),
        ("preference", "opening", "summary first", OPENING, [
            "User wants a one-line summary at the top of answers.",
            "User likes the bottom line first, then the details.",
        ], {"value_aliases": ["summary", "bottom line", "one-line"]}),
        ("preference", "avoid", "no politics", AVOID, [
            "User does not want politics brought up.",
            "User asked the assistant to keep political topics out of conversations.",
        ], {"value_aliases": ["politic"]}),
        ("fact", "pet_name", "Miso", ["cat"] + PET, [
            "User has a cat named Miso.",
            "User's cat Miso sleeps on the keyboard.",
        ]),
    ], "stale": [
        ("tone", "neutral businesslike", [
            "User prefers a strictly neutral, businesslike tone.",
            "User wants no warmth or small talk, just facts.",
        ]),
    ], "one_offs": [
        "User's brother wants blunt answers.",
        "User asked for a political comparison once for a school essay.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "devkid_d16", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "code_only", "code without explanation", ["code", "format", "style", "explanation"], [
            "pls just give me the code",
            "dont explain the code just paste it",
            "code only, no walkthru",
        ], {"value_aliases": ["code", "explain", "walkthru"]}),
        ("preference", "length", "short answers", LENGTH, [
            "stop writing essays lol",
            "keep it short like 3 lines max",
        ], {"value_aliases": ["essays", "short", "3 lines"]}),
        ("fact", "school", "University of Waterloo", ["school", "university", "study", "studies", "education"], [
            "im a student at uni of waterloo",
            "studying cs at waterloo, 2nd year",
        ], {"value_aliases": ["waterloo"]}),
    ], "one_offs": [
        "my roomate likes long explanations",
        "explain this one fully tho its for an exam",
    ]},
    {"tenant": "mo_d16", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "address", "Mo", ADDRESS, [
            "call me mo not mohammed",
            "i go by mo",
            "pls just say mo when u talk to me",
        ], {"value_aliases": ["mo"]}),
        ("preference", "emoji", "no emoji", EMOJI, [
            "actualy emojis are annoying now, no more pls",
            "no emojis pls",
            "hate the emoji spam in ur replies",
        ], {"value_aliases": ["emoji"]}),
        ("fact", "car", "Honda Civic", ["car", "drives", "vehicle_model", "vehicle"], [
            "i drive a civic",
            "my honda civic needs new tires",
        ], {"value_aliases": ["civic"]}),
    ], "stale": [
        ("emoji", "emoji welcome", [
            "emojis are fun keep using them",
            "love when u add emojis",
        ]),
    ], "one_offs": [
        "my bro wants to be called moe money lol",
        "use emojis in this one its for a bday card",
    ]},
    {"tenant": "kat_d16", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "units", "metric", UNITS, [
            "switch to metric pls",
            "km and kg from now on",
            "i think in kilometers now, not miles",
        ], {"value_aliases": ["metric", "km", "kg", "kilometers"]}),
        ("preference", "opening", "no filler openers", OPENING, [
            "dont start answers with 'sure!'",
            "skip the 'certainly!' intro stuff",
        ], {"value_aliases": ["sure", "certainly", "intro"]}),
        ("preference", "recipe_units", "grams", ["units", "recipe", "recipes", "cooking"], [
            "when i ask for recipes give me grams",
            "recipes in grams not cups plz",
        ], {"value_aliases": ["grams"]}),
        ("fact", "cat_name", "Luna", ["cat"] + PET, [
            "my cat is called luna",
            "luna knocked my coffee over again",
        ]),
    ], "stale": [
        ("units", "imperial", [
            "miles r easier for me",
            "use imperial units pls",
        ]),
    ], "one_offs": [
        "my mom only gets fahrenheit",
        "convert 10 oz to grams real quick",
    ]},
    # ---------------------------------------------------------------- (f) other languages
    {"tenant": "claire.d_d16", "style": "non_english", "language": "fr", "items": [
        ("preference", "address", "tutoiement", ADDRESS + TONE, [
            "Finalement, tu peux me tutoyer.",
            "Tutoie-moi, s'il te plaît.",
            "Je préfère qu'on se tutoie.",
        ], {"value_aliases": ["tutoie", "tutoyer", "tutoiement", "tu"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Je veux des réponses courtes.",
            "Fais court, pas de pavés.",
        ], {"value_aliases": ["courtes", "court", "short"]}),
        ("fact", "city", "Nantes", CITY, [
            "J'habite à Nantes.",
            "Mon appart à Nantes donne sur l'Erdre.",
        ]),
    ], "stale": [
        ("address", "vouvoiement", [
            "Vouvoyez-moi, je vous prie.",
            "Je préfère le vouvoiement.",
        ]),
    ], "one_offs": [
        "Mon patron veut toujours des tableaux.",
        "Réponds à celle-ci en anglais, c'est pour un collègue.",
    ]},
    {"tenant": "felix.h_d16", "style": "non_english", "language": "de", "items": [
        ("preference", "language", "Deutsch", LANG, [
            "Ab jetzt bitte lieber auf Deutsch antworten.",
            "Bitte antworte mir immer auf Deutsch.",
            "Ich möchte die Antworten auf Deutsch.",
        ], {"value_aliases": ["deutsch", "german"]}),
        ("preference", "opening", "no preamble", OPENING, [
            "Keine langen Einleitungen, komm direkt zum Punkt.",
            "Spar dir die Floskeln am Anfang.",
        ], {"value_aliases": ["einleitung", "floskeln", "punkt"]}),
        ("fact", "employer", "Siemens", EMPLOYER, [
            "Ich arbeite bei Siemens.",
            "Bei Siemens bin ich Ingenieur in der Bahnsparte.",
        ]),
    ], "stale": [
        ("language", "English", [
            "Antworte mir auf Englisch.",
            "Ich will die Antworten auf Englisch, zum Üben.",
        ]),
    ], "one_offs": [
        "Meine Chefin will alles als Tabelle.",
        "Übersetz mir das bitte einmal ins Spanische.",
    ]},
    {"tenant": "yui.t_d16", "style": "non_english", "language": "ja", "items": [
        ("preference", "tone", "casual", TONE, [
            "敬語は使わないでほしい",
            "タメ口で話してほしい",
        ], {"value_aliases": ["敬語", "タメ口", "casual"]}),
        ("preference", "format", "bullet points", FORMAT, [
            "答えは箇条書きにしてほしい",
            "要点を箇条書きでまとめてくれると助かる",
        ], {"value_aliases": ["箇条書き", "bullet"]}),
        ("fact", "city", "名古屋", CITY, [
            "名古屋に住んでいる",
            "名古屋の栄の近くに住んでいる",
        ], {"value_aliases": ["nagoya"]}),
    ], "one_offs": [
        "上司は表で報告してほしいらしい",
        "今回だけ英語で答えて",
    ]},
]
