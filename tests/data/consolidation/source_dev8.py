"""EIGHTH DEV split (dev8) of the consolidation corpus: written from the style descriptions alone after dev/ to dev7/
had been tuned against, committed before anyone measured it. Mostly non-English tenants, one language per tenant,
each in the shapes memory layers write in that language (Mem0-style subject-less, first person, named third person,
lower case and typos): Ukrainian, Romanian, Hindi (Devanagari), Portuguese, Polish, Turkish, Italian, Russian,
Spanish, German and French as earlier splits had them, and Bengali, Malay and Bulgarian, which none had. Each key
item is said in 2-3 sessions with different verbs, word order and inflection ("Живу в Харкові" / "квартира в
Харкові"), with one-offs about someone else's attribute of the same type, transient remarks and stale values
(moves, changed employers and jobs, a switched code language).

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
ADDRESS = ["form_of_address", "address", "tone", "register"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less, in Malay
    {"tenant": "nurul.a_d8", "style": "mem0", "language": "ms", "items": [
        ("fact", "profession", "jururawat", JOB, [
            "Bekerja sebagai jururawat",
            "Bertugas syif malam di wad kecemasan hospital",
        ], {"value_aliases": ["nurse", "jururawat", "wad", "hospital"]}),
        ("fact", "city", "Johor Bahru", CITY, [
            "Tinggal di Johor Bahru",
            "Menetap di Johor Bahru bersama suami dan anak-anak",
            "Berpindah ke Johor Bahru awal tahun ini",
        ], {"value_aliases": ["johor", "jb"]}),
        ("preference", "language", "bahasa Melayu", LANG, [
            "Mahu jawapan dalam bahasa Melayu",
            "Lebih suka balasan ditulis dalam Bahasa Malaysia",
        ], {"value_aliases": ["malay", "melayu", "bahasa malaysia"]}),
    ], "stale": [
        ("city", "Ipoh", [
            "Tinggal di Ipoh",
            "Menyewa rumah teres di Ipoh",
        ]),
    ], "one_offs": [
        "Adik lelaki tinggal di Kuching",
        "Bertanya resipi nasi lemak",
    ]},
    # ---------------------------------------------------------------- (b) first person, in German
    {"tenant": "jonas.w_d8", "style": "first_person", "language": "de", "items": [
        ("fact", "profession", "Tischler", JOB, [
            "Ich arbeite als Tischler.",
            "In meiner Werkstatt baue ich Möbel aus Eichenholz.",
        ], {"value_aliases": ["tischler", "schreiner", "carpenter", "mobel", "werkstatt"]}),
        ("preference", "address", "du", ADDRESS, [
            "Bitte duz mich.",
            "Die Sie-Form finde ich steif, sag einfach du zu mir.",
        ], {"value_aliases": ["du", "duz", "informal"]}),
        ("fact", "city", "Leipzig", CITY, [
            "Ich wohne jetzt in Leipzig.",
            "Seit dem Umzug nach Leipzig fahre ich mit der Straßenbahn zur Arbeit.",
        ]),
    ], "stale": [
        ("city", "Kassel", [
            "Ich wohne in Kassel.",
            "Meine Wohnung in Kassel hat keinen Balkon.",
        ]),
    ], "one_offs": [
        "Mein Vater war auch Tischler.",
        "Heute habe ich den Bus verpasst.",
    ]},
    # ---------------------------------------------------------------- (c) named third person, in French
    {"tenant": "camille.r_d8", "style": "third_person", "language": "fr", "items": [
        ("fact", "profession", "sage-femme", JOB, [
            "Camille est sage-femme.",
            "Camille aide les femmes à accoucher à la maternité de Nantes.",
        ], {"value_aliases": ["sage femme", "midwife", "accouch", "maternite"]}),
        ("fact", "rabbit_name", "Caramel", ["rabbit", "pet_name", "pet", "lapin"], [
            "Camille a un lapin qui s'appelle Caramel.",
            "Le lapin de Camille, Caramel, a rongé les câbles du salon.",
        ]),
        ("preference", "language", "français", LANG, [
            "Camille veut des réponses en français.",
            "Camille préfère qu'on lui écrive dans sa langue, le français.",
        ], {"value_aliases": ["french", "francais"]}),
    ], "one_offs": [
        "La sœur de Camille est sage-femme elle aussi.",
        "Camille a raté son train ce matin.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..."
    {"tenant": "usr_5521_d8", "style": "user", "language": "en", "items": [
        ("fact", "profession", "paramedic", JOB, [
            "User is a paramedic.",
            "The user works on an ambulance crew and treats patients on the way to hospital.",
        ], {"value_aliases": ["paramedic", "ambulance"]}),
        ("fact", "son_name", "Theo", ["son", "child", "kid"], [
            "User's son is named Theo.",
            "The user picks Theo up from school every afternoon.",
        ]),
        ("preference", "code_language", "Go", ["programming_language", "code", "language"], [
            "User wants code examples in Go.",
            "The user asks for snippets written in Golang.",
        ], {"value_aliases": ["go", "golang"]}),
    ], "stale": [
        ("code_language", "Java", [
            "User wants code examples in Java.",
            "The user asks for Java snippets.",
        ]),
    ], "one_offs": [
        "User's neighbour is a paramedic too.",
        "User asked what time the pharmacy closes.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos, English
    {"tenant": "gaz_88_d8", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "profession", "plumber", JOB, [
            "im a plumber",
            "fixin leaky pipes all day, its my trade",
        ], {"value_aliases": ["plumb", "pipe"]}),
        ("fact", "allergy", "cats", ["allergic_to", "allergies"], [
            "allergic 2 cats",
            "cats make me sneeze like crazy",
        ], {"value_aliases": ["cat"]}),
        ("fact", "city", "Cardiff", CITY, [
            "moved to cardiff",
            "cardiff rent is way cheaper",
            "livin in cardiff now",
        ]),
    ], "stale": [
        ("city", "Bristol", [
            "live in bristol",
            "my bristol flat is tiny",
        ]),
    ], "one_offs": [
        "my mate is a plumber 2",
        "lost my phone charger lol",
    ]},
    # ---------------------------------------------------------------- (f) non-English, one language per tenant
    {"tenant": "oksana.h_d8", "style": "non_english", "language": "uk", "items": [
        ("preference", "language", "українська", LANG, [
            "Відповідай українською, будь ласка.",
            "Хоче отримувати відповіді українською мовою.",
        ], {"value_aliases": ["ukrainian", "українськ"]}),
        ("fact", "city", "Львів", CITY, [
            "Тепер живу у Львові.",
            "Переїхала до Львова минулого місяця.",
            "Гуляю вечорами центром Львова.",
        ], {"value_aliases": ["lviv", "львов", "львів"]}),
        ("fact", "profession", "програмістка", JOB, [
            "Працює програмісткою.",
            "Пишу бекенд на Go для банку.",
        ], {"value_aliases": ["programmer", "developer", "програміст", "бекенд"]}),
    ], "stale": [
        ("city", "Харків", [
            "Живу в Харкові.",
            "Моя квартира в Харкові на п'ятому поверсі.",
        ]),
    ], "one_offs": [
        "Сестра живе в Одесі.",
        "Сьогодні йде сніг.",
    ]},
    {"tenant": "andrei.p_d8", "style": "non_english", "language": "ro", "items": [
        ("preference", "answer_format", "liste", ["format", "structure"], [
            "Prefer răspunsurile sub formă de listă cu puncte.",
            "Vrea liste, nu paragrafe lungi.",
        ], {"value_aliases": ["list", "lista", "liste", "bullet", "puncte"]}),
        ("fact", "dog_name", "Rex", ["dog", "pet_name", "pet", "caine"], [
            "Am un câine pe nume Rex.",
            "Rex, cățelul meu, a mâncat iar papucii.",
            "Îl plimb pe Rex în parc dimineața.",
        ]),
        ("fact", "employer", "UiPath", EMPLOYER, [
            "M-am angajat la UiPath.",
            "Lucrez acum la UiPath, în echipa de testare.",
            "La UiPath avem ședințe în fiecare luni.",
        ], {"value_aliases": ["uipath"]}),
    ], "stale": [
        ("employer", "Dacia", [
            "Lucrez la Dacia, în Mioveni.",
            "Colegii mei de la Dacia merg la pescuit sâmbăta.",
        ]),
    ], "one_offs": [
        "Fratele meu lucrează la Renault.",
        "Azi am uitat umbrela acasă.",
    ]},
    {"tenant": "rahul.v_d8", "style": "non_english", "language": "hi", "items": [
        ("preference", "language", "हिंदी", LANG, [
            "कृपया मुझे हिंदी में जवाब दें।",
            "हिंदी में उत्तर पसंद करता है।",
        ], {"value_aliases": ["hindi", "हिंदी", "हिन्दी"]}),
        ("fact", "diet", "शाकाहारी", ["dietary", "food", "vegetarian"], [
            "मैं शाकाहारी हूँ।",
            "मांस और अंडे बिल्कुल नहीं खाता।",
        ], {"value_aliases": ["vegetarian", "शाकाहारी", "मांस"]}),
        ("fact", "profession", "शिक्षक", JOB, [
            "अब मैं शिक्षक हूँ।",
            "स्कूल में बच्चों को गणित पढ़ाता हूँ।",
        ], {"value_aliases": ["teacher", "शिक्षक", "पढ़ाता", "गणित"]}),
    ], "stale": [
        ("profession", "क्लर्क", [
            "मैं बैंक में क्लर्क हूँ।",
            "बैंक में क्लर्क की नौकरी करता हूँ।",
        ]),
    ], "one_offs": [
        "मेरी बहन दिल्ली में रहती है।",
        "आज बहुत बारिश हो रही है।",
    ]},
    {"tenant": "tania.s_d8", "style": "non_english", "language": "bn", "items": [
        ("preference", "language", "বাংলা", LANG, [
            "আমাকে বাংলায় উত্তর দিন।",
            "বাংলা ভাষায় জবাব চায়।",
        ], {"value_aliases": ["bengali", "bangla", "বাংলা"]}),
        ("fact", "city", "ঢাকা", CITY, [
            "আমি ঢাকায় থাকি।",
            "ঢাকার যানজটে প্রতিদিন দুই ঘণ্টা নষ্ট হয়।",
            "মিরপুরে আমাদের ফ্ল্যাট, ঢাকা শহরের ভেতরে।",
        ], {"value_aliases": ["dhaka", "ঢাকা", "ঢাকায়", "ঢাকার"]}),
        ("fact", "cat_name", "মিনি", ["cat", "pet_name", "pet"], [
            "আমার বিড়ালের নাম মিনি।",
            "মিনি সারাদিন জানালার পাশে ঘুমায়।",
        ], {"value_aliases": ["mini", "মিনি"]}),
    ], "one_offs": [
        "আমার ভাই চট্টগ্রামে থাকে।",
        "আজ খুব গরম পড়েছে।",
    ]},
    {"tenant": "georgi.d_d8", "style": "non_english", "language": "bg", "items": [
        ("preference", "answer_length", "кратко", LENGTH, [
            "Пиши ми кратко, моля.",
            "Не обича дълги отговори.",
        ], {"value_aliases": ["short", "кратк", "дълги", "brief"]}),
        ("fact", "dog_name", "Бобо", ["dog", "pet_name", "pet"], [
            "Имам куче на име Бобо.",
            "Бобо обича да гони котките в двора.",
        ], {"value_aliases": ["bobo", "бобо"]}),
        ("fact", "profession", "зъболекар", JOB, [
            "Работя като зъболекар.",
            "Лекувам зъби в собствен кабинет.",
        ], {"value_aliases": ["dentist", "зъболекар", "стоматолог", "зъби"]}),
    ], "one_offs": [
        "Съпругата ми е лекарка.",
        "Днес загубих ключовете си.",
    ]},
    {"tenant": "bia.m_d8", "style": "non_english", "language": "pt", "items": [
        ("preference", "language", "português", LANG, [
            "me responde em portugues por favor",
            "prefiro as respostas em português",
        ], {"value_aliases": ["portuguese", "portugues"]}),
        ("fact", "city", "Curitiba", CITY, [
            "moro em curitiba agora",
            "me mudei pra curitiba",
            "curitiba é fria demais kkk",
        ]),
        ("fact", "allergy", "amendoim", ["allergic_to", "allergies", "alergia"], [
            "sou alergica a amendoim",
            "amendoim me da uma reação forte",
        ], {"value_aliases": ["amendoim", "peanut"]}),
    ], "stale": [
        ("city", "Florianópolis", [
            "moro em floripa",
            "meu apê em florianópolis é pequeno",
        ], ),
    ], "one_offs": [
        "minha irmã mora em recife",
        "hoje ta chovendo muito",
    ]},
    {"tenant": "kasia.n_d8", "style": "non_english", "language": "pl", "items": [
        ("fact", "profession", "architektka", JOB, [
            "Kasia pracuje jako architektka.",
            "Kasia projektuje domy jednorodzinne.",
        ], {"value_aliases": ["architect", "architekt", "projektuje"]}),
        ("fact", "diet", "wegetarianka", ["dietary", "food", "vegetarian"], [
            "Kasia nie je mięsa.",
            "Kasia jest wegetarianką.",
        ], {"value_aliases": ["vegetarian", "wegetarian", "miesa"]}),
        ("preference", "language", "polski", LANG, [
            "Kasia chce odpowiedzi po polsku.",
            "Kasia woli, żeby pisać do niej w języku polskim.",
        ], {"value_aliases": ["polish", "polsk"]}),
    ], "one_offs": [
        "Brat Kasi też jest architektem.",
        "Kasia pytała o pogodę w Gdańsku.",
    ]},
    {"tenant": "emre.y_d8", "style": "non_english", "language": "tr", "items": [
        ("fact", "city", "İstanbul", CITY, [
            "İstanbul'da yaşıyor.",
            "Kadıköy'de, İstanbul'un Anadolu yakasında oturuyor.",
            "İstanbul trafiğinden şikayet ediyor.",
        ], {"value_aliases": ["istanbul"]}),
        ("preference", "language", "Türkçe", LANG, [
            "Cevapların Türkçe olmasını istiyor.",
            "Türkçe yanıt tercih ediyor.",
        ], {"value_aliases": ["turkish", "turkce"]}),
        ("fact", "cat_name", "Pamuk", ["cat", "pet_name", "pet"], [
            "Kedisinin adı Pamuk.",
            "Pamuk adında beyaz bir kedisi var.",
        ]),
    ], "stale": [
        ("city", "Ankara", [
            "Ankara'da yaşıyor.",
            "Ankara'daki evini kiralıyor.",
        ]),
    ], "one_offs": [
        "Kardeşi İzmir'de yaşıyor.",
        "Bugünkü toplantısı iptal oldu.",
    ]},
    {"tenant": "marco.b_d8", "style": "non_english", "language": "it", "items": [
        ("fact", "profession", "cuoco", JOB, [
            "Faccio il cuoco in una trattoria.",
            "Tutte le sere sto ai fornelli, cucino per sessanta coperti.",
        ], {"value_aliases": ["cook", "chef", "cuoco", "fornelli", "cucin"]}),
        ("fact", "diet", "niente caffè", ["dietary", "coffee", "caffeine"], [
            "Non bevo caffè.",
            "Il caffè mi fa venire la tachicardia, lo evito sempre.",
        ], {"value_aliases": ["caffe", "coffee"]}),
        ("preference", "address", "tu", ADDRESS, [
            "Dammi del tu, per favore.",
            "Niente lei con me, preferisco il tu.",
        ], {"value_aliases": ["tu", "informal", "informale"]}),
    ], "one_offs": [
        "Mio fratello fa il cuoco a Londra.",
        "Stamattina ho perso il treno.",
    ]},
    {"tenant": "dima.k_d8", "style": "non_english", "language": "ru", "items": [
        ("preference", "language", "русский", LANG, [
            "отвечай по русски пжлст",
            "хочу ответы на русском",
        ], {"value_aliases": ["russian", "русск"]}),
        ("fact", "employer", "Яндекс", EMPLOYER, [
            "я теперь работаю в яндексе",
            "у нас в яндексе опять реорганизация",
        ], {"value_aliases": ["яндекс", "yandex"]}),
        ("fact", "dog_name", "Гром", ["dog", "pet_name", "pet"], [
            "у меня лайка по кличке гром",
            "гром опять сгрыз тапки",
        ], {"value_aliases": ["гром", "grom"]}),
    ], "stale": [
        ("employer", "Сбер", [
            "работаю в сбере",
            "в сбербанке опять аврал",
        ]),
    ], "one_offs": [
        "у брата собака корги",
        "сегодня пробки жуть",
    ]},
    {"tenant": "lucia.f_d8", "style": "non_english", "language": "es", "items": [
        ("fact", "city", "Valencia", CITY, [
            "Vive en Valencia",
            "Tiene un piso cerca de la playa de la Malvarrosa, en Valencia",
        ]),
        ("fact", "profession", "maestra", JOB, [
            "Es maestra de primaria",
            "Da clases a niños de seis años",
        ], {"value_aliases": ["maestr", "profesor", "teacher", "clases"]}),
        ("preference", "answer_length", "breve", LENGTH, [
            "Prefiere respuestas breves",
            "No quiere textos largos",
        ], {"value_aliases": ["breve", "short", "largo", "cort"]}),
    ], "stale": [
        ("city", "Zaragoza", [
            "Vive en Zaragoza",
            "Alquila un piso en Zaragoza",
        ]),
    ], "one_offs": [
        "Su hermano vive en Sevilla",
        "Preguntó por una receta de paella",
    ]},
]
