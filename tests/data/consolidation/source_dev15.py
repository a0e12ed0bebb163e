"""FIFTEENTH DEV split (dev15) of the consolidation corpus: memory in languages no earlier split has, written from the
style descriptions alone after dev/ to dev13/ had been tuned against, committed before anyone measured it.
Croatian, Icelandic, Amharic (Ge'ez script) and Albanian as Mem0 exports in the user's language (subject-less, the
verb carrying the person); Basque, Galician, Welsh (with its initial mutations: Caerdydd / yng Nghaerdydd / i
Gaerdydd) and Slovenian in the user's own first-person words; Marathi and Telugu as named third person; Latvian,
Georgian, Azerbaijani, Macedonian, Nepali and Kazakh as first-person chat; four English tenants (Mem0, named third
person, "User ...", lower case with typos). Each key item is said in 2-3 sessions with other verbs, word order and
case forms ("Živi u Splitu" / "Preselila se iz Zagreba u Split"), with one-offs about someone else's attribute of
the same type, transient remarks and stale values (moves, changed employers, jobs and cars) in most tenants.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once. A change statement is the
first statement of the new value, so build.py places it in the earliest of that item's sessions.
"""

JOB = ["job", "occupation", "work", "profession"]
EMPLOYER = ["works_at", "company", "workplace", "job", "work", "employer"]
CITY = ["lives_in", "home_city", "residence", "location"]
LANG = ["answer_language", "reply_language"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style"]
TONE = ["style", "register", "formality", "form_of_address", "address"]
FORMAT = ["format", "structure", "lists"]
UNITS = ["units", "measurement", "unit_system", "temperature"]
PET = ["pet_name", "pet"]
CAR = ["car", "drives", "vehicle_model", "vehicle"]
ALLERGY = ["allergic_to", "allergies", "allergy"]
DIET = ["dietary", "food", "diet"]
HOBBY = ["hobbies", "pastime", "plays", "sport", "hobby"]
CHILD = ["daughter", "son", "child", "kid"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less, user's language
    {"tenant": "ivana.k_d15", "style": "mem0", "language": "hr", "items": [
        ("fact", "city", "Split", CITY, [
            "Preselila se iz Zagreba u Split",
            "Živi u Splitu",
            "Ima stan na Bačvicama, u Splitu",
        ]),
        ("fact", "dog_name", "Medo", ["dog"] + PET, [
            "Ima psa po imenu Medo",
            "Pas joj se zove Medo",
            "Svako jutro vodi Medu u šetnju uz more",
        ]),
        ("preference", "language", "hrvatski", LANG, [
            "Želi odgovore na hrvatskom",
            "Više voli kad asistent piše na hrvatskom jeziku",
        ], {"value_aliases": ["croatian", "hrvatsk"]}),
    ], "stale": [
        ("city", "Zagreb", [
            "Živi u Zagrebu",
            "Unajmljuje stan u Zagrebu, na Trešnjevci",
        ]),
    ], "one_offs": [
        "Sestra joj živi u Rijeci",
        "Pitala je za red vožnje trajekta do Hvara",
    ]},
    {"tenant": "gunnar.h_d15", "style": "mem0", "language": "is", "session_field": "metadata", "items": [
        ("fact", "employer", "Marel", EMPLOYER, [
            "Hætti hjá Icelandair og byrjaði hjá Marel",
            "Vinnur hjá Marel",
            "Er verkfræðingur hjá Marel í Garðabæ",
        ]),
        ("fact", "allergy", "hnetur", ALLERGY, [
            "Er með ofnæmi fyrir hnetum",
            "Má alls ekki borða hnetur",
        ], {"value_aliases": ["nuts", "hnet"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Vill fá stutt svör",
            "Finnst best þegar svörin eru stutt og hnitmiðuð",
        ], {"value_aliases": ["short", "stutt"]}),
    ], "stale": [
        ("employer", "Icelandair", [
            "Vinnur hjá Icelandair",
            "Er í upplýsingatæknideild Icelandair",
        ]),
    ], "one_offs": [
        "Bróðir hans vinnur hjá Össuri",
        "Spurði um veðrið á Þingvöllum um helgina",
    ]},
    {"tenant": "selam.t_d15", "style": "mem0", "language": "am", "items": [
        ("fact", "city", "አዲስ አበባ", CITY, [
            "ከባሕር ዳር ወደ አዲስ አበባ ተዛውራለች",
            "በአዲስ አበባ ትኖራለች",
            "አዲስ አበባ ቦሌ አካባቢ ቤት አላት",
        ], {"value_aliases": ["addis ababa", "addis"]}),
        ("fact", "cat_name", "ሚሚ", ["cat"] + PET, [
            "ሚሚ የምትባል ድመት አላት",
            "የድመቷ ስም ሚሚ ነው",
        ], {"value_aliases": ["mimi"]}),
        ("preference", "language", "አማርኛ", LANG, [
            "መልሶችን በአማርኛ ትመርጣለች",
            "ረዳቱ ሁልጊዜ በአማርኛ እንዲመልስላት ትፈልጋለች",
        ], {"value_aliases": ["amharic"]}),
    ], "stale": [
        ("city", "ባሕር ዳር", [
            "በባሕር ዳር ትኖራለች",
            "ባሕር ዳር ውስጥ ቤት ተከራይታለች",
        ]),
    ], "one_offs": [
        "ወንድሟ በሐዋሳ ይኖራል",
        "ስለ ነገው የአየር ሁኔታ ጠየቀች",
    ]},
    {"tenant": "arben.d_d15", "style": "mem0", "language": "sq", "session_field": "metadata", "items": [
        ("fact", "job", "infermier", JOB, [
            "Është infermier",
            "Punon si infermier në spital, me turne nate",
        ], {"value_aliases": ["nurse"]}),
        ("fact", "car", "Golf", CAR, [
            "Ngas një Golf 4",
            "Ka një Volkswagen Golf të vjetër",
        ], {"value_aliases": ["volkswagen"]}),
        ("preference", "address", "informal", TONE, [
            "Dëshiron që asistenti t'i flasë me 'ti', jo me 'ju'",
            "Nuk i pëlqen toni zyrtar, do biseda të lirshme",
        ], {"value_aliases": ["informal", "ti"]}),
    ], "stale": [
        ("job", "kamarier", [
            "Është kamarier në një restorant në Durrës",
            "Punon si kamarier në bregdet",
        ]),
    ], "one_offs": [
        "Kushëriri i tij është polic",
        "Pyeti për orarin e autobusit për në Tiranë",
    ]},
    {"tenant": "tom.h_d15", "style": "mem0", "language": "en", "items": [
        ("fact", "job", "paramedic", JOB, [
            "Works as a paramedic",
            "Does twelve-hour shifts on an ambulance crew",
            "Qualified as a paramedic after leaving the café",
        ], {"value_aliases": ["paramedic", "ambulance"]}),
        ("fact", "cat_name", "Pickle", ["cat"] + PET, [
            "Has a ginger cat named Pickle",
            "Pickle the cat keeps knocking mugs off the shelf",
        ]),
        ("preference", "emoji", "no emojis", ["emojis", "style", "format", "tone"], [
            "Dislikes emojis in replies",
            "Wants plain text answers without any emoji",
        ], {"value_aliases": ["emoji"]}),
    ], "stale": [
        ("job", "barista", [
            "Works as a barista",
            "Makes coffee at a café on the high street",
        ]),
    ], "one_offs": [
        "Sister is a midwife",
        "Asked how long to boil an egg",
    ]},
    # ---------------------------------------------------------------- (b) first person, user's own words
    {"tenant": "ane.e_d15", "style": "first_person", "language": "eu", "items": [
        ("fact", "city", "Donostia", CITY, [
            "Iaz Gasteiztik Donostiara etorri nintzen bizitzera.",
            "Donostian bizi naiz.",
            "Nire etxea Donostiako Gros auzoan dago.",
        ], {"value_aliases": ["san sebastian", "donosti"]}),
        ("fact", "employer", "Eroski", EMPLOYER, [
            "Eroskin egiten dut lan.",
            "Eroskiko bulego nagusian nago lanean, Elorrion.",
        ]),
        ("preference", "language", "euskara", LANG, [
            "Euskaraz erantzun iezadazu, mesedez.",
            "Nahiago dut erantzunak euskaraz jasotzea.",
        ], {"value_aliases": ["basque", "euskar"]}),
    ], "stale": [
        ("city", "Gasteiz", [
            "Gasteizen bizi naiz.",
            "Gasteizko pisu txiki batean bizi naiz alokairuan.",
        ]),
    ], "one_offs": [
        "Nire anaia Baionan bizi da.",
        "Gaur euria ari du eta ez dut kalera irten nahi.",
    ]},
    {"tenant": "brais.f_d15", "style": "first_person", "language": "gl", "items": [
        ("fact", "employer", "Inditex", EMPLOYER, [
            "Deixei Citroën e agora traballo en Inditex.",
            "Traballo en Inditex, nas oficinas de Arteixo.",
            "Levo xa uns meses en Inditex e estou moi a gusto.",
        ]),
        ("fact", "dog_name", "Lúa", ["dog"] + PET, [
            "Teño unha cadela que se chama Lúa.",
            "Saio a pasear coa Lúa todas as mañás pola praia.",
        ], {"value_aliases": ["lua"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Prefiro respostas curtas, sen moita palla.",
            "Non me gustan as respostas longas; vai ao gran.",
        ], {"value_aliases": ["short", "curt"]}),
    ], "stale": [
        ("employer", "Citroën", [
            "Traballo en Citroën, na fábrica de Vigo.",
            "Estou na cadea de montaxe de Citroën en Balaídos.",
        ]),
    ], "one_offs": [
        "A miña irmá traballa nun banco en Santiago.",
        "Hoxe estou cansísimo, durmín fatal.",
    ]},
    {"tenant": "rhys.e_d15", "style": "first_person", "language": "cy", "items": [
        ("fact", "city", "Caerdydd", CITY, [
            "Symudais i o Aberystwyth i Gaerdydd i weithio.",
            "Dw i'n byw yng Nghaerdydd nawr.",
            "Caerdydd yw fy nghartref i erbyn hyn.",
        ], {"value_aliases": ["cardiff", "gaerdydd", "nghaerdydd"]}),
        ("fact", "job", "athro", JOB, [
            "Dw i'n athro Cymraeg mewn ysgol uwchradd.",
            "Dw i'n dysgu Cymraeg i blant blwyddyn saith i un ar ddeg.",
        ], {"value_aliases": ["teacher", "dysgu"]}),
        ("preference", "units", "metric", UNITS, [
            "Defnyddia unedau metrig, plîs.",
            "Rho'r pellter mewn cilomedrau, nid milltiroedd.",
        ], {"value_aliases": ["metric", "metrig", "cilomedr"]}),
    ], "stale": [
        ("city", "Aberystwyth", [
            "Dw i'n byw yn Aberystwyth.",
            "Mae gen i fflat bach yn Aberystwyth ger y prom.",
        ]),
    ], "one_offs": [
        "Mae fy chwaer yn byw ym Mangor.",
        "Mae hi'n bwrw glaw eto heddiw.",
    ]},
    {"tenant": "matej.z_d15", "style": "first_person", "language": "sl", "items": [
        ("fact", "employer", "Krka", EMPLOYER, [
            "Iz Leka sem prešel v Krko.",
            "Delam v Krki v Novem mestu.",
            "Pri Krki sem zaposlen v razvoju.",
        ], {"value_aliases": ["krki", "krko"]}),
        ("fact", "hobby", "plezanje", HOBBY, [
            "Ob vikendih plezam v Ospu.",
            "Plezanje je moja največja strast.",
        ], {"value_aliases": ["climbing", "plez"]}),
        ("preference", "format", "bullet points", FORMAT, [
            "Prosim, odgovarjaj v alinejah.",
            "Najraje imam odgovore v obliki seznama, ne dolgih odstavkov.",
        ], {"value_aliases": ["bullet", "alinej", "seznam", "list"]}),
    ], "stale": [
        ("employer", "Lek", [
            "Delam v Leku v Ljubljani.",
            "V Leku sem zaposlen že tri leta.",
        ]),
    ], "one_offs": [
        "Moj brat dela v Gorenju.",
        "Danes me boli glava, slabo sem spal.",
    ]},
    # ---------------------------------------------------------------- (c) named third person, user's language
    {"tenant": "sneha.k_d15", "style": "third_person", "language": "mr", "items": [
        ("fact", "city", "पुणे", CITY, [
            "स्नेहा मुंबईहून पुण्याला शिफ्ट झाली.",
            "स्नेहा पुण्यात राहते.",
            "स्नेहाचं घर पुण्यात कोथरूडमध्ये आहे.",
        ], {"value_aliases": ["pune", "पुण्या"]}),
        ("fact", "employer", "इन्फोसिस", EMPLOYER, [
            "स्नेहा इन्फोसिसमध्ये काम करते.",
            "स्नेहा इन्फोसिसच्या हिंजवडी कॅम्पसमध्ये नोकरी करते.",
        ], {"value_aliases": ["infosys"]}),
        ("fact", "diet", "शाकाहारी", DIET, [
            "स्नेहा शाकाहारी आहे.",
            "स्नेहा मांस किंवा मासे खात नाही.",
        ], {"value_aliases": ["vegetarian"]}),
    ], "stale": [
        ("city", "मुंबई", [
            "स्नेहा मुंबईत राहते.",
            "स्नेहा मुंबईत अंधेरीला भाड्याच्या घरात राहते.",
        ]),
    ], "one_offs": [
        "स्नेहाचा भाऊ नागपूरला राहतो.",
        "स्नेहाला आज सर्दी झाली आहे.",
    ]},
    {"tenant": "ravi.r_d15", "style": "third_person", "language": "te", "items": [
        ("fact", "city", "హైదరాబాద్", CITY, [
            "రవి విజయవాడ నుంచి హైదరాబాద్‌కి మారాడు.",
            "రవి హైదరాబాద్‌లో ఉంటాడు.",
            "రవి హైదరాబాద్లోని గచ్చిబౌలిలో నివసిస్తున్నాడు.",
        ], {"value_aliases": ["hyderabad"]}),
        ("fact", "daughter_name", "అనన్య", CHILD, [
            "రవి కూతురి పేరు అనన్య.",
            "రవికి అనన్య అనే కూతురు ఉంది.",
        ], {"value_aliases": ["ananya"]}),
        ("preference", "language", "తెలుగు", LANG, [
            "రవి తెలుగులో సమాధానాలు కోరుకుంటాడు.",
            "రవికి జవాబులు తెలుగులోనే కావాలి.",
        ], {"value_aliases": ["telugu"]}),
    ], "stale": [
        ("city", "విజయవాడ", [
            "రవి విజయవాడలో ఉంటాడు.",
            "రవి విజయవాడలో అద్దె ఇంట్లో ఉంటాడు.",
        ]),
    ], "one_offs": [
        "రవి తమ్ముడు చెన్నైలో ఉంటాడు.",
        "రవి ఈరోజు బాగా అలసిపోయాడు.",
    ]},
    {"tenant": "chidi.o_d15", "style": "third_person", "language": "en", "items": [
        ("fact", "city", "Leeds", CITY, [
            "Chidi moved from Manchester to Leeds in the spring.",
            "Chidi lives in Leeds.",
            "Chidi's flat is in Headingley, Leeds.",
        ]),
        ("fact", "allergy", "shellfish", ALLERGY, [
            "Chidi is allergic to shellfish.",
            "Chidi can't eat prawns, crab or mussels.",
        ], {"value_aliases": ["prawn", "crab", "mussel"]}),
        ("fact", "hobby", "football", HOBBY, [
            "Chidi plays five-a-side football on Thursdays.",
            "Chidi is in a Sunday league football team.",
        ]),
    ], "stale": [
        ("city", "Manchester", [
            "Chidi lives in Manchester.",
            "Chidi rents a room in Salford, Manchester.",
        ]),
    ], "one_offs": [
        "Chidi's cousin lives in Bristol.",
        "Chidi was late today because of the trains.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..."
    {"tenant": "usr_8821_d15", "style": "user", "language": "en", "items": [
        ("preference", "answer_first", "answer first", ["answer_first", "format", "structure", "order"], [
            "User wants the answer first, then the explanation.",
            "The user asks to lead with the conclusion before any background.",
        ], {"value_aliases": ["answer first", "conclusion"]}),
        ("fact", "employer", "Siemens", EMPLOYER, [
            "User left Bosch and joined Siemens.",
            "User works at Siemens.",
            "The user is an electrical engineer at Siemens.",
        ]),
        ("fact", "school", "Ridgeway Primary", ["school", "son_school", "child_school"], [
            "User's son goes to Ridgeway Primary.",
            "The user's son is in Year 3 at Ridgeway Primary School.",
        ], {"value_aliases": ["ridgeway"]}),
    ], "stale": [
        ("employer", "Bosch", [
            "User works at Bosch.",
            "The user has been at Bosch for six years.",
        ]),
    ], "one_offs": [
        "User's wife works at Airbus.",
        "The user asked for a packing list for a weekend trip.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos
    {"tenant": "jaz_d15", "style": "lowercase_typos", "language": "en", "items": [
        ("preference", "units", "miles", UNITS + ["distance"], [
            "distances in miles pls, km means nothing to me",
            "can u stop giving me kilometers, miles only",
        ], {"value_aliases": ["miles", "imperial"]}),
        ("fact", "car", "Jeep Wrangler", CAR, [
            "sold the civic, got a jeep wrangler!!",
            "i drive a jeep wrangler now lol",
            "my wrangler needs new tires alredy",
        ], {"value_aliases": ["wrangler", "jeep"]}),
        ("fact", "dog_name", "Biscuit", ["dog"] + PET, [
            "my dogs name is biscuit",
            "took biscuit to the vet, hes fine",
        ]),
    ], "stale": [
        ("car", "Honda Civic", [
            "i drive a honda civic",
            "my civic is making a wierd noise",
        ]),
    ], "one_offs": [
        "my roomate drives a tesla",
        "so tired today ugh",
    ]},
    # ---------------------------------------------------------------- (f) other languages, first-person chat
    {"tenant": "liga.b_d15", "style": "non_english", "language": "lv", "items": [
        ("fact", "city", "Liepāja", CITY, [
            "Pagājušajā gadā pārcēlos no Rīgas uz Liepāju.",
            "Dzīvoju Liepājā.",
            "Mans dzīvoklis ir Liepājā, netālu no jūras.",
        ], {"value_aliases": ["liepaj"]}),
        ("fact", "cat_name", "Runcis", ["cat"] + PET, [
            "Man ir kaķis, vārdā Runcis.",
            "Mana kaķa vārds ir Runcis.",
        ]),
        ("preference", "units", "celsius", UNITS, [
            "Lūdzu, temperatūru norādi Celsija grādos.",
            "Man vajag grādus pēc Celsija, nevis Fārenheita.",
        ], {"value_aliases": ["celsius", "celsij"]}),
    ], "stale": [
        ("city", "Rīga", [
            "Dzīvoju Rīgā.",
            "Īrēju dzīvokli Rīgā, Purvciemā.",
        ]),
    ], "one_offs": [
        "Mana māsa dzīvo Cēsīs.",
        "Šodien ir ļoti auksts, negribas iet ārā.",
    ]},
    {"tenant": "nino.g_d15", "style": "non_english", "language": "ka", "items": [
        ("fact", "city", "ბათუმი", CITY, [
            "თბილისიდან ბათუმში გადავედი საცხოვრებლად.",
            "ბათუმში ვცხოვრობ.",
            "ბინა ბათუმში, ზღვასთან ახლოს მაქვს.",
        ], {"value_aliases": ["batumi", "ბათუმ"]}),
        ("fact", "employer", "Bank of Georgia", EMPLOYER, [
            "საქართველოს ბანკში ვმუშაობ.",
            "Bank of Georgia-ში ვარ დასაქმებული.",
        ], {"value_aliases": ["საქართველოს ბანკ", "bank of georgia"]}),
        ("preference", "language", "ქართული", LANG, [
            "ქართულად მიპასუხე, გთხოვ.",
            "პასუხები ქართულ ენაზე მინდა.",
        ], {"value_aliases": ["georgian", "ქართულ"]}),
    ], "stale": [
        ("city", "თბილისი", [
            "თბილისში ვცხოვრობ.",
            "თბილისში, ვაკეში ვქირაობ ბინას.",
        ]),
    ], "one_offs": [
        "ჩემი ძმა ქუთაისში ცხოვრობს.",
        "დღეს ძალიან ცხელა.",
    ]},
    {"tenant": "elvin.m_d15", "style": "non_english", "language": "az", "items": [
        ("fact", "job", "həkim", JOB, [
            "Mən həkiməm.",
            "Xəstəxanada uşaq həkimi işləyirəm.",
        ], {"value_aliases": ["doctor", "hekim", "pediatr"]}),
        ("fact", "car", "Toyota Prius", CAR, [
            "Ladanı satdım, indi Toyota Prius sürürəm.",
            "Maşınım Toyota Prius-dur.",
            "Priusla hər gün işə gedirəm, benzinə az pul gedir.",
        ], {"value_aliases": ["prius", "toyota"]}),
        ("fact", "allergy", "penisilin", ALLERGY, [
            "Penisilinə allergiyam var.",
            "Mənə penisilin olmaz, allergiya edir.",
        ], {"value_aliases": ["penicillin", "penisilin"]}),
    ], "stale": [
        ("car", "Lada", [
            "Lada sürürəm.",
            "Köhnə Ladam var, hər gün onunla işə gedirəm.",
        ]),
    ], "one_offs": [
        "Qardaşım Bakıda mühəndis işləyir.",
        "Bu gün çox yorğunam.",
    ]},
    {"tenant": "marija.s_d15", "style": "non_english", "language": "mk", "items": [
        ("fact", "city", "Скопје", CITY, [
            "Живеам во Скопје.",
            "Веќе пет години живеам во Скопје, во Карпош.",
        ], {"value_aliases": ["skopje"]}),
        ("fact", "job", "фармацевт", JOB, [
            "Сега работам како фармацевт.",
            "Фармацевтка сум во една аптека во центарот.",
        ], {"value_aliases": ["pharmacist", "фармацевт"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Сакам кратки одговори.",
            "Не пиши долги одговори, биди краток.",
        ], {"value_aliases": ["short", "кратк"]}),
    ], "stale": [
        ("job", "келнерка", [
            "Работам како келнерка.",
            "Работам во едно кафуле, келнерка сум.",
        ]),
    ], "one_offs": [
        "Сестра ми живее во Охрид.",
        "Денес имам главоболка.",
    ]},
    {"tenant": "sita.t_d15", "style": "non_english", "language": "ne", "items": [
        ("fact", "city", "काठमाडौं", CITY, [
            "म काठमाडौंमा बस्छु।",
            "काठमाडौंको बानेश्वरमा डेरा लिएर बसेकी छु।",
        ], {"value_aliases": ["kathmandu"]}),
        ("fact", "dog_name", "टाइगर", ["dog"] + PET, [
            "मेरो कुकुरको नाम टाइगर हो।",
            "टाइगरलाई बिहान घुमाउन लैजान्छु।",
        ], {"value_aliases": ["tiger"]}),
        ("preference", "language", "नेपाली", LANG, [
            "कृपया नेपालीमा जवाफ दिनुहोस्।",
            "मलाई जवाफ नेपाली भाषामा चाहिन्छ।",
        ], {"value_aliases": ["nepali"]}),
    ], "one_offs": [
        "मेरो दाइ पोखरामा बस्नुहुन्छ।",
        "आज धेरै जाडो छ।",
    ]},
    {"tenant": "aigerim.n_d15", "style": "non_english", "language": "kk", "items": [
        ("fact", "city", "Алматы", CITY, [
            "Астанадан Алматыға көшіп келдім.",
            "Алматыда тұрамын.",
            "Алматыда, Медеу ауданында пәтерім бар.",
        ], {"value_aliases": ["almaty"]}),
        ("fact", "employer", "Kaspi", EMPLOYER, [
            "Kaspi-де жұмыс істеймін.",
            "Kaspi банкінде аналитикпін.",
        ], {"value_aliases": ["kaspi"]}),
        ("preference", "language", "қазақ", LANG, [
            "Қазақша жауап бер.",
            "Жауаптарды қазақ тілінде жазшы.",
        ], {"value_aliases": ["kazakh", "қазақша"]}),
    ], "stale": [
        ("city", "Астана", [
            "Астанада тұрамын.",
            "Астанада пәтер жалдап тұрамын.",
        ]),
    ], "one_offs": [
        "Інім Шымкентте тұрады.",
        "Бүгін өте суық.",
    ]},
]
