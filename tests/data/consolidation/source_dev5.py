"""FIFTH DEV split (dev5) of the consolidation corpus: written from the style descriptions alone after dev/ to dev4/
had been tuned against, committed before anyone measured it. Paraphrases that share few content words (a job title
and what the person does all day, a preference as a request and as a complaint), subject-less, first-person and
"User" forms inside one tenant, hedges, two facts in one sentence, corrections ("actually it's X, not Y") as the
stale/new pair, Korean (Hangul), Russian (Cyrillic), Greek, Vietnamese, Finnish and Hungarian tenants, one-off
remarks about someone else's attribute of the same type and transient remarks with relative dates.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "hx_2201_d5", "style": "mem0", "language": "en", "items": [
        ("fact", "dog_name", "Pretzel", ["dog", "pet_name", "pet", "beagle"], [
            "Has a beagle called Pretzel",
            "Takes Pretzel out for a walk before every work call",
            "Dog Pretzel turned five in the spring",
        ]),
        ("fact", "employer", "Octopus Energy", ["works_at", "company", "workplace", "job", "work"], [
            "Works at Octopus Energy",
            "Employed by Octopus Energy in the billing team",
            "Has been with Octopus Energy for about a year",
        ], {"value_aliases": ["octopus"]}),
        ("preference", "length", "under 150 words", ["answer_length", "word_limit", "brevity", "max_words"], [
            "Wants replies kept under 150 words",
            "Gets annoyed by long answers; 150 words is the ceiling",
        ], {"value_aliases": ["150", "hundred and fifty"]}),
    ], "stale": [
        ("employer", "British Gas", [
            "Works at British Gas",
            "Employer is British Gas",
        ]),
    ], "one_offs": [
        "Neighbour's dog is called Toffee",
        "Has a headache today",
    ]},
    {"tenant": "acct-77310_d5", "style": "mem0", "language": "en", "items": [
        ("fact", "diet", "pescatarian", ["eats", "food", "dietary"], [
            "Is pescatarian",
            "Eats fish but no other meat",
        ], {"value_aliases": ["pescatarian", "pescetarian", "fish"]}),
        ("fact", "instrument", "trumpet", ["plays", "music", "hobby"], [
            "Plays trumpet in a brass band",
            "Practises the trumpet most evenings",
            "Bought a new mouthpiece for the trumpet",
        ]),
        ("preference", "answer_format", "bullet points", ["format", "structure", "bullets", "lists"], [
            "Prefers bullet points over paragraphs",
            "Finds walls of text hard to read and asks for bulleted lists",
        ], {"value_aliases": ["bullet", "list"]}),
        ("preference", "temperature_unit", "Celsius", ["units", "temperature", "measurement_units"], [
            "Wants temperatures in Celsius",
            "Does not understand Fahrenheit; convert everything to degrees C",
        ], {"value_aliases": ["celsius", "centigrade", "degrees c"]}),
    ], "one_offs": [
        "Son plays the violin",
        "Missed the bus this morning",
    ]},
    {"tenant": "r.okafor_d5", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "city", "Leeds", ["lives_in", "home_city", "residence", "location"], [
            "Lives in Leeds",
            "Rents a flat in Headingley, Leeds",
            "Settled in Leeds after the move",
        ]),
        ("fact", "children_age", "4", ["children", "kids", "sons", "twins", "age", "child"], [
            "Has twin boys aged 4",
            "The twins are four years old",
        ], {"value_aliases": ["four"]}),
        ("preference", "address_as", "Dr. Okafor", ["name", "call_me", "form_of_address", "title", "address"], [
            "Wants to be addressed as Dr. Okafor",
            "Asks to be called Doctor Okafor rather than by first name",
        ], {"value_aliases": ["okafor", "doctor"]}),
    ], "stale": [
        ("city", "Sheffield", [
            "Lives in Sheffield",
            "Based in Sheffield",
        ]),
    ], "one_offs": [
        "Sister lives in Manchester",
        "Asked for a quick lasagne recipe",
    ]},
    {"tenant": "tenant_91c4_d5", "style": "mem0", "language": "en", "items": [
        ("fact", "allergy", "latex", ["allergic_to", "allergies"], [
            "Allergic to latex",
            "Cannot wear latex gloves, breaks out in hives",
        ]),
        ("fact", "hobby", "pottery", ["craft", "ceramics", "pastime"], [
            "Does pottery on weekends",
            "Throws bowls on a wheel at a ceramics studio",
        ], {"value_aliases": ["pottery", "ceramic", "throws bowls"]}),
        ("preference", "avoid_topic", "politics", ["avoid", "topics", "no_politics"], [
            "Does not want to discuss politics",
            "Asks to leave political subjects out of conversations",
        ], {"value_aliases": ["politic"]}),
        ("preference", "timezone", "Pacific Time", ["time_zone", "times", "zone"], [
            "Wants times shown in Pacific Time",
            "Moved west; schedules should use Los Angeles time now",
        ], {"value_aliases": ["pacific", "pst", "pdt", "los angeles"]}),
    ], "stale": [
        ("timezone", "Eastern Time", [
            "Wants times given in Eastern Time",
            "Prefers ET for scheduling",
        ]),
    ], "one_offs": [
        "Coworker is allergic to peanuts",
        "Hopes to finish a novel by Friday",
    ]},
    # ---------------------------------------------------------------- (b) first person
    {"tenant": "ines.bv_d5", "style": "first_person", "language": "en", "items": [
        ("fact", "profession", "anaesthetist", ["job", "occupation", "work"], [
            "I'm an anaesthetist.",
            "I spend my days putting patients to sleep before surgery and waking them up after.",
            "I think I mentioned I'm an anaesthesiologist, so drug doses don't scare me.",
        ], {"value_aliases": ["anaesthe", "anesthe"]}),
        ("fact", "tortoise_name", "Gustav", ["tortoise", "pet_name", "pet"], [
            "My tortoise is called Gustav.",
            "Gustav, my old tortoise, woke up from hibernation.",
        ]),
        ("preference", "opening_line", "no pleasantries", ["opening", "greeting", "tone", "style", "intro"], [
            "Skip the pleasantries and get straight to the point.",
            "I hate it when you open with 'Great question!'",
        ], {"value_aliases": ["pleasantr", "straight to the point", "great question", "no greeting", "filler"]}),
    ], "one_offs": [
        "My brother's tortoise is called Speedy.",
        "I'm on call tonight.",
    ]},
    {"tenant": "b.haddad_d5", "style": "first_person", "language": "en", "items": [
        ("fact", "city", "Montreal", ["lives_in", "home_city", "residence", "location"], [
            "I live in Montreal.",
            "Winter in Montreal is brutal, but it's home now.",
        ], {"value_aliases": ["montreal"]}),
        ("fact", "languages_spoken", "Arabic", ["languages", "speaks", "fluent", "mother_tongue"], [
            "I speak French and Arabic.",
            "Arabic is my first language and I'm fluent in French too.",
        ], {"value_aliases": ["arabic", "french"]}),
        ("preference", "date_format", "YYYY-MM-DD", ["dates", "format"], [
            "Write dates as YYYY-MM-DD, please.",
            "ISO dates only, like 2026-03-09; the American month-first order trips me up.",
            "Year first, then month, then day, whenever you give me a date.",
        ], {"value_aliases": ["yyyy mm dd", "iso", "year first"]}),
    ], "stale": [
        ("city", "Ottawa", [
            "I live in Ottawa.",
            "Still renting in Ottawa for now.",
        ]),
    ], "one_offs": [
        "My cousin lives in Quebec City.",
        "Can you remind me what an API key is?",
    ]},
    {"tenant": "sam.k_d5", "style": "first_person", "language": "en", "items": [
        ("fact", "son_name", "Theo", ["son", "child", "kid"], [
            "My son Theo is nine.",
            "Theo, my boy, has football on Saturdays.",
            "Picking Theo up from school, he's my eldest.",
        ]),
        ("fact", "vehicle", "campervan", ["drives", "car", "van", "camper"], [
            "I drive a VW campervan.",
            "We spend half the year travelling in our camper van.",
        ], {"value_aliases": ["camper", "vw", "volkswagen", "van"]}),
        ("preference", "closing_line", "no follow-up question", ["closing", "ending", "sign_off", "follow_up"], [
            "Don't end every answer with a question.",
            "Please stop asking 'anything else I can help with?' at the end.",
        ], {"value_aliases": ["question", "follow up", "anything else"]}),
    ], "stale": [
        ("vehicle", "Skoda Octavia", [
            "I drive a Skoda Octavia.",
            "My Octavia is in the garage again.",
        ]),
    ], "one_offs": [
        "My neighbour's son is called Felix.",
        "Need to buy milk on the way home.",
    ]},
    {"tenant": "priyanka_m_d5", "style": "first_person", "language": "en", "items": [
        ("fact", "allergy", "sesame", ["allergic_to", "allergies", "food_allergy"], [
            "I'm allergic to sesame.",
            "No tahini or sesame oil for me, my throat swells up.",
        ], {"value_aliases": ["sesame", "tahini"]}),
        ("fact", "birthday", "12 November", ["born_on", "birth_date", "dob", "date_of_birth"], [
            "My birthday is 12 November.",
            "I was born on the twelfth of November.",
        ], {"value_aliases": ["november", "12 11", "nov 12"]}),
        ("preference", "language", "English", ["answer_language", "reply_language"], [
            "Answer me in English even when I type in Hindi.",
            "Reply in English please, my Hindi reading is slow.",
        ], {"value_aliases": ["english"]}),
        ("fact", "hometown", "Pune", ["grew_up_in", "origin", "from", "birthplace"], [
            "I grew up in Pune.",
            "Pune is where I spent my whole childhood.",
        ]),
    ], "one_offs": [
        "My mum is allergic to cats.",
        "My flight got delayed yesterday.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "lars.e_d5", "style": "third_person", "language": "en", "items": [
        ("fact", "profession", "dentist", ["job", "occupation", "work"], [
            "Lars is a dentist.",
            "Lars spends his days filling cavities at his own practice.",
        ], {"value_aliases": ["dentist", "cavit"]}),
        ("fact", "sport", "sailing", ["hobby", "sails", "exercise"], [
            "Lars sails on weekends.",
            "Lars races a small dinghy at the local yacht club.",
            "Lars was out on the water all Sunday in his boat, racing.",
        ], {"value_aliases": ["sail", "dinghy", "yacht"]}),
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "Lars asks for distances in kilometres.",
            "Lars doesn't think in miles or feet.",
        ], {"value_aliases": ["metric", "kilomet", "km"]}),
    ], "stale": [
        ("profession", "dental student", [
            "Lars is a dental student.",
            "Lars is in his fourth year of dentistry school.",
        ]),
    ], "one_offs": [
        "Lars's wife is a pharmacist.",
        "Lars asked how to descale a kettle.",
    ]},
    {"tenant": "wen.zhao_d5", "style": "third_person", "language": "en", "items": [
        ("fact", "daughter_name", "Mei", ["daughter", "child", "kid"], [
            "Wen's daughter is called Mei.",
            "Wen picks Mei, her daughter, up from kindergarten every afternoon.",
        ]),
        ("fact", "hometown", "Chengdu", ["grew_up_in", "origin", "from", "birthplace"], [
            "Wen grew up in Chengdu.",
            "Wen is from Chengdu and misses the hotpot there.",
        ]),
        ("preference", "answer_format", "tables", ["format", "structure", "table"], [
            "Wen likes comparisons in a table.",
            "Wen asks for side-by-side columns whenever options are compared.",
        ], {"value_aliases": ["table", "column"]}),
        ("preference", "length", "under 100 words", ["answer_length", "word_limit", "brevity", "max_words"], [
            "Wen wants answers under 100 words.",
            "Wen complains when a reply runs past a hundred words.",
        ], {"value_aliases": ["100", "hundred"]}),
    ], "one_offs": [
        "Wen's colleague's daughter is named Lily.",
        "Wen is tired after a long flight.",
    ]},
    {"tenant": "fatima.zq_d5", "style": "third_person", "language": "en", "items": [
        ("fact", "diet", "halal", ["eats", "food", "dietary"], [
            "Fatima eats only halal food.",
            "Fatima avoids pork and any meat that isn't halal.",
        ]),
        ("fact", "car", "Toyota Corolla", ["drives", "vehicle", "car_model"], [
            "Fatima drives a Toyota Corolla.",
            "Fatima's Corolla is silver and twelve years old.",
        ], {"value_aliases": ["corolla", "toyota"]}),
        ("fact", "studies", "law", ["degree", "major", "field", "education"], [
            "Fatima is studying law.",
            "Fatima is in her second year at law school.",
            "Fatima wants to become a barrister once she has her degree.",
        ], {"value_aliases": ["law", "barrister", "legal"]}),
    ], "stale": [
        ("car", "Nissan Micra", [
            "Fatima drives a Nissan Micra.",
            "Fatima's Micra keeps breaking down.",
        ]),
    ], "one_offs": [
        "Fatima's brother drives a BMW.",
        "Fatima has an exam tomorrow.",
    ]},
    {"tenant": "diego.r_d5", "style": "third_person", "language": "en", "items": [
        ("fact", "instrument", "bass guitar", ["plays", "music", "hobby"], [
            "Diego plays bass guitar.",
            "Diego is the bassist in a punk band.",
        ], {"value_aliases": ["bass"]}),
        ("fact", "employer", "Spotify", ["works_at", "company", "workplace", "job", "work"], [
            "Diego works at Spotify.",
            "Diego is a data engineer at Spotify.",
            "Diego's team at Spotify builds the recommendation pipelines.",
        ]),
        ("preference", "tone", "humorous", ["style", "register", "humour"], [
            "Diego likes replies with a bit of humour.",
            "Diego finds dry, serious answers boring and wants the odd joke.",
        ], {"value_aliases": ["humo", "joke", "funny", "playful", "witty"]}),
    ], "stale": [
        ("employer", "Deezer", [
            "Diego works at Deezer.",
            "Diego's employer is Deezer.",
        ]),
    ], "one_offs": [
        "Diego's girlfriend plays the ukulele.",
        "Diego's train was cancelled this morning.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." forms
    {"tenant": "usr_30418_d5", "style": "user", "language": "en", "items": [
        ("fact", "rabbit_name", "Clover", ["rabbit", "bunny", "pet_name", "pet"], [
            "User has a rabbit named Clover.",
            "The user's bunny Clover chewed through a laptop cable.",
            "The user clarified the rabbit's name is Clover, not Bramble.",
        ]),
        ("fact", "profession", "air traffic controller", ["job", "occupation", "work"], [
            "User is an air traffic controller.",
            "The user guides planes in and out of the airport from the tower.",
        ], {"value_aliases": ["air traffic", "controller", "tower"]}),
        ("preference", "time_format", "24-hour", ["clock", "time", "format", "hours"], [
            "User wants times in 24-hour format.",
            "The user finds AM/PM confusing and asks for 14:00-style times.",
        ], {"value_aliases": ["24", "twenty four"]}),
    ], "stale": [
        ("rabbit_name", "Bramble", [
            "User has a rabbit named Bramble.",
            "The user's rabbit Bramble loves carrots.",
        ]),
    ], "one_offs": [
        "User's niece has a hamster named Chip.",
        "The user is going to the dentist on Thursday.",
    ]},
    {"tenant": "client-2290_d5", "style": "user", "language": "en", "items": [
        ("fact", "city", "Nairobi", ["lives_in", "home_city", "residence", "location"], [
            "User lives in Nairobi.",
            "The user's home is in Kilimani, Nairobi.",
        ]),
        ("fact", "sport", "running", ["hobby", "exercise", "runs", "marathon"], [
            "User runs marathons.",
            "The user has completed four marathons and trains six days a week.",
            "User does long runs every Sunday morning.",
        ], {"value_aliases": ["run", "marathon"]}),
        ("preference", "language", "Swahili", ["answer_language", "reply_language"], [
            "User prefers replies in Kiswahili.",
            "The user asks that responses be written in Swahili.",
        ], {"value_aliases": ["swahili", "kiswahili"]}),
    ], "stale": [
        ("language", "English", [
            "User wants answers in English.",
            "The user prefers English responses.",
        ]),
    ], "one_offs": [
        "User's brother lives in Mombasa.",
        "The user asked about today's exchange rate.",
    ]},
    {"tenant": "user-6603_d5", "style": "user", "language": "en", "items": [
        ("fact", "commute", "e-bike", ["vehicle", "transport", "bike", "rides"], [
            "User commutes on an e-bike.",
            "The user rides an electric bicycle to the office.",
        ], {"value_aliases": ["e bike", "ebike", "electric bicycle", "electric bike"]}),
        ("fact", "mother_name", "Rosalind", ["mother", "mum", "mom", "relative", "parent"], [
            "User's mother is named Rosalind.",
            "Rosalind, the user's mum, lives in Bath.",
        ]),
        ("preference", "avoid_words", "delve", ["words", "vocabulary", "avoid", "banned_words"], [
            "User does not want the word 'delve' used.",
            "The user dislikes buzzwords like 'delve' and 'leverage'.",
        ]),
        ("preference", "address_as", "Jo", ["name", "call_me", "form_of_address", "nickname"], [
            "User wants to be called Jo.",
            "The user prefers Jo to Joanna.",
        ]),
    ], "one_offs": [
        "User's partner drives to work.",
        "The user asked for a packing list for a weekend trip.",
    ]},
    {"tenant": "u.mbeki_d5", "style": "user", "language": "en", "items": [
        ("fact", "employer", "Standard Bank", ["works_at", "company", "workplace", "job", "work"], [
            "User works at Standard Bank.",
            "The user is employed by Standard Bank as a risk analyst.",
        ], {"value_aliases": ["standard bank"]}),
        ("fact", "hometown", "Durban", ["grew_up_in", "origin", "from", "birthplace"], [
            "User grew up in Durban.",
            "The user's childhood was spent in Durban.",
        ]),
        ("preference", "length", "detailed", ["answer_length", "depth", "detail"], [
            "User wants detailed, thorough answers.",
            "The user complains that short replies leave out too much.",
        ], {"value_aliases": ["detail", "thorough", "long", "comprehensive", "in depth"]}),
    ], "stale": [
        ("employer", "Absa", [
            "User works at Absa.",
            "The user's employer is Absa.",
        ]),
    ], "one_offs": [
        "User's wife works at Discovery.",
        "The user slept badly last night.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "zoe99_d5", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "dog_name", "nacho", ["dog", "pet_name", "pet", "pug"], [
            "my dog is named nacho",
            "nacho (my pug) ate my airpods lmao",
            "walkin nacho rn brb",
        ]),
        ("fact", "studies", "nursing", ["degree", "major", "field", "education"], [
            "im in nursing skool",
            "studyin to be a nurse, 2nd yr",
        ], {"value_aliases": ["nurs"]}),
        ("preference", "length", "short", ["answer_length", "brevity"], [
            "keep it short pls",
            "ur answers r way too long i dont read all that",
        ], {"value_aliases": ["short", "brief", "concise"]}),
    ], "stale": [
        ("studies", "biology", [
            "im a bio major",
            "studyng biology at uni",
        ]),
    ], "one_offs": [
        "my bfs dog is called pickle",
        "omg my exam is tmrw",
    ]},
    {"tenant": "mkt_jay_d5", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "city", "austin", ["lives_in", "home_city", "residence", "location"], [
            "i live in austin",
            "austin is sooo hot in summer ugh",
            "actually its austin not dallas, moved last month",
        ]),
        ("fact", "profession", "graphic designer", ["job", "occupation", "work"], [
            "im a graphic desginer",
            "i make logos n posters for clients all day",
        ], {"value_aliases": ["design", "graphic", "logo"]}),
        ("preference", "tone", "casual", ["style", "register", "formality"], [
            "talk normal w me, no corporate speak",
            "pls dont sound like a robot lol",
        ], {"value_aliases": ["casual", "informal", "corporate", "robot"]}),
    ], "stale": [
        ("city", "dallas", [
            "i live in dallas",
            "im in dallas btw",
        ]),
    ], "one_offs": [
        "my sis lives in houston",
        "cant sleep its 3am",
    ]},
    {"tenant": "b3n_t_d5", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "allergy", "peanuts", ["allergic_to", "allergies", "food_allergy"], [
            "im alergic to peanuts",
            "cant eat anything w peanuts or ill end up in the er",
        ], {"value_aliases": ["peanut"]}),
        ("fact", "hobby", "chess", ["game", "plays", "pastime"], [
            "i play chess online every nite",
            "my rating on lichess is 1600 now",
        ], {"value_aliases": ["chess", "lichess"]}),
        ("preference", "timezone", "UK time", ["time_zone", "times", "zone"], [
            "pls use uk time",
            "im in london so gimme times in gmt",
        ], {"value_aliases": ["uk", "gmt", "bst", "london", "british"]}),
    ], "one_offs": [
        "my mates alergic to cats",
        "im 17 n i live w my gran lol",
    ]},
    {"tenant": "ana_lu_d5", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "instrument", "ukulele", ["plays", "music", "hobby"], [
            "i play ukelele",
            "learnin new songs on my uke",
        ], {"value_aliases": ["ukulele", "ukelele", "uke"]}),
        ("fact", "birthday", "July 3", ["born_on", "birth_date", "dob", "date_of_birth"], [
            "my bday is july 3",
            "turnin 30 on the 3rd of july!!",
        ], {"value_aliases": ["july", "3 july", "jul"]}),
        ("preference", "answer_format", "numbered steps", ["format", "steps", "structure"], [
            "give me steps numbered pls",
            "when u explain how to do smth use 1 2 3",
        ], {"value_aliases": ["numbered", "step", "1 2 3"]}),
    ], "one_offs": [
        "my cousin plays the drums",
        "ugh mondays",
    ]},
    # ---------------------------------------------------------------- (f) non-English
    {"tenant": "minji.k_d5", "style": "non_english", "language": "ko", "items": [
        ("preference", "language", "한국어", ["answer_language", "reply_language"], [
            "한국어로 대답해 주세요.",
            "답변은 한국말로 부탁드려요.",
        ], {"value_aliases": ["korean", "hangugeo", "한국말"]}),
        ("fact", "city", "부산", ["lives_in", "home_city", "residence", "location"], [
            "부산에 살아요.",
            "저는 요즘 해운대 근처, 부산에서 지내고 있어요.",
        ], {"value_aliases": ["busan", "pusan"]}),
        ("fact", "profession", "간호사", ["job", "occupation", "work"], [
            "간호사예요.",
            "병원에서 밤새 환자들을 돌보는 일을 해요.",
        ], {"value_aliases": ["nurse", "ganhosa"]}),
    ], "stale": [
        ("city", "인천", [
            "인천에 살아요.",
            "저는 인천에서 살고 있어요.",
        ]),
    ], "one_offs": [
        "친구는 대구에 살아요.",
        "내일 비가 올까요?",
    ]},
    {"tenant": "dmitri.v_d5", "style": "non_english", "language": "ru", "items": [
        ("fact", "profession", "ветеринар", ["job", "occupation", "work"], [
            "Я ветеринар.",
            "Целыми днями лечу кошек и собак в клинике.",
            "Работаю ветеринарным врачом.",
        ], {"value_aliases": ["veterinar", "vet", "veterinarian"]}),
        ("fact", "daughter_age", "7", ["daughter", "child", "age", "kid"], [
            "Дочке семь лет.",
            "Моей дочери Алисе недавно исполнилось семь.",
        ], {"value_aliases": ["семь", "seven"]}),
        ("preference", "address_form", "на ты", ["address", "formality", "tone", "register"], [
            "Обращайся ко мне на «ты».",
            "Не надо мне «выкать», давай проще.",
        ], {"value_aliases": ["ты", "ty", "informal"]}),
    ], "stale": [
        ("daughter_age", "6", [
            "Дочке шесть лет.",
            "Моей дочери шесть.",
        ]),
    ], "one_offs": [
        "Сыну соседки девять лет.",
        "Завтра у меня выходной.",
    ]},
    {"tenant": "eleni.p_d5", "style": "non_english", "language": "el", "items": [
        ("preference", "length", "σύντομες", ["answer_length", "brevity"], [
            "Θέλω σύντομες απαντήσεις.",
            "Μη γράφεις σεντόνια, δεν τα διαβάζω.",
        ], {"value_aliases": ["short", "syntom", "σύντομ"]}),
        ("fact", "hometown", "Θεσσαλονίκη", ["grew_up_in", "origin", "from", "birthplace"], [
            "Κατάγομαι από τη Θεσσαλονίκη.",
            "Μεγάλωσα στη Θεσσαλονίκη, κοντά στον Λευκό Πύργο.",
        ], {"value_aliases": ["thessaloniki", "salonica", "θεσσαλονίκ"]}),
        ("fact", "allergy", "οστρακοειδή", ["allergic_to", "allergies", "food_allergy"], [
            "Έχω αλλεργία στα οστρακοειδή.",
            "Δεν τρώω γαρίδες, πρήζομαι αμέσως.",
        ], {"value_aliases": ["shellfish", "γαρίδ", "shrimp", "οστρακ"]}),
    ], "one_offs": [
        "Ο άντρας μου κατάγεται από την Πάτρα.",
        "Τι ώρα κλείνει το φαρμακείο σήμερα;",
    ]},
    {"tenant": "tran.h_d5", "style": "non_english", "language": "vi", "items": [
        ("preference", "language", "tiếng Việt", ["answer_language", "reply_language"], [
            "Trả lời bằng tiếng Việt nhé.",
            "Tôi muốn đọc câu trả lời bằng tiếng Việt.",
        ], {"value_aliases": ["tieng viet", "vietnamese"]}),
        ("fact", "city", "Đà Nẵng", ["lives_in", "home_city", "residence", "location"], [
            "Tôi sống ở Đà Nẵng.",
            "Nhà ở Đà Nẵng, gần biển Mỹ Khê.",
        ], {"value_aliases": ["da nang", "danang"]}),
        ("fact", "vehicle", "Honda Wave", ["motorbike", "xe_may", "rides", "drives"], [
            "Tôi đi xe máy Honda Wave.",
            "Ngày nào cũng chạy chiếc Wave đi làm.",
        ], {"value_aliases": ["wave", "honda", "xe may", "motorbike"]}),
    ], "stale": [
        ("city", "Huế", [
            "Tôi sống ở Huế.",
            "Hiện đang ở Huế.",
        ]),
    ], "one_offs": [
        "Em gái tôi sống ở Hà Nội.",
        "Hôm qua trời mưa to quá.",
    ]},
    {"tenant": "aino.k_d5", "style": "non_english", "language": "fi", "items": [
        ("fact", "dog_name", "Onni", ["dog", "koira", "pet_name", "pet"], [
            "Koirani nimi on Onni.",
            "Onni-koira odottaa minua aina ovella.",
        ]),
        ("fact", "hobby", "hiihto", ["sport", "exercise", "skiing"], [
            "Harrastan murtomaahiihtoa.",
            "Hiihdän joka talvi metsäladuilla.",
        ], {"value_aliases": ["hiihd", "hiihto", "skiing", "ski"]}),
        ("preference", "answer_format", "luettelo", ["format", "structure", "bullets", "lists"], [
            "Vastaa ranskalaisin viivoin, kiitos.",
            "Listaa asiat mieluummin luettelona kuin pitkänä tekstinä.",
        ], {"value_aliases": ["ranskalai", "viiva", "luettelo", "bullet", "list"]}),
        ("fact", "employer", "Kone", ["works_at", "company", "workplace", "job", "work"], [
            "Olen töissä Koneella.",
            "Työpaikkani on Kone, hissipuolella.",
        ], {"value_aliases": ["kone"]}),
    ], "stale": [
        ("employer", "Nokia", [
            "Työskentelen Nokialla.",
            "Olen Nokian palveluksessa.",
        ]),
    ], "one_offs": [
        "Siskoni koiran nimi on Musti.",
        "Huomenna pitää käydä kaupassa.",
    ]},
    {"tenant": "gabor.n_d5", "style": "non_english", "language": "hu", "items": [
        ("fact", "profession", "könyvelő", ["job", "occupation", "work"], [
            "Könyvelő vagyok.",
            "Egész nap számlákat és mérlegeket készítek egy irodában.",
        ], {"value_aliases": ["konyvelo", "accountant"]}),
        ("fact", "city", "Debrecen", ["lives_in", "home_city", "residence", "location"], [
            "Debrecenben lakom.",
            "A családommal Debrecenben élünk.",
        ]),
        ("preference", "language", "magyar", ["answer_language", "reply_language"], [
            "Magyarul válaszolj, kérlek.",
            "A válaszokat magyar nyelven kérem.",
        ], {"value_aliases": ["magyar", "hungarian"]}),
    ], "stale": [
        ("city", "Szeged", [
            "Szegeden lakom.",
            "Jelenleg Szegeden élek.",
        ]),
    ], "one_offs": [
        "A bátyám Győrben lakik.",
        "Ma nagyon fáradt vagyok.",
    ]},
]
