"""THIRTEENTH DEV split (dev13) of the consolidation corpus: non-English and mixed-language memory, written from the
style descriptions alone after dev/ to dev11/ had been tuned against, committed before anyone measured it.
Pro-drop languages where the subject is left out ("Vivo en Bilbao", "Lavoro da Amazon", "Sou alérgica a marisco"),
unspaced scripts (Japanese, Chinese, Thai) with facts and no subject, Korean, Arabic, Hindi, Turkish, Polish, Greek,
Indonesian, Vietnamese and Swedish; code-switching as users write it (Hinglish, Spanglish, Taglish, Franglais, English
brands inside other-language sentences, a "User ..." tenant whose memories come in two languages); Mem0-style
subject-less memories in the user's language and first-person chat. Each key item is said in 2-3 sessions with other
words and word order, with one-offs about someone else's attribute of the same type, transient remarks and stale
values (moves, changed employers, jobs and vehicles, change statements naming old and new value) in most tenants.

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
PET = ["pet_name", "pet"]
CAR = ["car", "drives", "vehicle_model", "vehicle", "motorbike"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less, user's language
    {"tenant": "lucia.g_d13", "style": "mem0", "language": "es", "items": [
        ("fact", "city", "Sevilla", CITY, [
            "Se mudó de Málaga a Sevilla",
            "Vive en Sevilla",
            "Tiene un piso en Triana, en Sevilla",
        ], {"value_aliases": ["seville"]}),
        ("preference", "length", "short answers", LENGTH, [
            "Prefiere respuestas cortas",
            "Quiere que las respuestas no pasen de tres frases",
        ], {"value_aliases": ["short", "cortas", "corta", "breve", "tres frases"]}),
        ("fact", "dog_name", "Canela", ["dog"] + PET, [
            "Tiene una perra llamada Canela",
            "Saca a pasear a Canela cada mañana",
        ]),
    ], "stale": [
        ("city", "Málaga", [
            "Vive en Málaga",
            "Alquila un apartamento en Málaga cerca del puerto",
        ]),
    ], "one_offs": [
        "Su hermana vive en Valencia",
        "Preguntó por horarios de tren a Madrid",
    ]},
    {"tenant": "thais.b_d13", "style": "mem0", "language": "pt", "session_field": "metadata", "items": [
        ("fact", "allergy", "amendoim", ["allergic_to", "allergies", "allergy"], [
            "É alérgica a amendoim",
            "Não pode comer nada que leve amendoim",
            "Carrega antialérgico por causa da alergia a amendoim",
        ], {"value_aliases": ["peanut", "peanuts"]}),
        ("fact", "cat_name", "Paçoca", ["cat"] + PET, [
            "Tem um gato chamado Paçoca",
            "O gato Paçoca dorme em cima do teclado",
        ], {"value_aliases": ["pacoca"]}),
        ("fact", "employer", "Nubank", EMPLOYER, [
            "Começou a trabalhar no Nubank",
            "Trabalha no Nubank",
            "Gosta muito da equipe do Nubank",
        ]),
        ("preference", "language", "português", LANG, [
            "Prefere respostas em português",
            "Quer que o assistente responda sempre em português",
        ], {"value_aliases": ["portuguese", "portugues"]}),
    ], "stale": [
        ("employer", "Itaú", [
            "Trabalha no Itaú",
            "É analista de dados no banco Itaú",
        ], ),
    ], "one_offs": [
        "O irmão é alérgico a camarão",
        "Pediu uma receita de pão de queijo",
    ]},
    {"tenant": "haruto.k_d13", "style": "mem0", "language": "ja", "items": [
        ("fact", "city", "大阪", CITY, [
            "京都から大阪に引っ越した",
            "大阪に住んでいる",
            "大阪在住",
        ], {"value_aliases": ["osaka"]}),
        ("fact", "cat_name", "モチ", ["cat"] + PET, [
            "猫の名前はモチ",
            "モチという猫を飼っている",
        ], {"value_aliases": ["mochi"]}),
        ("preference", "length", "short answers", LENGTH, [
            "短い回答を好む",
            "答えは簡潔にしてほしい",
        ], {"value_aliases": ["short", "簡潔", "短い"]}),
    ], "stale": [
        ("city", "京都", [
            "京都に住んでいる",
            "京都でアパートを借りている",
        ]),
    ], "one_offs": [
        "妹は東京に住んでいる",
        "明日の天気を聞いた",
    ]},
    {"tenant": "jiwoo.p_d13", "style": "mem0", "language": "ko", "session_field": "metadata", "items": [
        ("fact", "job", "간호사", JOB, [
            "간호사로 일한다",
            "병원에서 간호사로 야간 근무를 한다",
        ], {"value_aliases": ["nurse"]}),
        ("preference", "language", "한국어", LANG, [
            "한국어로 답변받기를 원한다",
            "답은 항상 한국어로 해 주길 바란다",
        ], {"value_aliases": ["korean"]}),
        ("fact", "dog_name", "초코", ["dog"] + PET, [
            "초코라는 강아지를 키운다",
            "강아지 이름은 초코",
        ], {"value_aliases": ["choco"]}),
    ], "stale": [
        ("job", "교사", [
            "초등학교 교사다",
            "초등학생들에게 수학을 가르친다",
        ]),
    ], "one_offs": [
        "남동생은 경찰이다",
        "오늘 비가 와서 우울하다고 함",
    ]},
    {"tenant": "putri.s_d13", "style": "mem0", "language": "id", "items": [
        ("fact", "employer", "Tokopedia", EMPLOYER, [
            "Pindah kerja dari Gojek ke Tokopedia",
            "Bekerja di Tokopedia",
            "Sekarang ngantor di Tokopedia",
        ]),
        ("fact", "diet", "vegetarian", ["dietary", "food", "diet"], [
            "Seorang vegetarian",
            "Tidak makan daging sama sekali",
        ], {"value_aliases": ["vegetarian", "daging", "meat"]}),
        ("preference", "answer_format", "bullet points", FORMAT, [
            "Suka jawaban dalam bentuk poin-poin",
            "Ingin daftar berpoin, bukan paragraf panjang",
        ], {"value_aliases": ["bullet", "poin", "list", "daftar"]}),
    ], "stale": [
        ("employer", "Gojek", [
            "Bekerja di Gojek",
            "Menjadi engineer di Gojek",
        ]),
    ], "one_offs": [
        "Adiknya bekerja di Shopee",
        "Bertanya resep rendang untuk lebaran",
    ]},
    {"tenant": "sara.l_d13", "style": "mem0", "language": "sv", "items": [
        ("fact", "city", "Göteborg", CITY, [
            "Har flyttat från Uppsala till Göteborg",
            "Bor i Göteborg",
            "Har en lägenhet i Majorna i Göteborg",
        ], {"value_aliases": ["goteborg", "gothenburg"]}),
        ("preference", "emoji", "no emojis", ["emojis", "style", "format", "tone"], [
            "Vill inte ha emojis i svaren",
            "Tycker att smileys i svar är onödiga",
        ], {"value_aliases": ["emoji", "smiley"]}),
        ("fact", "hobby", "innebandy", ["sport", "hobbies", "pastime"], [
            "Spelar innebandy",
            "Tränar innebandy två kvällar i veckan",
        ], {"value_aliases": ["floorball"]}),
    ], "stale": [
        ("city", "Uppsala", [
            "Bor i Uppsala",
            "Hyr en etta i Uppsala",
        ]),
    ], "one_offs": [
        "Systern bor i Malmö",
        "Frågade om tågtider till Oslo",
    ]},
    # ---------------------------------------------------------------- (b) first person, pro-drop chat
    {"tenant": "pablo.r_d13", "style": "first_person", "language": "es", "items": [
        ("fact", "city", "Bilbao", CITY, [
            "Me mudé de Zaragoza a Bilbao.",
            "Vivo en Bilbao.",
            "Desde mi piso en Bilbao veo la ría.",
        ]),
        ("preference", "tone", "informal", TONE, [
            "Háblame de tú, por favor.",
            "Prefiero un tono informal, nada de usted.",
        ], {"value_aliases": ["informal", "tu", "tutear", "casual"]}),
        ("fact", "job", "bombero", JOB, [
            "Soy bombero.",
            "Trabajo de bombero en el parque de Deusto.",
        ], {"value_aliases": ["firefighter"]}),
    ], "stale": [
        ("city", "Zaragoza", [
            "Vivo en Zaragoza.",
            "Tengo un piso alquilado en Zaragoza.",
        ]),
    ], "one_offs": [
        "Mi primo es bombero en Huesca.",
        "Hoy estoy cansadísimo.",
    ]},
    {"tenant": "giulia.f_d13", "style": "first_person", "language": "it", "items": [
        ("fact", "employer", "Amazon", EMPLOYER, [
            "Ho lasciato l'Enel e sono passata ad Amazon.",
            "Lavoro da Amazon.",
            "In Amazon mi occupo di logistica.",
        ]),
        ("preference", "language", "italiano", LANG, [
            "Rispondimi in italiano.",
            "Preferisco le risposte in italiano, non in inglese.",
        ], {"value_aliases": ["italian"]}),
        ("fact", "rabbit_name", "Briciola", ["rabbit", "coniglio"] + PET, [
            "Ho un coniglio che si chiama Briciola.",
            "Briciola ha rosicchiato il cavo del caricatore.",
        ]),
    ], "stale": [
        ("employer", "Enel", [
            "Lavoro all'Enel.",
            "Sono ingegnera all'Enel.",
        ]),
    ], "one_offs": [
        "Mia sorella lavora da Google.",
        "Stasera pizza con gli amici.",
    ]},
    {"tenant": "ana.c_d13", "style": "first_person", "language": "pt", "items": [
        ("fact", "allergy", "marisco", ["allergic_to", "allergies", "allergy"], [
            "Sou alérgica a marisco.",
            "Não posso comer marisco, faz-me muito mal.",
        ], {"value_aliases": ["shellfish", "mariscos"]}),
        ("fact", "city", "Lisboa", CITY, [
            "Mudei-me do Porto para Lisboa.",
            "Vivo em Lisboa.",
            "Adoro o meu bairro em Lisboa, Alvalade.",
        ], {"value_aliases": ["lisbon"]}),
        ("preference", "date_format", "DD/MM/YYYY", ["dates", "date", "format"], [
            "Escreve as datas como dia/mês/ano.",
            "Prefiro datas no formato DD/MM/AAAA.",
        ], {"value_aliases": ["dd mm", "dia mes", "dia/mes"]}),
    ], "stale": [
        ("city", "Porto", [
            "Vivo no Porto.",
            "Tenho um T2 arrendado no Porto.",
        ]),
    ], "one_offs": [
        "O meu irmão vive em Braga.",
        "Hoje está imenso calor.",
    ]},
    {"tenant": "chloe.m_d13", "style": "first_person", "language": "fr", "items": [
        ("fact", "job", "product manager", JOB, [
            "J'ai quitté le consulting, je suis product manager maintenant.",
            "Je suis product manager.",
            "Je bosse comme PM dans une startup de la fintech.",
        ], {"value_aliases": ["pm", "product"]}),
        ("preference", "language", "français", LANG, [
            "Réponds-moi en français stp.",
            "Je préfère les réponses en français, pas en anglais.",
        ], {"value_aliases": ["french", "francais"]}),
        ("fact", "hobby", "running", ["sport", "hobbies", "pastime"], [
            "Je fais du running le weekend.",
            "J'ai fait mon long run de 20 km ce matin.",
        ], {"value_aliases": ["run", "course", "courir"]}),
    ], "stale": [
        ("job", "consultante", [
            "Je suis consultante.",
            "Je fais du consulting en stratégie.",
        ]),
    ], "one_offs": [
        "Mon copain est product manager lui aussi.",
        "Trop de meetings aujourd'hui.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "eleni.p_d13", "style": "third_person", "language": "el", "items": [
        ("fact", "city", "Θεσσαλονίκη", CITY, [
            "Η Ελένη μένει στη Θεσσαλονίκη.",
            "Η Ελένη έχει διαμέρισμα στη Θεσσαλονίκη, κοντά στον Λευκό Πύργο.",
        ], {"value_aliases": ["thessaloniki"]}),
        ("fact", "daughter_name", "Δανάη", ["daughter", "child", "kid"], [
            "Η κόρη της Ελένης λέγεται Δανάη.",
            "Η Ελένη πηγαίνει κάθε πρωί τη Δανάη, την κόρη της, στο σχολείο.",
        ], {"value_aliases": ["danai"]}),
        ("fact", "hobby", "βιολί", ["instrument", "hobbies", "pastime", "plays"], [
            "Η Ελένη παίζει βιολί.",
            "Η Ελένη κάνει πρόβες με την ορχήστρα με το βιολί της.",
        ], {"value_aliases": ["violin"]}),
    ], "one_offs": [
        "Η φίλη της Ελένης μένει στην Αθήνα.",
        "Η Ελένη ρώτησε για τον καιρό το Σάββατο.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." in two languages
    {"tenant": "usr_4410_d13", "style": "user", "language": "es", "items": [
        ("fact", "employer", "Mercado Libre", EMPLOYER, [
            "El usuario trabaja en Mercado Libre",
            "User works at Mercado Libre as a backend developer",
        ], {"value_aliases": ["mercadolibre"]}),
        ("fact", "city", "Buenos Aires", CITY, [
            "El usuario se mudó de Córdoba a Buenos Aires",
            "User lives in Buenos Aires",
            "El usuario vive en Buenos Aires, en Palermo",
        ]),
        ("preference", "language", "español", LANG, [
            "User prefers answers in Spanish",
            "El usuario quiere las respuestas en español",
        ], {"value_aliases": ["spanish", "espanol"]}),
    ], "stale": [
        ("city", "Córdoba", [
            "User lives in Córdoba",
            "El usuario vive en Córdoba",
        ], ),
    ], "one_offs": [
        "La hermana del usuario vive en Rosario",
        "User asked about the exchange rate today",
    ]},
    # ---------------------------------------------------------------- (e) code-switched chat, lower case
    {"tenant": "rohan_d13", "style": "lowercase_typos", "language": "hi-en", "items": [
        ("fact", "dog_name", "Bruno", ["dog"] + PET, [
            "mera dog ka naam Bruno hai",
            "bruno ko subah walk pe le gaya",
            "mere doggo bruno ko vet ke paas le jana hai",
        ]),
        ("fact", "employer", "Accenture", EMPLOYER, [
            "wipro chhod ke accenture join kar liya",
            "accenture mein kaam karta hu",
            "accenture ka office gurgaon me hai, roz jaata hu",
        ]),
        ("preference", "length", "short answers", LENGTH, [
            "answers short rakhna yaar",
            "lambi lambi replies mat do pls",
        ], {"value_aliases": ["short", "lambi"]}),
    ], "stale": [
        ("employer", "Wipro", [
            "main wipro mein kaam karta hu",
            "wipro me job hai meri",
        ]),
    ], "one_offs": [
        "meri behen ke dog ka naam Simba hai",
        "aaj bahut traffic tha",
    ]},
    {"tenant": "vale_d13", "style": "lowercase_typos", "language": "es-en", "items": [
        ("fact", "city", "Miami", CITY, [
            "me mude de houston a miami",
            "vivo en miami now",
            "mi nuevo apartment en miami tiene balcony",
        ]),
        ("fact", "cat_name", "Mango", ["cat"] + PET, [
            "mi gato se llama Mango",
            "mango is sleeping on my laptop otra vez",
        ]),
        ("preference", "language", "español", LANG, [
            "contestame en spanish porfa",
            "prefiero las answers en español",
        ], {"value_aliases": ["spanish", "espanol"]}),
    ], "stale": [
        ("city", "Houston", [
            "vivo en houston",
            "mi apartment en houston es chiquito",
        ]),
    ], "one_offs": [
        "mi roommate tiene un perro que se llama Rocky",
        "hoy estoy super tired",
    ]},
    {"tenant": "migs_d13", "style": "lowercase_typos", "language": "tl-en", "items": [
        ("fact", "employer", "Smart", EMPLOYER, [
            "lumipat na ako from globe to smart",
            "sa smart na ako nagwowork",
        ], {"value_aliases": ["smart communications"]}),
        ("preference", "tone", "casual", TONE, [
            "pls casual lang ang sagot, parang barkada lang",
            "ayoko ng formal na sagot",
        ], {"value_aliases": ["casual", "informal", "formal"]}),
        ("fact", "dog_name", "Bantay", ["dog"] + PET, [
            "may aso ako, si Bantay",
            "pinaliguan ko si bantay kanina",
        ]),
    ], "stale": [
        ("employer", "Globe", [
            "nagwowork ako sa globe",
            "sa globe ako nagttrabaho as call center agent",
        ]),
    ], "one_offs": [
        "yung kapatid ko nagwowork sa jollibee",
        "grabe traffic sa edsa today",
    ]},
    # ---------------------------------------------------------------- (f) other languages, chat and subject-less
    {"tenant": "yui.t_d13", "style": "non_english", "language": "ja", "items": [
        ("fact", "city", "福岡", CITY, [
            "札幌から福岡に引っ越しました。",
            "福岡に住んでいます。",
            "今は福岡暮らしです。",
        ], {"value_aliases": ["fukuoka"]}),
        ("fact", "cat_name", "モチ", ["cat"] + PET, [
            "猫の名前はモチです。",
            "うちのモチがまたソファで寝ています。",
        ], {"value_aliases": ["mochi"]}),
        ("preference", "answer_format", "bullet points", FORMAT, [
            "箇条書きで答えてください。",
            "長い文章より箇条書きの方が読みやすいです。",
        ], {"value_aliases": ["箇条書き", "bullet", "list"]}),
    ], "stale": [
        ("city", "札幌", [
            "札幌に住んでいます。",
            "札幌で一人暮らしをしています。",
        ], ),
    ], "one_offs": [
        "友達の犬の名前はポチです。",
        "今日は疲れました。",
    ]},
    {"tenant": "chen.l_d13", "style": "non_english", "language": "zh", "items": [
        ("fact", "employer", "腾讯", EMPLOYER, [
            "我从阿里巴巴跳槽到了腾讯。",
            "在腾讯上班。",
            "腾讯的食堂还不错。",
        ], {"value_aliases": ["tencent"]}),
        ("fact", "dog_name", "豆豆", ["dog"] + PET, [
            "我家狗叫豆豆。",
            "每天晚上带豆豆去散步。",
        ], {"value_aliases": ["doudou"]}),
        ("preference", "language", "中文", LANG, [
            "请用中文回答。",
            "希望你用简体中文回复我。",
        ], {"value_aliases": ["chinese", "简体中文"]}),
    ], "stale": [
        ("employer", "阿里巴巴", [
            "在阿里巴巴工作。",
            "我在阿里巴巴做产品经理。",
        ]),
    ], "one_offs": [
        "我同事的猫叫咪咪。",
        "今天下雨了。",
    ]},
    {"tenant": "somchai.w_d13", "style": "non_english", "language": "th", "items": [
        ("fact", "city", "เชียงใหม่", CITY, [
            "ย้ายจากกรุงเทพไปอยู่เชียงใหม่แล้ว",
            "อาศัยอยู่ที่เชียงใหม่",
            "บ้านอยู่เชียงใหม่ ใกล้ประตูท่าแพ",
        ], {"value_aliases": ["chiang mai"]}),
        ("fact", "job", "นักบัญชี", JOB, [
            "เป็นนักบัญชี",
            "ทำงานเป็นนักบัญชีที่บริษัทเล็กๆ",
        ], {"value_aliases": ["accountant"]}),
        ("preference", "length", "short answers", LENGTH, [
            "ขอคำตอบสั้นๆ",
            "ไม่ชอบคำตอบยาว ตอบสั้นๆ ก็พอ",
        ], {"value_aliases": ["short", "สั้น"]}),
    ], "stale": [
        ("city", "กรุงเทพ", [
            "อยู่กรุงเทพ",
            "เช่าคอนโดอยู่ในกรุงเทพ",
        ]),
    ], "one_offs": [
        "น้องสาวเป็นพยาบาล",
        "วันนี้รถติดมาก",
    ]},
    {"tenant": "omar.h_d13", "style": "non_english", "language": "ar", "items": [
        ("fact", "city", "دبي", CITY, [
            "انتقلت من عمّان إلى دبي",
            "أسكن في دبي",
            "شقتي في دبي قريبة من المترو",
        ], {"value_aliases": ["dubai"]}),
        ("preference", "language", "العربية", LANG, [
            "أجبني باللغة العربية من فضلك",
            "أفضّل أن تكون الردود بالعربية",
        ], {"value_aliases": ["arabic", "عربية", "بالعربية"]}),
        ("fact", "son_name", "يوسف", ["son", "child", "kid"], [
            "اسم ابني يوسف",
            "ابني يوسف عمره خمس سنوات",
        ], {"value_aliases": ["yusuf", "youssef"]}),
    ], "stale": [
        ("city", "عمّان", [
            "أسكن في عمّان",
            "أعيش في عمّان مع عائلتي",
        ]),
    ], "one_offs": [
        "اسم ابن أخي كريم",
        "الجو حار جدا اليوم",
    ]},
    {"tenant": "priya.s_d13", "style": "non_english", "language": "hi", "items": [
        ("fact", "employer", "Infosys", EMPLOYER, [
            "मैंने TCS छोड़कर Infosys जॉइन कर लिया।",
            "मैं Infosys में काम करती हूँ।",
            "Infosys का ऑफिस घर से दूर है।",
        ]),
        ("fact", "diet", "vegetarian", ["dietary", "food", "diet"], [
            "मैं शाकाहारी हूँ।",
            "मैं मांस-मछली नहीं खाती।",
        ], {"value_aliases": ["शाकाहारी", "vegetarian"]}),
        ("preference", "language", "हिंदी", LANG, [
            "मुझे हिंदी में जवाब दो।",
            "जवाब हिंदी में ही देना।",
        ], {"value_aliases": ["hindi"]}),
    ], "stale": [
        ("employer", "TCS", [
            "मैं TCS में काम करती हूँ।",
            "TCS में मेरी नौकरी है।",
        ]),
    ], "one_offs": [
        "मेरे भाई Wipro में काम करते हैं।",
        "आज बहुत गर्मी है।",
    ]},
    {"tenant": "emre.k_d13", "style": "non_english", "language": "tr", "items": [
        ("fact", "city", "İzmir", CITY, [
            "Ankara'dan İzmir'e taşındım.",
            "İzmir'de oturuyorum.",
            "İzmir'de denize yakın bir evim var.",
        ], {"value_aliases": ["izmir"]}),
        ("fact", "cat_name", "Pamuk", ["cat"] + PET, [
            "Pamuk adında bir kedim var.",
            "Kedimin adı Pamuk.",
        ]),
        ("preference", "units", "celsius", ["temperature", "temperature_unit", "measurement_units"], [
            "Sıcaklıkları Celsius olarak ver.",
            "Fahrenheit değil, santigrat derece istiyorum.",
        ], {"value_aliases": ["celsius", "santigrat"]}),
    ], "stale": [
        ("city", "Ankara", [
            "Ankara'da yaşıyorum.",
            "Ankara'da kiralık bir dairem var.",
        ]),
    ], "one_offs": [
        "Kız kardeşimin kedisinin adı Duman.",
        "Bugün çok yoruldum.",
    ]},
    {"tenant": "zofia.w_d13", "style": "non_english", "language": "pl", "items": [
        ("fact", "job", "weterynarz", JOB, [
            "Jestem weterynarzem.",
            "Leczę psy i koty w swojej przychodni.",
        ], {"value_aliases": ["vet", "veterinarian", "weterynarzem"]}),
        ("fact", "vehicle", "Skoda Octavia", CAR, [
            "Sprzedałam fiata i kupiłam skodę octavię.",
            "Jeżdżę skodą octavią.",
            "Moja octavia kombi mieści cały sprzęt.",
        ], {"value_aliases": ["skoda", "octavia", "skodą", "octavią", "skode"]}),
        ("preference", "language", "polski", LANG, [
            "Odpowiadaj po polsku.",
            "Wolę odpowiedzi w języku polskim.",
        ], {"value_aliases": ["polish", "polsku", "polskim"]}),
    ], "stale": [
        ("vehicle", "Fiat Panda", [
            "Jeżdżę fiatem pandą.",
            "Mam starego fiata pandę.",
        ]),
    ], "one_offs": [
        "Mój mąż jeździ toyotą.",
        "Jutro idę do dentysty.",
    ]},
    {"tenant": "minh.n_d13", "style": "non_english", "language": "vi", "items": [
        ("fact", "employer", "FPT", EMPLOYER, [
            "Tôi đã nghỉ Viettel và chuyển sang FPT.",
            "Tôi đang làm ở FPT.",
            "Văn phòng FPT của tôi ở Cầu Giấy.",
        ]),
        ("preference", "language", "tiếng Việt", LANG, [
            "Hãy trả lời tôi bằng tiếng Việt.",
            "Tôi muốn câu trả lời bằng tiếng Việt.",
        ], {"value_aliases": ["vietnamese", "tieng viet"]}),
        ("fact", "vehicle", "Honda Vision", CAR, [
            "Tôi đi xe Honda Vision.",
            "Chiếc Vision của tôi vừa thay nhớt.",
        ], {"value_aliases": ["honda", "vision"]}),
    ], "stale": [
        ("employer", "Viettel", [
            "Tôi làm việc ở Viettel.",
            "Tôi là kỹ sư mạng tại Viettel.",
        ]),
    ], "one_offs": [
        "Anh trai tôi làm ở Viettel.",
        "Hôm nay trời nóng quá.",
    ]},
]
