"""NINTH DEV split (dev9) of the consolidation corpus: written from the style descriptions alone after dev/ to dev8/
had been tuned against, committed before anyone measured it. Half the tenants in a language no earlier split has
in its script, one language per tenant: Japanese in kana and kanji, Traditional Chinese, Norwegian (a Mem0 export),
Slovak (named third person), Serbian in Cyrillic, Lithuanian, Tamil, Urdu, Afrikaans (first person) and Estonian;
the rest in English across all styles. Each key item is said in 2-3 sessions with different verbs, word order and
inflection ("Bor i Bergen" / "Flyttet til Bergen i vår", "Gyvenu Kaune" / "Persikėliau į Kauną"), with one-offs
about someone else's attribute of the same type, transient remarks and stale values (moves, changed employers and
jobs, a changed temperature unit) in more than half the tenants.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
ADDRESS = ["form_of_address", "address", "tone", "register", "name"]
DIET = ["dietary", "food", "diet"]
ALLERGY = ["allergic_to", "allergies", "allergy"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "ingrid.h_d9", "style": "mem0", "language": "nb", "items": [
        ("preference", "language", "norsk", LANG, [
            "Vil ha svar på norsk",
            "Foretrekker at svarene skrives på bokmål",
            "Ønsker at assistenten svarer på norsk og ikke på engelsk",
        ], {"value_aliases": ["norwegian", "norsk", "bokmal"]}),
        ("fact", "city", "Bergen", CITY, [
            "Bor i Bergen",
            "Flyttet til Bergen i vår",
            "Har leilighet på Nordnes i Bergen",
        ]),
        ("fact", "dog_name", "Tass", ["dog", "pet_name", "pet", "hund"], [
            "Har en hund som heter Tass",
            "Går tur med Tass hver morgen før jobb",
        ]),
    ], "stale": [
        ("city", "Trondheim", [
            "Bor i Trondheim",
            "Leier en hybel i Trondheim",
        ]),
    ], "one_offs": [
        "Broren bor i Tromsø",
        "Glemte matpakken hjemme i dag",
    ]},
    {"tenant": "hollis.b_d9", "style": "mem0", "language": "en", "items": [
        ("preference", "units", "metric", ["unit_system", "measurement_units", "measurements"], [
            "Wants measurements in metric",
            "Prefers kilometres and kilograms over miles and pounds",
            "Uses the metric system, never imperial",
        ], {"value_aliases": ["metric", "kilomet", "kilogram"]}),
        ("fact", "employer", "Siemens Energy", EMPLOYER, [
            "Works at Siemens Energy",
            "Joined Siemens Energy this spring",
            "Drives to the Siemens Energy site in Orlando three days a week",
        ], {"value_aliases": ["siemens"]}),
        ("fact", "allergy", "penicillin", ALLERGY, [
            "Is allergic to penicillin",
            "Penicillin gives a bad rash, so avoid it in any medication suggestion",
        ]),
        ("fact", "vehicle", "Subaru Outback", ["car", "drives", "vehicle_model"], [
            "Drives a Subaru Outback",
            "Owns a green Subaru Outback with a roof box",
        ], {"value_aliases": ["subaru", "outback"]}),
    ], "stale": [
        ("employer", "Vestas", [
            "Works at Vestas",
            "Employed by Vestas as a service technician",
        ]),
    ], "one_offs": [
        "Sister is allergic to shellfish",
        "Asked about ferry times to Key West this weekend",
    ]},
    {"tenant": "chioma.o_d9", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("preference", "answer_format", "tables", ["format", "structure"], [
            "Likes comparisons laid out as tables",
            "Wants numbers shown in a table rather than in prose",
        ], {"value_aliases": ["table"]}),
        ("fact", "daughter_name", "Adaeze", ["daughter", "child", "kid"], [
            "Daughter's name is Adaeze",
            "Has a seven-year-old daughter called Adaeze",
            "Takes Adaeze to swimming lessons on Saturdays",
        ]),
        ("fact", "profession", "pharmacist", JOB, [
            "Is a pharmacist",
            "Works as a pharmacist now, dispensing prescriptions at a community pharmacy",
        ], {"value_aliases": ["pharmac"]}),
    ], "stale": [
        ("profession", "lab technician", [
            "Works as a lab technician",
            "Is a lab technician in a hospital blood lab",
        ]),
    ], "one_offs": [
        "Neighbour's son is called Tobi",
        "Wanted a recipe for jollof rice",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "maggie.l_d9", "style": "first_person", "language": "en", "items": [
        ("preference", "tone", "casual", ["style", "register", "voice"], [
            "Please keep it casual, no corporate speak.",
            "I like a relaxed, friendly tone in replies.",
        ], {"value_aliases": ["casual", "relaxed", "friendly", "informal"]}),
        ("fact", "hobby", "bouldering", ["hobbies", "sport", "pastime", "interest"], [
            "Bouldering is my main hobby.",
            "I spend three evenings a week at the climbing wall working on boulder problems.",
        ], {"value_aliases": ["boulder", "climb"]}),
        ("fact", "city", "Glasgow", CITY, [
            "I live in Glasgow now.",
            "Since moving to Glasgow I take the subway everywhere.",
            "Glasgow has been home for a few months.",
        ]),
    ], "stale": [
        ("city", "Leeds", [
            "I live in Leeds.",
            "My flat in Leeds is near the university.",
        ]),
    ], "one_offs": [
        "My cousin lives in Dundee.",
        "I burnt the toast this morning.",
    ]},
    {"tenant": "aled.j_d9", "style": "first_person", "language": "en", "items": [
        ("preference", "answer_length", "short", LENGTH, [
            "Keep answers under five sentences, please.",
            "I can't stand long replies; be brief.",
        ], {"value_aliases": ["short", "brief", "five sentences", "concise", "long"]}),
        ("fact", "diet", "vegan", DIET, [
            "I'm vegan.",
            "I don't eat meat, dairy or eggs.",
        ], {"value_aliases": ["vegan", "plant"]}),
        ("fact", "cat_name", "Pixel", ["cat", "pet_name", "pet"], [
            "My cat is called Pixel.",
            "I adopted Pixel, a grey tabby, two years ago.",
            "Pixel sleeps on my keyboard whenever I try to work.",
        ]),
    ], "one_offs": [
        "My friend's cat is named Luna.",
        "I'm so tired today.",
    ]},
    {"tenant": "pieter.v_d9", "style": "first_person", "language": "af", "items": [
        ("fact", "profession", "boer", JOB, [
            "Ek is 'n boer.",
            "Ek boer met skape en mielies naby Bethlehem.",
        ], {"value_aliases": ["boer", "farmer", "skape", "mielies"]}),
        ("fact", "daughter_name", "Anri", ["daughter", "child", "kid", "dogter"], [
            "My dogter se naam is Anri.",
            "Anri, my dogter, begin volgende jaar skool.",
        ]),
        ("preference", "language", "Afrikaans", LANG, [
            "Antwoord my asseblief in Afrikaans.",
            "Ek verkies antwoorde in Afrikaans.",
        ], {"value_aliases": ["afrikaans"]}),
    ], "one_offs": [
        "My buurman se dogter heet Elna.",
        "Dit het vandag gehael.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "zuzana.k_d9", "style": "third_person", "language": "sk", "items": [
        ("fact", "profession", "veterinárka", JOB, [
            "Zuzana je veterinárka.",
            "Zuzana lieči psy a mačky vo svojej ambulancii.",
        ], {"value_aliases": ["veterinar", "vet", "lieci", "ambulanc"]}),
        ("fact", "city", "Žilina", CITY, [
            "Zuzana býva v Žiline.",
            "Zuzana sa presťahovala do Žiliny.",
            "Zuzana má byt v centre Žiliny.",
        ], {"value_aliases": ["zilin"]}),
        ("preference", "language", "slovenčina", LANG, [
            "Zuzana chce odpovede po slovensky.",
            "Zuzana preferuje, aby sa jej písalo v slovenčine.",
        ], {"value_aliases": ["slovak", "slovensk", "slovenc"]}),
    ], "stale": [
        ("city", "Košice", [
            "Zuzana býva v Košiciach.",
            "Zuzana si prenajíma byt v Košiciach.",
        ]),
    ], "one_offs": [
        "Zuzanin brat je tiež veterinár.",
        "Zuzana dnes zmeškala autobus.",
    ]},
    {"tenant": "bernadette.o_d9", "style": "third_person", "language": "en", "items": [
        ("fact", "son_name", "Ciarán", ["son", "child", "kid"], [
            "Bernadette's son is called Ciarán.",
            "Bernadette drives Ciarán to hurling practice on Tuesdays.",
        ], {"value_aliases": ["ciaran"]}),
        ("fact", "employer", "Aer Lingus", EMPLOYER, [
            "Bernadette works at Aer Lingus.",
            "Bernadette got a job with Aer Lingus in crew scheduling.",
            "Bernadette's Aer Lingus badge gets her into the staff canteen.",
        ], {"value_aliases": ["aer lingus"]}),
        ("preference", "date_format", "DD/MM/YYYY", ["dates", "date"], [
            "Bernadette wants dates written as day/month/year.",
            "Bernadette finds month-first dates confusing and asks for DD/MM/YYYY.",
        ], {"value_aliases": ["dd mm", "day month", "day/month"]}),
    ], "stale": [
        ("employer", "Ryanair", [
            "Bernadette works for Ryanair.",
            "Bernadette has been with Ryanair for six years.",
        ]),
    ], "one_offs": [
        "Bernadette's brother works for Intel.",
        "Bernadette asked about parking at the airport.",
    ]},
    {"tenant": "farida.n_d9", "style": "third_person", "language": "en", "items": [
        ("preference", "address", "Dr. Nasser", ADDRESS, [
            "Farida likes to be addressed as Dr. Nasser.",
            "Farida asks the assistant to call her Dr Nasser.",
        ], {"value_aliases": ["nasser", "dr"]}),
        ("fact", "hobby", "pottery", ["hobbies", "pastime", "interest", "craft"], [
            "Farida does pottery at weekends.",
            "Farida throws bowls on the wheel in her garage and glazes them herself.",
        ], {"value_aliases": ["pottery", "ceramic", "wheel", "bowls"]}),
        ("fact", "city", "Leicester", CITY, [
            "Farida lives in Leicester.",
            "Farida's house is in Leicester, ten minutes from the station.",
        ]),
    ], "one_offs": [
        "Farida's colleague lives in Derby.",
        "Farida asked whether the trains are running during the strike.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..."
    {"tenant": "usr_7734_d9", "style": "user", "language": "en", "items": [
        ("fact", "vehicle", "Honda CB500", ["motorbike", "motorcycle", "bike", "rides"], [
            "User rides a Honda CB500.",
            "The user commutes on a Honda motorbike, a CB500.",
        ], {"value_aliases": ["honda", "cb500"]}),
        ("preference", "answer_order", "answer first", ["structure", "format", "order"], [
            "User wants the answer first and the explanation after.",
            "The user asks for the conclusion up front, with details below it.",
        ], {"value_aliases": ["answer first", "conclusion", "up front", "first"]}),
        ("fact", "profession", "electrician", JOB, [
            "User is an electrician.",
            "The user wires new houses for a living.",
            "User qualified as an electrician and does it full time now.",
        ], {"value_aliases": ["electric", "wires", "wiring"]}),
    ], "stale": [
        ("profession", "barista", [
            "User works as a barista.",
            "The user makes coffee at a café for a living.",
        ]),
    ], "one_offs": [
        "User's uncle is an electrician.",
        "User asked how long to boil an egg.",
    ]},
    {"tenant": "usr_2290_d9", "style": "user", "language": "en", "items": [
        ("preference", "temperature_unit", "Fahrenheit", ["units", "temperature", "unit"], [
            "User wants temperatures in Fahrenheit.",
            "The user asks for weather in °F now.",
            "User switched to Fahrenheit for all temperatures.",
        ], {"value_aliases": ["fahrenheit", "f"]}),
        ("fact", "allergy", "bee stings", ALLERGY, [
            "User is allergic to bee stings.",
            "The user carries an EpiPen because of a bee sting allergy.",
        ], {"value_aliases": ["bee", "sting"]}),
        ("fact", "parrot_name", "Kiwi", ["parrot", "pet_name", "pet", "bird"], [
            "User has a parrot named Kiwi.",
            "The user's parrot Kiwi can whistle a whole tune.",
        ]),
    ], "stale": [
        ("temperature_unit", "Celsius", [
            "User wants temperatures in Celsius.",
            "The user asks for °C in forecasts.",
        ]),
    ], "one_offs": [
        "User's sister has a parrot called Mango.",
        "User asked what day the recycling goes out.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "jaz_k_d9", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "profession", "bartender", JOB, [
            "im a bartender",
            "pourin pints til 2am most nites, its my job",
        ], {"value_aliases": ["bartend", "bar", "pints"]}),
        ("fact", "city", "Manchester", CITY, [
            "moved 2 manchester last month",
            "livin in manchester now",
            "manchester rain is relentless",
        ], {"value_aliases": ["manchester", "manc"]}),
        ("preference", "emoji", "no emojis", ["emojis", "style", "format"], [
            "no emojis pls",
            "dont put emojis in ur answers",
        ], {"value_aliases": ["emoji"]}),
    ], "stale": [
        ("city", "Liverpool", [
            "i live in liverpool",
            "my liverpool flat has mould",
        ]),
    ], "one_offs": [
        "my bro is a bartender 2",
        "forgot my keys lol",
    ]},
    {"tenant": "tkm_d9", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "answer_format", "bullet points", ["format", "structure", "lists"], [
            "use bullet points pls",
            "bullet lists r way easier 4 me to read",
        ], {"value_aliases": ["bullet", "list"]}),
        ("fact", "dog_name", "Pickles", ["dog", "pet_name", "pet"], [
            "my dogs name is pickles",
            "pickles my beagle snores all nite",
        ]),
        ("fact", "diet", "gluten free", DIET + ["allergy", "coeliac", "celiac"], [
            "im gluten free coz celiac",
            "cant eat gluten at all",
        ], {"value_aliases": ["gluten", "celiac", "coeliac"]}),
    ], "one_offs": [
        "my mums dog is called rex",
        "so hungover today",
    ]},
    # ---------------------------------------------------------------- (f) non-English, one language per tenant
    {"tenant": "haruka.s_d9", "style": "non_english", "language": "ja", "items": [
        ("preference", "language", "日本語", LANG, [
            "日本語で答えてください。",
            "返事は日本語がいいです。",
        ], {"value_aliases": ["japanese", "日本語"]}),
        ("fact", "city", "福岡", CITY, [
            "今は福岡に住んでいます。",
            "先月、福岡に引っ越しました。",
            "福岡のアパートは駅から近いです。",
        ], {"value_aliases": ["fukuoka", "福岡"]}),
        ("fact", "cat_name", "モチ", ["cat", "pet_name", "pet", "猫"], [
            "猫の名前はモチです。",
            "モチという猫を飼っています。",
        ], {"value_aliases": ["mochi", "モチ"]}),
    ], "stale": [
        ("city", "大阪", [
            "大阪に住んでいます。",
            "大阪のマンションを借りています。",
        ]),
    ], "one_offs": [
        "姉は名古屋に住んでいます。",
        "今日は雨が降っています。",
    ]},
    {"tenant": "weiting.c_d9", "style": "non_english", "language": "zh-hant", "items": [
        ("preference", "language", "繁體中文", LANG, [
            "請用繁體中文回答。",
            "希望回覆使用繁體字，不要簡體。",
        ], {"value_aliases": ["traditional chinese", "繁體", "繁體中文", "繁體字"]}),
        ("fact", "diet", "素食", DIET + ["vegetarian"], [
            "我吃素。",
            "我不吃肉，也不吃海鮮。",
        ], {"value_aliases": ["vegetarian", "素", "吃素", "不吃肉"]}),
        ("fact", "employer", "台積電", EMPLOYER, [
            "我現在在台積電上班。",
            "去年跳槽到台積電。",
            "台積電的工作很忙。",
        ], {"value_aliases": ["tsmc", "台積電"]}),
    ], "stale": [
        ("employer", "聯發科", [
            "我在聯發科工作。",
            "聯發科的同事很照顧我。",
        ]),
    ], "one_offs": [
        "我弟弟在鴻海上班。",
        "今天好冷。",
    ]},
    {"tenant": "milos.p_d9", "style": "non_english", "language": "sr", "items": [
        ("fact", "profession", "ватрогасац", JOB, [
            "Радим као ватрогасац.",
            "Дежурам у ватрогасној бригади сваке друге ноћи.",
        ], {"value_aliases": ["firefighter", "ватрогас"]}),
        ("fact", "city", "Нови Сад", CITY, [
            "Живим у Новом Саду.",
            "Стан ми је у Новом Саду, близу Дунава.",
        ], {"value_aliases": ["novi sad", "нови сад", "новом саду"]}),
        ("preference", "language", "српски", LANG, [
            "Одговарај ми на српском.",
            "Жели одговоре на српском језику, ћирилицом.",
        ], {"value_aliases": ["serbian", "српск"]}),
    ], "one_offs": [
        "Мој брат живи у Београду.",
        "Данас је велика гужва у граду.",
    ]},
    {"tenant": "rasa.v_d9", "style": "non_english", "language": "lt", "items": [
        ("preference", "language", "lietuvių", LANG, [
            "Atsakyk lietuviškai.",
            "Nori atsakymų lietuvių kalba.",
        ], {"value_aliases": ["lithuanian", "lietuv"]}),
        ("fact", "city", "Kaunas", CITY, [
            "Dabar gyvenu Kaune.",
            "Persikėliau į Kauną.",
            "Mano butas yra Kauno senamiestyje.",
        ], {"value_aliases": ["kaun"]}),
        ("fact", "dog_name", "Margis", ["dog", "pet_name", "pet", "suo"], [
            "Mano šuns vardas Margis.",
            "Turiu šunį, vardu Margis.",
        ], {"value_aliases": ["margis"]}),
    ], "stale": [
        ("city", "Vilnius", [
            "Gyvenu Vilniuje.",
            "Nuomojuosi butą Vilniuje.",
        ]),
    ], "one_offs": [
        "Sesuo gyvena Klaipėdoje.",
        "Šiandien lyja.",
    ]},
    {"tenant": "karthik.r_d9", "style": "non_english", "language": "ta", "items": [
        ("preference", "language", "தமிழ்", LANG, [
            "தமிழில் பதில் சொல்லுங்கள்.",
            "பதில்கள் தமிழில் வேண்டும்.",
        ], {"value_aliases": ["tamil", "தமிழ"]}),
        ("fact", "city", "சென்னை", CITY, [
            "நான் சென்னையில் வசிக்கிறேன்.",
            "சென்னையில் எனக்கு சொந்த வீடு இருக்கிறது.",
        ], {"value_aliases": ["chennai", "சென்னை"]}),
        ("fact", "profession", "மருத்துவர்", JOB, [
            "நான் ஒரு மருத்துவர்.",
            "மருத்துவமனையில் நோயாளிகளைப் பார்க்கிறேன்.",
        ], {"value_aliases": ["doctor", "மருத்துவ"]}),
    ], "one_offs": [
        "என் அண்ணன் மதுரையில் இருக்கிறார்.",
        "இன்று ரொம்ப வெயில்.",
    ]},
    {"tenant": "ayesha.m_d9", "style": "non_english", "language": "ur", "items": [
        ("preference", "language", "اردو", LANG, [
            "مجھے اردو میں جواب دیں۔",
            "اردو زبان میں جواب پسند کرتی ہیں۔",
        ], {"value_aliases": ["urdu", "اردو"]}),
        ("fact", "city", "لاہور", CITY, [
            "اب میں لاہور میں رہتی ہوں۔",
            "لاہور منتقل ہو گئی ہوں۔",
            "لاہور میں ہمارا گھر ماڈل ٹاؤن میں ہے۔",
        ], {"value_aliases": ["lahore", "لاہور"]}),
        ("fact", "allergy", "مونگ پھلی", ALLERGY, [
            "مجھے مونگ پھلی سے الرجی ہے۔",
            "مونگ پھلی کھانے سے میری طبیعت خراب ہو جاتی ہے۔",
        ], {"value_aliases": ["peanut", "مونگ"]}),
    ], "stale": [
        ("city", "کراچی", [
            "میں کراچی میں رہتی ہوں۔",
            "کراچی والا فلیٹ کرائے کا ہے۔",
        ]),
    ], "one_offs": [
        "میری بہن اسلام آباد میں رہتی ہے۔",
        "آج بہت گرمی ہے۔",
    ]},
    {"tenant": "kadri.t_d9", "style": "non_english", "language": "et", "items": [
        ("fact", "employer", "Bolt", EMPLOYER, [
            "Töötan Boltis.",
            "Bolt on mu uus tööandja.",
            "Boltis on meil igal reedel koosolek.",
        ], {"value_aliases": ["bolt"]}),
        ("fact", "cat_name", "Miisu", ["cat", "pet_name", "pet", "kass"], [
            "Mul on kass nimega Miisu.",
            "Miisu magab terve päeva diivanil.",
        ]),
        ("preference", "answer_length", "lühike", LENGTH, [
            "Vasta lühidalt, palun.",
            "Pikki vastuseid ei taha.",
        ], {"value_aliases": ["short", "luhi", "pikk", "brief"]}),
    ], "stale": [
        ("employer", "Skype", [
            "Töötan Skype'is.",
            "Skype'i kontor on Ülemiste lähedal.",
        ]),
    ], "one_offs": [
        "Mu vend töötab Wise'is.",
        "Täna sadas lund.",
    ]},
]
