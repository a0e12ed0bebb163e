"""SEVENTEENTH DEV split (dev17) of the consolidation corpus: ENTERPRISE and TEAM memory, written from the style
descriptions alone after earlier splits had been tuned against, committed before anyone measured it. A tenant is a
company, a team or a workspace; its memory is what admins and employees told the assistant about the organization:
facts (where HQ is, head count, founding year, product names, the CEO, support hours, refund/returns windows, the
ticket, chat and cloud tools, the main customer segment, the fiscal year start, an office city) and house-style
preferences for answers (British or American spelling, formal or informal tone, a sign-off, never naming
competitors, citing the policy number, German for the DACH office, bullet points, a maximum length).

Styles: a Mem0 workspace export (subject-less: "Hosts everything on AWS"), employees in the first person plural
("We're 40 people", "Our head office is in Braga"), third person about the company ("Acorn's support line runs ..."),
"The organization ..."/"User's company ..." forms and admin notes ("Company: ...", "Policy: ..."), lower case and
typos, and German, French, Spanish, Japanese and Dutch tenants. Stale: an old policy, tool, CEO, HQ or head count
replaced ("refund window is now 60 days", "moved off Slack to Teams"). One-offs: a single employee's transient
remark, a customer's or partner's attribute of the same type.

Format as source_dev.py: item (kind, slot, canonical value, slot aliases, statements[, extras]);
stale (slot of the item that replaces it, old value, statements); one-offs said once. A change statement is the
first statement of the new value.
"""

HQ = ["hq", "headquarters", "hq_city", "head_office", "based_in", "location", "city", "seat"]
OFFICE = ["office", "office_city", "offices", "branch", "location", "city"]
HEADCOUNT = ["head_count", "headcount", "employees", "staff", "size", "team_size", "company_size", "people"]
FOUNDED = ["founded", "founding_year", "founded_in", "year_founded", "established", "since"]
PRODUCT = ["product", "products", "product_name", "flagship", "title", "makes"]
CEO = ["ceo", "chief_executive", "chief", "executive", "leader", "head", "runs"]
HOURS = ["support_hours", "hours", "opening_hours", "support", "business_hours", "helpdesk"]
REFUND = ["refund_window", "refund", "refunds", "refund_policy", "policy", "return", "returns"]
RETURNS = ["returns_window", "returns", "return", "return_policy", "refund", "policy"]
TICKETS = ["ticket_tool", "tickets", "ticketing", "issue_tracker", "tracker", "tool", "tools", "uses", "bugs"]
CHAT = ["chat_tool", "chat", "messaging", "communication", "tool", "tools", "uses"]
CLOUD = ["cloud_provider", "cloud", "hosting", "infrastructure", "provider", "servers", "uses"]
PAYMENTS = ["payments_tool", "payments", "payment", "tills", "pos", "tool", "uses"]
SEGMENT = ["customer_segment", "customers", "segment", "market", "clients", "sells_to", "serves"]
FISCAL = ["fiscal_year_start", "fiscal_year", "fiscal", "financial_year"]
SPELLING = ["spelling", "style", "language", "dialect", "english_variant", "english"]
TONE = ["tone", "style", "register", "formality", "voice", "address"]
SIGNOFF = ["sign_off", "signoff", "closing", "signature", "sign", "ending", "style"]
AVOID = ["avoid", "competitors", "competitor", "topics", "topic", "avoid_topics", "mention"]
CITE = ["citation", "cite", "policy_number", "policy", "references", "format", "style"]
LANG = ["answer_language", "reply_language", "language"]
FORMAT = ["format", "answer_format", "structure", "lists", "style"]
LENGTH = ["length", "answer_length", "verbosity", "brevity", "style", "max_length"]

