"""SECOND DEV split (dev2) of the consolidation corpus: written after the first dev split had been tuned against,
with other attributes and wordings than dev/ (longer sentences with context, hedges, two facts in one sentence,
questions answered in passing, mixed languages, Italian and Portuguese tenants). Its figure before any tuning on
it estimates how consolidation does on memory nobody fitted it to; after that it is one more dev split.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once.
"""

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 export, subject-less
    {"tenant": "rc_77120_d2", "style": "mem0", "language": "en", "items": [
        ("fact", "parrot_name", "Captain", ["parrot", "bird", "pet_name"], [
            "Has an African grey parrot called Captain that mimics the microwave beep",
            "Parrot Captain is about 20 years old and was inherited from an uncle",
            "Owns a parrot named Captain",
        ]),
        ("preference", "citations", "cite sources", ["sources", "references", "links"], [
            "Wants sources cited for any factual claim",
            "Prefers answers that include links to references so they can be checked",
            "Asks for citations whenever statistics are mentioned",
        ], {"value_aliases": ["source", "citation", "reference"]}),
        ("fact", "profession", "pharmacist", ["job", "occupation", "work"], [
            "Works as a hospital pharmacist, mostly night shifts",
            "Is a pharmacist by training and by trade",
        ]),
        ("preference", "emoji", "no emoji", ["emojis", "style", "tone"], [
            "Dislikes emoji in responses",
            "Would rather the assistant not use emojis at all",
        ], {"value_aliases": ["emoji"]}),
    ], "one_offs": [
        "Sister has a budgie named Kiwi",
        "Was curious whether pharmacists can prescribe in Ontario",
        "Planning to repaint the kitchen green next month",
    ]},
    {"tenant": "ohm_8812_d2", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "wife_name", "Anjali", ["wife", "spouse", "partner"], [
            "Wife's name is Anjali",
            "Is married to Anjali, who teaches chemistry",
            "Mentioned that Anjali (his wife) handles the family finances",
        ]),
        ("fact", "diet", "vegetarian", ["food", "eats", "diet_type"], [
            "Is vegetarian",
            "Has not eaten meat since college; vegetarian recipes only",
            "Follows a vegetarian diet for religious reasons",
        ]),
        ("preference", "timezone", "IST", ["time_zone", "times", "clock"], [
            "Wants times given in Indian Standard Time",
            "Prefers meeting times converted to IST",
        ], {"value_aliases": ["indian standard", "ist", "india"]}),
        ("fact", "city", "Bengaluru", ["lives_in", "home_city", "residence", "location"], [
            "Lives in Bengaluru, in Indiranagar",
            "Is based in Bengaluru these days",
        ], {"value_aliases": ["Bangalore"]}),
    ], "stale": [
        ("city", "Pune", [
            "Lives in Pune",
            "Currently renting a flat in Pune near the university",
        ]),
    ], "one_offs": [
        "Brother-in-law's wife is called Meera",
        "Asked for a good biryani place in Hyderabad",
    ]},
    {"tenant": "lwhitfield_d2", "style": "mem0", "language": "en", "items": [
        ("preference", "spelling", "British English", ["english_variant", "language", "locale"], [
            "Prefers British spelling (colour, organise)",
            "Wants UK English rather than American English in drafts",
            "Asked that documents use British English conventions",
        ], {"value_aliases": ["british", "uk english", "uk"]}),
        ("fact", "tortoise_name", "Gerald", ["tortoise", "pet_name", "pet"], [
            "Keeps a tortoise named Gerald in the garden",
            "Tortoise Gerald hibernates from November to March",
        ]),
        ("fact", "instrument", "cello", ["plays", "music_instrument"], [
            "Plays the cello in a community orchestra",
            "Has played cello since childhood and practises most evenings",
            "Cellist in an amateur string quartet",
        ]),
        ("preference", "length", "short answers", ["answer_length", "brevity", "concise"], [
            "Likes short answers, ideally a paragraph",
            "Gets impatient with long responses and prefers brevity",
        ], {"value_aliases": ["short", "brief", "concise", "paragraph"]}),
    ], "one_offs": [
        "Neighbour's tortoise escaped last week",
        "Is reading a biography of Elgar",
    ]},
    {"tenant": "kenji_m_d2", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "employer", "Rakuten", ["company", "workplace", "work"], [
            "Works at Rakuten on the payments team",
            "Joined Rakuten three years ago as a backend engineer",
            "Employer is Rakuten",
        ]),
        ("preference", "code_style", "type hints", ["typing", "code", "python_style"], [
            "Wants Python examples to include type hints",
            "Prefers fully typed code snippets",
        ], {"value_aliases": ["typed", "typing", "type annotations"]}),
        ("fact", "hobby", "bouldering", ["sport", "climbing", "pastime"], [
            "Goes bouldering twice a week",
            "Enjoys bouldering at a gym in Shibuya",
            "Main hobby is bouldering",
        ]),
        ("fact", "daughter_name", "Hana", ["daughter", "child_name", "kid"], [
            "Has a daughter named Hana who is in first grade",
            "Daughter Hana loves dinosaurs",
        ]),
    ], "one_offs": [
        "Coworker's daughter is called Yui",
        "Wondered whether to buy a standing desk",
        "Had ramen for lunch",
    ]},
    # ---------------------------------------------------------------- (b) first person, the user's words
    {"tenant": "beatriz.l_d2", "style": "first_person", "language": "en", "items": [
        ("fact", "partner_name", "Marcus", ["partner", "boyfriend", "spouse"], [
            "My partner Marcus and I just adopted a dog, so expect questions about training.",
            "Marcus (my partner) is the one who cooks, I just do the dishes.",
            "I live with my boyfriend, Marcus.",
        ]),
        ("preference", "examples_first", "examples first", ["structure", "examples", "format"], [
            "Honestly I learn best when you start with an example and explain after.",
            "Could you lead with a concrete example before the theory? That works for me.",
            "Examples first, explanation second, please.",
        ], {"value_aliases": ["example"]}),
        ("fact", "dog_name", "Pretzel", ["dog", "pet_name", "puppy"], [
            "Our new puppy is named Pretzel, he's a beagle mix.",
            "Pretzel, my dog, keeps chewing the sofa cushions.",
        ]),
        ("fact", "job", "UX designer", ["occupation", "profession", "work"], [
            "I'm a UX designer at a small agency.",
            "As a UX designer I spend most of my day in Figma.",
            "I do UX design for a living.",
        ], {"value_aliases": ["ux", "designer", "ux design"]}),
    ], "one_offs": [
        "My friend's dog is called Biscuit and he's enormous.",
        "What's the difference between baking soda and baking powder?",
        "I might take a pottery class this spring, not sure yet.",
    ]},
    {"tenant": "tfoster_d2", "style": "first_person", "language": "en", "items": [
        ("preference", "temperature_units", "Celsius", ["units", "temperature", "measurements"], [
            "Temperatures in Celsius please, Fahrenheit means nothing to me.",
            "I grew up in Canada so I think in degrees Celsius.",
        ], {"value_aliases": ["celsius", "°c", "centigrade"]}),
        ("fact", "car", "Subaru Outback", ["vehicle", "drives", "car_model"], [
            "I drive a 2015 Subaru Outback, it's got 200k on it.",
            "My car is a Subaru Outback.",
            "Any tips for winter tires on an Outback? That's what I drive.",
        ], {"value_aliases": ["outback", "subaru"]}),
        ("fact", "allergy", "penicillin", ["allergic_to", "drug_allergy", "medication"], [
            "I'm allergic to penicillin, found out the hard way.",
            "Penicillin gives me hives, so flag it if it ever comes up.",
            "Just so you know, penicillin allergy here.",
        ]),
        ("fact", "hometown", "Winnipeg", ["city", "home_city", "town", "grew_up"], [
            "I'm originally from Winnipeg but moved south for work.",
            "Winnipeg is where I grew up, the winters were brutal.",
        ]),
    ], "stale": [
        ("car", "Honda Civic", [
            "I drive an old Honda Civic.",
            "My Civic needs new brakes again.",
        ]),
    ], "one_offs": [
        "My dad drives a Ford F-150.",
        "How long should I boil an egg for a runny yolk?",
    ]},
    {"tenant": "g.adeyemi_d2", "style": "first_person", "language": "en", "items": [
        ("fact", "sister_name", "Funmi", ["sister", "sibling"], [
            "My sister Funmi is visiting from Lagos next week.",
            "I have an older sister called Funmi.",
            "Funmi, that's my sister, is a doctor.",
        ]),
        ("preference", "format", "tables", ["answer_format", "layout", "structure"], [
            "When you compare things, put them in a table, it's easier for me.",
            "I like tables for comparisons.",
            "Tables > paragraphs for anything with numbers.",
        ], {"value_aliases": ["table"]}),
        ("fact", "degree", "civil engineering", ["studied", "major", "education"], [
            "I studied civil engineering at university.",
            "My degree is in civil engineering, though I work in finance now.",
        ]),
        ("preference", "currency", "naira", ["money", "prices", "currency_unit"], [
            "Show prices in naira if you can.",
            "I'd rather see amounts in Nigerian naira than dollars.",
        ], {"value_aliases": ["ngn", "nigerian"]}),
    ], "one_offs": [
        "My colleague's sister is named Ada.",
        "I burned the jollof rice last night.",
    ]},
    {"tenant": "vasquez.d_d2", "style": "first_person", "language": "en", "items": [
        ("preference", "name", "Dee", ["address", "nickname", "call_me"], [
            "Hey, you can just call me Dee.",
            "Nobody calls me Delilah except my mother, Dee is fine.",
            "I go by Dee.",
        ]),
        ("fact", "sport", "marathon running", ["running", "hobby", "exercise"], [
            "I'm training for my third marathon this fall.",
            "I run marathons, so I care a lot about carb loading.",
            "Marathon running is my thing; I do about 50 miles a week.",
        ], {"value_aliases": ["marathon", "running", "runner"]}),
        ("fact", "cat_name", "Olive", ["cat", "pet_name", "kitten"], [
            "My cat Olive sleeps on my keyboard while I work.",
            "I've got a tabby named Olive.",
        ]),
        ("preference", "tone", "direct", ["style", "bluntness", "honesty"], [
            "Be blunt with me, I don't need sugar-coating.",
            "I appreciate direct, no-fluff feedback.",
            "Just tell me straight, skip the pleasantries.",
        ], {"value_aliases": ["blunt", "straight", "no-fluff", "no fluff"]}),
    ], "one_offs": [
        "My roommate's cat is called Pickles.",
        "Is it weird to run in the rain?",
        "I had a dream about being late for an exam.",
    ]},
    # ---------------------------------------------------------------- (c) named third person
    {"tenant": "henrik.s_d2", "style": "third_person", "language": "en", "items": [
        ("fact", "employer", "Maersk", ["company", "workplace", "work"], [
            "Henrik has worked at Maersk for a decade, currently in port operations.",
            "Henrik's employer is Maersk.",
        ]),
        ("fact", "boat_name", "Havørn", ["boat", "sailboat", "vessel"], [
            "Henrik owns a small sailboat he named Havørn.",
            "On weekends Henrik takes Havørn out on the Øresund.",
            "Havørn is Henrik's boat.",
        ], {"value_aliases": ["Havorn"]}),
        ("preference", "length", "bullet summaries", ["answer_length", "format", "summary"], [
            "Henrik prefers short bullet summaries to long prose.",
            "Henrik asked for summaries as a few bullets rather than essays.",
        ], {"value_aliases": ["bullet", "summary", "summaries"]}),
        ("fact", "son_name", "Magnus", ["son", "child_name", "kid"], [
            "Henrik's son Magnus plays ice hockey.",
            "Henrik has a teenage son called Magnus.",
            "Magnus is Henrik's son.",
        ]),
    ], "one_offs": [
        "Henrik's brother has a motorboat called Sjöstjärna.",
        "Henrik asked about ferry times to Oslo.",
    ]},
    {"tenant": "aisha.k_d2", "style": "third_person", "language": "en", "items": [
        ("fact", "diet", "halal", ["food", "eats", "diet_type"], [
            "Aisha only eats halal food.",
            "Aisha keeps halal, so recipes must avoid pork and alcohol.",
        ]),
        ("preference", "language", "Arabic", ["answer_language", "reply_language"], [
            "Aisha would like the assistant to reply in Arabic when possible.",
            "Aisha finds Arabic answers easier to follow than English ones.",
            "Aisha prefers Arabic for responses.",
        ]),
        ("fact", "city", "Doha", ["lives_in", "home_city", "residence", "location"], [
            "Aisha lives in Doha with her parents.",
            "Aisha is based in Doha.",
        ]),
        ("fact", "job", "architect", ["occupation", "profession", "work"], [
            "Aisha is an architect working on hospital projects.",
            "Aisha works as an architect.",
            "Being an architect, Aisha often asks about building codes.",
        ]),
    ], "stale": [
        ("city", "Dubai", [
            "Aisha lives in Dubai.",
            "Aisha shares an apartment in Dubai Marina.",
        ]),
    ], "one_offs": [
        "Aisha's cousin is an architect in Cairo.",
        "Aisha asked how to remove a coffee stain.",
    ]},
    {"tenant": "mr.okoye_d2", "style": "third_person", "language": "en", "items": [
        ("fact", "grandmother_name", "Ngozi", ["grandmother", "grandma", "relative"], [
            "Chidi's grandmother Ngozi turns 90 this year.",
            "Chidi visits his grandmother, Ngozi, every Sunday.",
        ]),
        ("preference", "detail", "step-by-step", ["structure", "format", "steps"], [
            "Chidi wants instructions broken into numbered steps.",
            "Chidi likes step-by-step walkthroughs.",
            "When Chidi asks how to do something, he expects a step-by-step answer.",
        ], {"value_aliases": ["step", "steps", "numbered"]}),
        ("fact", "team", "Arsenal", ["football_club", "club", "favourite_team"], [
            "Chidi is a lifelong Arsenal supporter.",
            "Chidi's favourite football club is Arsenal.",
            "Chidi never misses an Arsenal match.",
        ]),
    ], "one_offs": [
        "Chidi's friend supports Chelsea.",
        "Chidi asked for a good book about the history of jazz.",
        "Chidi's neighbour's grandmother is called Ada.",
    ]},
    # ---------------------------------------------------------------- (d) "User ..." / "The user ..."
    {"tenant": "usr_90114_d2", "style": "user", "language": "en", "items": [
        ("fact", "goldfish_name", "Bubbles", ["goldfish", "fish", "pet_name"], [
            "User has a goldfish named Bubbles.",
            "The user mentioned their goldfish, Bubbles, has lived for 8 years.",
        ]),
        ("preference", "date_format", "ISO dates", ["dates", "format", "date_style"], [
            "User wants dates written as YYYY-MM-DD.",
            "The user prefers ISO 8601 date format in all outputs.",
            "User dislikes American-style dates and asked for ISO format.",
        ], {"value_aliases": ["iso", "yyyy-mm-dd", "8601"]}),
        ("fact", "employer", "Deloitte", ["company", "workplace", "work"], [
            "User is an auditor at Deloitte.",
            "The user works for Deloitte.",
        ]),
        ("fact", "language_learning", "Korean", ["learning", "studying", "language"], [
            "User is learning Korean and practices on the commute.",
            "The user has been studying Korean for two years.",
            "User asked for help with Korean grammar because they are learning Korean.",
        ]),
    ], "one_offs": [
        "User's niece has a goldfish named Nemo.",
        "The user asked for the capital of Mongolia.",
    ]},
    {"tenant": "acct-3350_d2", "style": "user", "language": "en", "items": [
        ("preference", "tone", "formal", ["style", "register", "formality"], [
            "User prefers a formal, professional tone.",
            "The user asked the assistant to avoid slang and keep things formal.",
        ], {"value_aliases": ["professional"]}),
        ("fact", "husband_name", "Paolo", ["husband", "spouse", "partner"], [
            "User's husband is named Paolo.",
            "The user is married to Paolo, an Italian chef.",
            "User said Paolo, her husband, does the grocery shopping.",
        ]),
        ("fact", "allergy", "shellfish", ["allergic_to", "food_allergy", "seafood"], [
            "User is allergic to shellfish.",
            "The user cannot eat shrimp or crab due to a shellfish allergy.",
        ]),
        ("fact", "city", "Seattle", ["lives_in", "home_city", "residence", "location"], [
            "User lives in Seattle.",
            "The user is located in Seattle, WA.",
            "User mentioned the rain in Seattle, where they live.",
        ]),
    ], "stale": [
        ("city", "Portland", [
            "User lives in Portland.",
            "The user is based in Portland, Oregon.",
        ]),
    ], "one_offs": [
        "User's sister is allergic to peanuts.",
        "The user asked how to fold a fitted sheet.",
    ]},
    {"tenant": "client-7_d2", "style": "user", "language": "en", "items": [
        ("preference", "units", "metric", ["measurement_units", "measurements"], [
            "User wants distances in kilometers, not miles.",
            "The user prefers metric measurements.",
            "User asked to convert recipes to grams and milliliters.",
        ], {"value_aliases": ["kilomet", "gram", "metric"]}),
        ("fact", "horse_name", "Juniper", ["horse", "pet_name", "mare"], [
            "User owns a horse named Juniper.",
            "The user rides her mare, Juniper, on weekends.",
        ]),
        ("fact", "job", "veterinarian", ["occupation", "profession", "work"], [
            "User is a veterinarian.",
            "The user works as a large-animal vet.",
            "User mentioned her job as a veterinarian at a rural clinic.",
        ], {"value_aliases": ["vet"]}),
    ], "one_offs": [
        "User's friend has a horse named Storm.",
        "The user asked about the weather in Denver.",
        "User wants to try sourdough baking.",
    ]},
    # ---------------------------------------------------------------- (e) lower case, typos, chat register
    {"tenant": "jayy_22_d2", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "gecko_name", "noodle", ["gecko", "lizard", "pet_name"], [
            "got a leopard gecko named noodle lol",
            "noodle (my gecko) shed his skin today",
            "my geko is noodle",
        ]),
        ("preference", "length", "short", ["answer_length", "brevity", "tldr"], [
            "pls keep it short i have adhd",
            "short answers only, i dont read walls of text",
            "tl;dr style is best for me",
        ], {"value_aliases": ["short", "tl;dr", "tldr", "brief"]}),
        ("fact", "school", "ohio state", ["university", "college", "studies"], [
            "im a sophomore at ohio state",
            "go bucks, i study at osu (ohio state)",
        ], {"value_aliases": ["osu", "ohio state university"]}),
    ], "one_offs": [
        "my bffs gecko is called mango",
        "whats a good playlist for studying",
    ]},
    {"tenant": "marta_x_d2", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "vegan", "vegan", ["diet", "food", "diet_type"], [
            "im vegan btw so no meat or dairy in recipies",
            "vegan for 5 yrs now",
            "no animal products pls, vegan",
        ]),
        ("preference", "language", "spanish", ["answer_language", "reply_language"], [
            "can u answer in spanish? its easier for me",
            "prefer spanish replys",
        ]),
        ("fact", "city", "miami", ["lives_in", "home_city", "residence", "location"], [
            "i live in miami",
            "in miami rn, its so hot",
            "based in miami fl",
        ]),
        ("fact", "brother_name", "leo", ["brother", "sibling"], [
            "my bro leo is 12",
            "my little brother is named leo",
        ]),
    ], "one_offs": [
        "my cousins brother is called mateo",
        "wat time does target close",
    ]},
    {"tenant": "old_salt_d2", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "job", "fisherman", ["occupation", "profession", "work"], [
            "commercial fisherman out of gloucester",
            "been a fishermen 30 yrs",
        ], {"value_aliases": ["fisher", "fishing"]}),
        ("preference", "units", "imperial", ["measurement_units", "measurements"], [
            "use feet and pounds not metric",
            "imperial units, i dont do kilos",
            "give it to me in inches and fahrenheit",
        ], {"value_aliases": ["feet", "pound", "inch"]}),
        ("fact", "dog_name", "skipper", ["dog", "pet_name"], [
            "my dog skipper rides on the boat w me",
            "dog is named skipper, lab mix",
        ]),
        ("preference", "tone", "plain", ["style", "jargon", "simple"], [
            "talk plain, no fancy words",
            "dont use big words i aint a professor",
        ], {"value_aliases": ["plain", "simple", "no jargon", "fancy"]}),
    ], "stale": [
        ("dog_name", "rusty", [
            "my dog rusty is 14",
            "rusty my old dog hates thunder",
        ]),
    ], "one_offs": [
        "my buddys dog is named bear",
        "hows the weather gonna be saturday",
    ]},
    # ---------------------------------------------------------------- (f) non-English, one language per tenant
    {"tenant": "giulia.romano_d2", "style": "non_english", "language": "it", "items": [
        ("fact", "cat_name", "Briciola", ["gatto", "gatta", "cat", "pet_name"], [
            "Ha una gatta che si chiama Briciola.",
            "La sua gatta Briciola dorme sempre sul divano.",
            "Briciola è il nome della sua gatta.",
        ]),
        ("fact", "city", "Torino", ["città", "lives_in", "residence", "home_city"], [
            "Abita a Torino.",
            "Vive a Torino da quando ha finito l'università.",
        ], {"value_aliases": ["Turin"]}),
        ("preference", "length", "risposte brevi", ["lunghezza", "answer_length", "brevity"], [
            "Preferisce risposte brevi e dirette.",
            "Vuole risposte corte, al massimo qualche riga.",
            "Non ama le risposte lunghe.",
        ], {"value_aliases": ["brev", "cort", "short"]}),
        ("fact", "job", "insegnante", ["lavoro", "professione", "occupation", "work"], [
            "Fa l'insegnante di matematica in un liceo.",
            "Lavora come insegnante.",
        ], {"value_aliases": ["teacher", "professoressa"]}),
    ], "stale": [
        ("city", "Milano", [
            "Abita a Milano.",
            "Ha un monolocale a Milano vicino ai Navigli.",
        ]),
    ], "one_offs": [
        "Il gatto di sua cugina si chiama Fuffi.",
        "Ha chiesto la ricetta del tiramisù.",
    ]},
    {"tenant": "joao.pereira_d2", "style": "non_english", "language": "pt", "items": [
        ("fact", "dog_name", "Pipoca", ["cachorro", "cão", "dog", "pet_name"], [
            "Tem um cachorro chamado Pipoca.",
            "O cachorro dele, Pipoca, é um vira-lata.",
            "Pipoca é o nome do seu cão.",
        ]),
        ("fact", "employer", "Petrobras", ["empresa", "company", "workplace", "work"], [
            "Trabalha na Petrobras.",
            "É engenheiro de petróleo na Petrobras há oito anos.",
        ]),
        ("preference", "language", "português", ["idioma", "answer_language", "reply_language"], [
            "Prefere que as respostas sejam em português.",
            "Quer que o assistente responda sempre em português.",
        ], {"value_aliases": ["portugues", "portuguese"]}),
        ("fact", "hometown", "Recife", ["cidade_natal", "city", "town", "grew_up"], [
            "Nasceu em Recife.",
            "É natural de Recife, mas mora no Rio.",
            "Cresceu em Recife.",
        ]),
    ], "one_offs": [
        "O irmão dele tem um gato chamado Frajola.",
        "Perguntou sobre o horário do jogo do Flamengo.",
    ]},
    {"tenant": "sophie.martin_d2", "style": "non_english", "language": "fr", "items": [
        ("fact", "husband_name", "Julien", ["mari", "husband", "spouse", "partner"], [
            "Son mari s'appelle Julien.",
            "Elle est mariée à Julien, qui est boulanger.",
            "Julien, son mari, s'occupe des enfants le mercredi.",
        ]),
        ("preference", "tone", "chaleureux", ["ton", "style", "register"], [
            "Aime un ton chaleureux et bienveillant.",
            "Préfère qu'on lui réponde avec douceur et chaleur.",
        ], {"value_aliases": ["chaleur", "warm", "bienveill"]}),
        ("fact", "allergy", "arachides", ["allergie", "allergic_to", "food_allergy"], [
            "Est allergique aux arachides.",
            "Ne doit jamais manger de cacahuètes : allergie aux arachides.",
        ], {"value_aliases": ["arachide", "cacahu", "peanut"]}),
        ("fact", "city", "Bordeaux", ["ville", "lives_in", "residence", "home_city"], [
            "Habite à Bordeaux.",
            "Vit à Bordeaux, dans le quartier des Chartrons.",
        ]),
    ], "one_offs": [
        "Le mari de sa sœur s'appelle Olivier.",
        "A demandé comment détartrer une cafetière.",
    ]},
    {"tenant": "pablo.ruiz_d2", "style": "non_english", "language": "es", "items": [
        ("preference", "format", "tablas", ["formato", "answer_format", "layout"], [
            "Prefiere que las comparaciones se presenten en tablas.",
            "Le gustan las respuestas con tablas cuando hay datos.",
            "Pide tablas en vez de párrafos largos.",
        ], {"value_aliases": ["tabla", "table"]}),
        ("fact", "daughter_name", "Valentina", ["hija", "daughter", "child_name"], [
            "Su hija se llama Valentina.",
            "Tiene una hija, Valentina, de cuatro años.",
        ]),
        ("fact", "hobby", "ciclismo", ["deporte", "sport", "pastime"], [
            "Hace ciclismo de montaña los domingos.",
            "Le apasiona el ciclismo.",
            "Sale en bici todos los fines de semana, el ciclismo es su pasión.",
        ], {"value_aliases": ["bici", "cycling"]}),
    ], "one_offs": [
        "La hija de su vecino se llama Lucía.",
        "Preguntó cómo se cocina una paella.",
        "Está pensando en cambiar de móvil.",
    ]},
    {"tenant": "katrin.weber_d2", "style": "non_english", "language": "de", "items": [
        ("fact", "employer", "Bosch", ["arbeitgeber", "firma", "company", "workplace", "work"], [
            "Arbeitet bei Bosch in Stuttgart.",
            "Ist seit fünf Jahren Ingenieurin bei Bosch.",
        ]),
        ("fact", "dog_name", "Bello", ["hund", "dog", "pet_name"], [
            "Ihr Hund heißt Bello.",
            "Hat einen Dackel namens Bello.",
            "Bello, ihr Hund, ist schon zwölf Jahre alt.",
        ]),
        ("preference", "length", "kurz", ["länge", "answer_length", "brevity"], [
            "Möchte kurze, knappe Antworten.",
            "Bevorzugt kurze Antworten ohne langes Drumherum.",
        ], {"value_aliases": ["kurz", "knapp", "short"]}),
        ("fact", "diet", "vegetarisch", ["ernährung", "food", "diet_type"], [
            "Ernährt sich vegetarisch.",
            "Isst kein Fleisch, sie ist Vegetarierin.",
        ], {"value_aliases": ["vegetari", "vegetarian"]}),
    ], "one_offs": [
        "Der Hund ihrer Nachbarin heißt Rex.",
        "Hat nach dem Wetter in Ulm gefragt.",
    ]},
]