TENANTS = [
    # ---------------------------------------------------------------- (a) Mem0 workspace exports, subject-less
    {"tenant": "kestrel_ws_d17", "style": "mem0", "language": "en", "items": [
        ("fact", "ticket_tool", "Linear", TICKETS, [
            "Switched the issue tracker from YouTrack to Linear",
            "Logs customer bugs as Linear issues",
            "Support escalations go into Linear",
        ], {"value_aliases": ["linear"]}),
        ("fact", "chat_tool", "Slack", CHAT, [
            "Internal communication happens on Slack",
            "Uses Slack for team chat",
        ], {"value_aliases": ["slack"]}),
        ("preference", "spelling", "British spelling", SPELLING, [
            "Prefers British spelling in answers",
            "Wants UK English conventions such as 'colour' and 'organisation'",
        ], {"value_aliases": ["british", "uk english", "uk"]}),
    ], "stale": [
        ("ticket_tool", "YouTrack", [
            "Uses YouTrack as the issue tracker",
            "Bug reports are filed in YouTrack",
        ]),
    ], "one_offs": [
        "Client Globex uses Microsoft Teams",
        "Wants a draft of a single tweet announcing the offsite",
    ]},
    {"tenant": "harbourline_d17", "style": "mem0", "language": "en", "session_field": "metadata", "items": [
        ("fact", "cloud_provider", "AWS", CLOUD, [
            "Hosts everything on AWS",
            "Runs production workloads in Amazon Web Services, eu-west-1",
            "Cloud provider is AWS",
        ], {"value_aliases": ["aws", "amazon web services"]}),
        ("fact", "head_count", "120 employees", HEADCOUNT, [
            "Has about 120 employees",
            "Company headcount is 120",
        ], {"value_aliases": ["120"]}),
        ("preference", "sign_off", "The Harbourline Team", SIGNOFF, [
            "Wants replies signed off as 'The Harbourline Team'",
            "Closes customer emails with 'The Harbourline Team'",
        ], {"value_aliases": ["harbourline team"]}),
    ], "one_offs": [
        "One engineer is out sick this week",
        "Customer Initech has 4,000 employees",
    ]},
    {"tenant": "brightdesk_d17", "style": "mem0", "language": "en", "items": [
        ("fact", "support_hours", "8am to 6pm EST", HOURS, [
            "Support desk is staffed 8am-6pm Eastern",
            "Offers customer support from 8 a.m. to 6 p.m. EST on weekdays",
            "Support hours: 8 to 6 Eastern time",
        ], {"value_aliases": ["8am", "8 am", "8 a m", "8 to 6", "8am 6pm", "8 00", "6pm", "6 pm"]}),
        ("fact", "refund_window", "30 days", REFUND, [
            "Extended the refund window to 30 days",
            "Customers can get a refund within 30 days of purchase",
            "Refunds are accepted up to 30 days after buying",
        ], {"value_aliases": ["30 days", "30"]}),
        ("preference", "avoid", "never name competitors", AVOID, [
            "Never mention competitors by name in replies",
            "Does not want rival products named in answers",
        ], {"value_aliases": ["competitor", "rival"]}),
    ], "stale": [
        ("refund_window", "14 days", [
            "Refund window is 14 days",
            "Refunds only within 14 days of purchase",
        ]),
    ], "one_offs": [
        "A customer in Ohio asked for a refund after 45 days",
        "Asked to rephrase one email more politely",
    ]},
    {"tenant": "loomware_d17", "style": "mem0", "language": "en", "items": [
        ("fact", "founded", "2014", FOUNDED, [
            "Founded in 2014",
            "Has been in business since 2014",
        ], {"value_aliases": ["2014"]}),
        ("fact", "product", "Loomboard", PRODUCT, [
            "Main product is Loomboard, a scheduling app",
            "Flagship app is called Loomboard",
        ], {"value_aliases": ["loomboard"]}),
        ("fact", "customer_segment", "dental clinics", SEGMENT, [
            "Main customers are dental clinics",
            "Sells mainly to dental practices",
            "Customer base is dentists",
        ], {"value_aliases": ["dental", "dentist"]}),
    ], "one_offs": [
        "Customer Brightsmile Dental was founded in 1998",
        "Sales lead is on parental leave until March",
    ]},
    # ---------------------------------------------------------------- (b) employees, first person plural
    {"tenant": "portoflow_d17", "style": "first_person", "language": "en", "items": [
        ("fact", "hq_city", "Porto", HQ, [
            "Our HQ moved to Porto last spring.",
            "We're headquartered in Porto now.",
            "Our head office is in Porto, near the Ribeira.",
        ], {"value_aliases": ["porto"]}),
        ("fact", "head_count", "40 people", HEADCOUNT, [
            "We're 40 people.",
            "We have forty employees across two teams.",
        ], {"value_aliases": ["40", "forty"]}),
        ("preference", "tone", "informal", TONE, [
            "We keep it casual with customers, so write informally.",
            "Our house style is friendly and informal, no stiff corporate language.",
        ], {"value_aliases": ["informal", "casual", "friendly"]}),
    ], "stale": [
        ("hq_city", "Braga", [
            "Our head office is in Braga.",
            "We're based in Braga.",
        ]),
    ], "one_offs": [
        "I'm working from home today because of the train strike.",
        "Our customer Vela Foods is based in Faro.",
    ]},
    {"tenant": "quillstack_d17", "style": "first_person", "language": "en", "items": [
        ("fact", "fiscal_year_start", "April", FISCAL, [
            "Our fiscal year starts in April.",
            "We close the books at the end of March, new financial year from 1 April.",
        ], {"value_aliases": ["april"]}),
        ("fact", "ceo", "Dana Whitfield", CEO, [
            "Our CEO is Dana Whitfield.",
            "Dana Whitfield runs the company as chief executive.",
            "We report to Dana Whitfield, our chief exec.",
        ], {"value_aliases": ["dana", "whitfield"]}),
        ("preference", "cite_policy", "cite the policy number", CITE, [
            "Always cite the policy number when you answer HR questions.",
            "When we ask about policies, quote the policy ID like POL-12.",
        ], {"value_aliases": ["policy number", "policy id", "cite", "policy"]}),
    ], "one_offs": [
        "My manager wants the slides by Friday.",
        "One of our clients has its fiscal year starting in July.",
    ]},
    {"tenant": "tidepool_d17", "style": "first_person", "language": "en", "items": [
        ("fact", "chat_tool", "Microsoft Teams", CHAT, [
            "We moved off Slack and use Microsoft Teams now.",
            "All our internal chat is on Teams.",
            "Ping us on MS Teams, that's where everyone is.",
        ], {"value_aliases": ["teams", "microsoft teams", "ms teams"]}),
        ("fact", "cloud_provider", "Google Cloud", CLOUD, [
            "We run on Google Cloud.",
            "Our infrastructure is all GCP.",
        ], {"value_aliases": ["google cloud", "gcp"]}),
        ("preference", "format", "bullet points", FORMAT, [
            "We like answers as bullet points.",
            "Please use bullets, our staff skim everything.",
        ], {"value_aliases": ["bullet"]}),
    ], "stale": [
        ("chat_tool", "Slack", [
            "We chat on Slack.",
            "Our team talks in Slack all day.",
        ]),
    ], "one_offs": [
        "I just got back from a conference in Berlin.",
        "The client we onboarded yesterday is on AWS.",
    ]},
    {"tenant": "ferncraft_d17", "style": "first_person", "language": "en", "items": [
        ("fact", "office_city", "Leeds", OFFICE, [
            "We've got an office in Leeds.",
            "Our Leeds office handles the northern accounts.",
        ], {"value_aliases": ["leeds"]}),
        ("fact", "returns_window", "28 days", RETURNS, [
            "We accept returns within 28 days.",
            "Our returns policy gives customers four weeks, 28 days exactly, to send items back.",
        ], {"value_aliases": ["28 days", "28", "four weeks"]}),
        ("fact", "product", "Fernbox", PRODUCT, [
            "We make Fernbox, a subscription plant kit.",
            "Our product is called Fernbox.",
        ], {"value_aliases": ["fernbox"]}),
        ("preference", "length", "under 150 words", LENGTH, [
            "Keep answers under 150 words, our agents paste them into chats.",
            "Replies should be 150 words max.",
        ], {"value_aliases": ["150"]}),
    ], "one_offs": [
        "A customer in Bristol wants to return a kit after two months.",
        "I'm off on holiday next week.",
    ]},
    # ---------------------------------------------------------------- (c) third person about the company
    {"tenant": "acorn_logistics_d17", "style": "third_person", "language": "en", "items": [
        ("fact", "support_hours", "7:00 to 19:00", HOURS, [
            "Acorn Logistics' helpdesk is open from 7:00 to 19:00.",
            "Acorn's support line runs from seven in the morning until seven at night.",
            "Acorn Logistics answers support calls 7am-7pm.",
        ], {"value_aliases": ["7 00", "7am", "7 am", "seven", "19 00", "7pm"]}),
        ("fact", "customer_segment", "small online retailers", SEGMENT, [
            "Acorn Logistics mostly serves small online retailers.",
            "Acorn's main customers are e-commerce shops.",
        ], {"value_aliases": ["retail", "e commerce", "shops", "online"]}),
        ("fact", "hq_city", "Rotterdam", HQ, [
            "Acorn Logistics is headquartered in Rotterdam.",
            "Acorn's head office sits in Rotterdam's port district.",
        ], {"value_aliases": ["rotterdam"]}),
    ], "one_offs": [
        "Acorn's driver Pieter mentioned his van broke down today.",
        "Acorn's biggest customer, Shopwise, is based in Utrecht.",
    ]},
    {"tenant": "meridian_health_d17", "style": "third_person", "language": "en", "items": [
        ("fact", "ceo", "Priya Raman", CEO, [
            "Priya Raman took over as Meridian Health's CEO in January.",
            "Meridian's chief executive is Priya Raman.",
            "Priya Raman leads Meridian Health.",
        ], {"value_aliases": ["priya raman", "raman", "priya"]}),
        ("preference", "tone", "formal", TONE, [
            "Meridian Health wants every answer in a formal, professional register.",
            "Meridian's house style is formal: no slang, no contractions.",
        ], {"value_aliases": ["formal", "professional"]}),
        ("fact", "founded", "1987", FOUNDED, [
            "Meridian Health was founded in 1987.",
            "Meridian has been around since 1987.",
        ], {"value_aliases": ["1987"]}),
    ], "stale": [
        ("ceo", "Tom Hale", [
            "Meridian Health's CEO is Tom Hale.",
            "Tom Hale runs Meridian as chief executive.",
        ]),
    ], "one_offs": [
        "A Meridian patient asked about parking.",
        "Meridian's partner clinic was founded in 2003.",
    ]},
    {"tenant": "sable_games_d17", "style": "third_person", "language": "en", "items": [
        ("fact", "product", "Starforge", PRODUCT, [
            "Sable Games makes Starforge, an online strategy game.",
            "Sable's flagship title is Starforge.",
        ], {"value_aliases": ["starforge"]}),
        ("fact", "cloud_provider", "Azure", CLOUD, [
            "Sable Games hosts its game servers on Azure.",
            "Sable runs its backend on Microsoft Azure.",
        ], {"value_aliases": ["azure"]}),
        ("preference", "sign_off", "The Sable Support Crew", SIGNOFF, [
            "Sable Games signs every reply 'The Sable Support Crew'.",
            "Sable wants answers to end with 'The Sable Support Crew'.",
        ], {"value_aliases": ["sable support crew"]}),
    ], "one_offs": [
        "A Sable player asked for a refund on one skin.",
        "Sable's QA lead is moving to Montreal.",
    ]},
    # ---------------------------------------------------------------- (d) admin notes, "The organization", "User's company"
    {"tenant": "vantage_admin_d17", "style": "user", "language": "en", "items": [
        ("fact", "founded", "2011", FOUNDED, [
            "Company: Vantage Analytics, founded 2011.",
            "The organization was established in 2011.",
        ], {"value_aliases": ["2011"]}),
        ("fact", "refund_window", "60 days", REFUND, [
            "The organization's refund window is now 60 days.",
            "Policy: refunds within 60 days of purchase.",
        ], {"value_aliases": ["60 days", "60"]}),
        ("fact", "ticket_tool", "Zendesk", TICKETS, [
            "Tools: support tickets in Zendesk.",
            "The organization handles customer tickets in Zendesk.",
        ], {"value_aliases": ["zendesk"]}),
    ], "stale": [
        ("refund_window", "30 days", [
            "Policy: refunds within 30 days.",
            "The organization refunds purchases within 30 days.",
        ]),
    ], "one_offs": [
        "Note: one customer, Halvorsen AS, asked for an invoice copy.",
        "The organization's intern is starting on Monday.",
    ]},
    {"tenant": "users_company_d17", "style": "user", "language": "en", "items": [
        ("fact", "hq_city", "Denver", HQ, [
            "User's company has its headquarters in Denver.",
            "The user's company is based in Denver, Colorado.",
        ], {"value_aliases": ["denver"]}),
        ("fact", "customer_segment", "hospitals", SEGMENT, [
            "User's company sells mainly to hospitals.",
            "The user's company's main customer segment is hospitals and health systems.",
        ], {"value_aliases": ["hospital"]}),
        ("preference", "spelling", "American spelling", SPELLING, [
            "User's company wants American spelling in all drafts.",
            "The user wants US English spelling for company documents (color, not colour).",
        ], {"value_aliases": ["american", "us english", "us"]}),
    ], "one_offs": [
        "User's company's largest customer is headquartered in Austin.",
        "User mentioned the office coffee machine is broken.",
    ]},
    {"tenant": "the_org_d17", "style": "user", "language": "en", "items": [
        ("fact", "support_hours", "10:00 to 16:00", HOURS, [
            "The organization's support hours are Monday to Friday, 10:00 to 16:00.",
            "The organization offers support between 10 am and 4 pm on weekdays.",
        ], {"value_aliases": ["10 00", "10 am", "10am", "16 00", "4 pm", "4pm"]}),
        ("fact", "fiscal_year_start", "July", FISCAL, [
            "The organization's fiscal year begins on 1 July.",
            "The organization's financial year runs July to June.",
        ], {"value_aliases": ["july"]}),
        ("preference", "length", "under 100 words", LENGTH, [
            "The organization wants answers kept under 100 words.",
            "The organization prefers short replies, at most a hundred words.",
        ], {"value_aliases": ["100", "hundred", "short"]}),
    ], "one_offs": [
        "The organization's client Brandt GmbH has support hours until 8pm.",
        "The organization is hosting a one-time webinar next Thursday.",
    ]},
    # ---------------------------------------------------------------- (e) lower case and typos
    {"tenant": "crumb_bakery_d17", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "head_count", "12 staff", HEADCOUNT, [
            "were like 12 ppl at the bakery now",
            "crumb has twelve staff incl the bakers",
        ], {"value_aliases": ["12", "twelve"]}),
        ("fact", "payments_tool", "Square", PAYMENTS, [
            "we use square for the tills n everything",
            "all our card payments go thru square",
        ], {"value_aliases": ["square"]}),
        ("preference", "avoid", "never name competitors", AVOID, [
            "pls dont mention other bakeries in ur answers",
            "never name competitors ok",
        ], {"value_aliases": ["competitor", "other bakeries", "bakeries"]}),
    ], "one_offs": [
        "my feet hurt so much today lol",
        "a regular customer of ours is gluten free",
    ]},
    {"tenant": "devshop_d17", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "ticket_tool", "ClickUp", TICKETS, [
            "we ditched github issues for clickup",
            "all our tickets r in clickup now",
            "clickup is where we track bugs",
        ], {"value_aliases": ["clickup"]}),
        ("fact", "hq_city", "Austin", HQ, [
            "our hq is in austin tx",
            "hq's in austin, the rest of us r remote",
        ], {"value_aliases": ["austin"]}),
        ("preference", "format", "bullet points", FORMAT, [
            "give answers as bullet points pls",
            "bullets > paragraphs for our team",
        ], {"value_aliases": ["bullet"]}),
    ], "stale": [
        ("ticket_tool", "GitHub Issues", [
            "we track everything in github issues",
            "our tickets live in gh issues",
        ]),
    ], "one_offs": [
        "im so tired, shipped a release at 3am",
        "one of our clients uses jira",
    ]},
    {"tenant": "kleinwerk_d17", "style": "lowercase_typos", "language": "en", "items": [
        ("fact", "support_hours", "8:30 to 16:30 CET", HOURS, [
            "support runs 8:30 to 16:30 cet mon-fri",
            "our helpdesk is staffed from half past eight till half past four central european time",
        ], {"value_aliases": ["8 30", "830", "half past eight", "16 30"]}),
        ("fact", "cloud_provider", "Hetzner", CLOUD, [
            "we're on hetzner cloud for hosting",
            "our servers r at hetzner",
        ], {"value_aliases": ["hetzner"]}),
        ("fact", "customer_segment", "accounting firms", SEGMENT, [
            "we r a b2b saas, customers are mostly accountants",
            "our main users are acounting firms",
        ], {"value_aliases": ["account", "acount"]}),
    ], "one_offs": [
        "a customer in lyon wants support at 7pm",
        "lunch was terrible today",
    ]},
    # ---------------------------------------------------------------- (f) German, French, Spanish, Japanese, Dutch
    {"tenant": "alpenblick_d17", "style": "non_english", "language": "de", "items": [
        ("preference", "language", "Deutsch", LANG, [
            "Für das DACH-Büro bitte immer auf Deutsch antworten.",
            "Antworten an unser Team in Wien sollen auf Deutsch sein.",
            "Wir möchten die Antworten auf Deutsch.",
        ], {"value_aliases": ["deutsch", "german"]}),
        ("fact", "hq_city", "Wien", HQ, [
            "Unser Hauptsitz ist in Wien.",
            "Die Firma sitzt in Wien.",
        ], {"value_aliases": ["wien", "vienna"]}),
        ("fact", "founded", "2009", FOUNDED, [
            "Wir wurden 2009 gegründet.",
            "Das Unternehmen gibt es seit 2009.",
        ], {"value_aliases": ["2009"]}),
        ("fact", "head_count", "85", HEADCOUNT, [
            "Wir sind inzwischen 85 Mitarbeitende.",
            "Bei uns arbeiten 85 Leute.",
        ], {"value_aliases": ["85"]}),
    ], "stale": [
        ("head_count", "60", [
            "Wir sind 60 Leute.",
            "Die Firma hat 60 Mitarbeiter.",
        ]),
    ], "one_offs": [
        "Ein Kunde aus Graz hat heute angerufen.",
        "Ich bin morgen im Homeoffice.",
    ]},
    {"tenant": "lumiere_d17", "style": "non_english", "language": "fr", "items": [
        ("fact", "hq_city", "Lyon", HQ, [
            "Notre siège est à Lyon.",
            "L'entreprise est basée à Lyon.",
        ], {"value_aliases": ["lyon"]}),
        ("fact", "chat_tool", "Slack", CHAT, [
            "Nous utilisons Slack pour la messagerie interne.",
            "Toute l'équipe communique sur Slack.",
        ], {"value_aliases": ["slack"]}),
        ("preference", "tone", "vouvoiement", TONE, [
            "Merci de vouvoyer nos clients dans les réponses.",
            "Nos réponses doivent rester formelles, toujours au vouvoiement.",
        ], {"value_aliases": ["vouvoi", "formel", "formal", "vous"]}),
        ("fact", "returns_window", "30 jours", RETURNS, [
            "Les retours sont désormais acceptés sous 30 jours.",
            "Le client a 30 jours pour retourner un article.",
        ], {"value_aliases": ["30"]}),
    ], "stale": [
        ("returns_window", "15 jours", [
            "Les retours sont acceptés sous 15 jours.",
            "Délai de retour : 15 jours.",
        ]),
    ], "one_offs": [
        "Un client de Nantes veut un remboursement.",
        "Je suis en réunion tout l'après-midi.",
    ]},
    {"tenant": "solmar_d17", "style": "non_english", "language": "es", "items": [
        ("fact", "hq_city", "Valencia", HQ, [
            "Nuestra sede está en Valencia.",
            "La empresa tiene su oficina central en Valencia.",
        ], {"value_aliases": ["valencia"]}),
        ("fact", "head_count", "25", HEADCOUNT, [
            "Somos 25 empleados.",
            "En la empresa trabajamos veinticinco personas.",
        ], {"value_aliases": ["25", "veinticinco"]}),
        ("preference", "sign_off", "El equipo de Solmar", SIGNOFF, [
            "Firma las respuestas como 'El equipo de Solmar'.",
            "Termina siempre con 'El equipo de Solmar'.",
        ], {"value_aliases": ["equipo de solmar"]}),
    ], "one_offs": [
        "Un cliente de Sevilla tiene 300 empleados.",
        "Hoy llueve muchísimo en la oficina.",
    ]},
    {"tenant": "sakura_d17", "style": "non_english", "language": "ja", "items": [
        ("fact", "hq_city", "大阪", HQ, [
            "本社は大阪にあります",
            "うちの会社は大阪に本社を置いている",
        ], {"value_aliases": ["osaka"]}),
        ("fact", "chat_tool", "Chatwork", CHAT, [
            "社内チャットはChatworkを使っている",
            "連絡はすべてChatworkで行う",
        ], {"value_aliases": ["chatwork"]}),
        ("preference", "tone", "敬語", TONE, [
            "回答は必ず敬語でお願いします",
            "お客様向けなので丁寧語で書いてほしい",
        ], {"value_aliases": ["敬語", "丁寧", "formal"]}),
    ], "one_offs": [
        "今日は部長が休みです",
        "取引先の本社は名古屋にある",
    ]},
    {"tenant": "dijkstra_d17", "style": "non_english", "language": "nl", "items": [
        ("fact", "hq_city", "Utrecht", HQ, [
            "Ons hoofdkantoor staat in Utrecht.",
            "Wij zitten in Utrecht.",
        ], {"value_aliases": ["utrecht"]}),
        ("fact", "ticket_tool", "Freshdesk", TICKETS, [
            "We zijn overgestapt van Zendesk naar Freshdesk.",
            "Klantvragen komen binnen in Freshdesk.",
            "We gebruiken Freshdesk voor tickets.",
        ], {"value_aliases": ["freshdesk"]}),
        ("preference", "avoid", "never name competitors", AVOID, [
            "Noem nooit namen van concurrenten.",
            "Verwijs in antwoorden niet naar andere aanbieders.",
        ], {"value_aliases": ["concurrent", "aanbieders", "competitor"]}),
    ], "stale": [
        ("ticket_tool", "Zendesk", [
            "We werken met Zendesk voor klantvragen.",
            "Tickets staan in Zendesk.",
        ]),
    ], "one_offs": [
        "Een klant uit Gent belde over een factuur.",
        "Ik ben vandaag jarig.",
    ]},
]
