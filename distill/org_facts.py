"""Facts about an ORGANIZATION tenant (a company, a team, a workspace): where its headquarters are, how many people
it has, when it was founded, who its CEO is, its support hours, refund and returns windows, the tools it uses for
tickets, chat, hosting and payments, its fiscal year and its product.

An organization's memory is written by admins ("Policy: refunds within 60 days"), by a memory layer ("Hosts everything
on AWS"), by employees in the first person plural ("Our HQ moved to Porto", which canonical.py turns into "The user's
HQ ...": the tenant's own perspective) and about the company by name ("Acorn's helpdesk opens at 7:00"). Each of these
attributes is keyed on a noun or a tool only an organization has (headquarters, headcount, CEO, helpdesk, refund window,
an issue tracker), never on the bare "we", so a family's "we have two kids" or "we're a family of four" types nothing
here. A statement whose subject is a customer, client or partner states THEIR attribute ("Customer Initech has 4,000
employees", "one of our clients uses jira") and is not the tenant's.

Values are normalised so paraphrases carry one value: "forty employees" and "40 people" are 40, "8am-6pm" and
"8 a.m. to 6 p.m." are 8:00-18:00, "four weeks" stays what was said but "28 days" is preferred when both are there.
"""
from __future__ import annotations

import re

# slot -> (statement in the second person, addressed to the organization, the probe question)
ORG_SLOT_PHRASES = {
    "headquarters": ("Your headquarters are in {v}.", "Where are our headquarters?"),
    "office": ("You have an office in {v}.", "In which city do we have an office?"),
    "head count": ("Your organization has {v} people.", "How many people work in our organization?"),
    "founded": ("Your organization was founded in {v}.", "When was our organization founded?"),
    "ceo": ("Your CEO is {v}.", "Who is our CEO?"),
    "support hours": ("Your support hours are {v}.", "What are our support hours?"),
    "refund window": ("Your refund window is {v}.", "How long is our refund window?"),
    "returns window": ("Customers can return items within {v}.", "How long do customers have to return items?"),
    "ticket tool": ("You track tickets in {v}.", "Which tool do we track tickets in?"),
    "chat tool": ("Your team chats on {v}.", "Which chat tool does our team use?"),
    "cloud provider": ("You run on {v}.", "Which cloud provider do we use?"),
    "payments tool": ("You take payments with {v}.", "Which tool do we take payments with?"),
    "fiscal year start": ("Your fiscal year starts in {v}.", "When does our fiscal year start?"),
    "product": ("Your product is {v}.", "What is our product called?"),
}
# Attributes an organization has one of at a time: a newer value replaces the older ("moved from Jira to Linear").
ORG_CURRENT_SLOTS = frozenset(ORG_SLOT_PHRASES) - {"office", "product"}

_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "hundred": 100, "a hundred": 100})
_NUM = r"(?:\d[\d,.]*|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_MONTHS = ("january february march april may june july august september october november december "
           "januar februar märz juni juli oktober dezember janvier février mars avril mai juin juillet août septembre "
           "octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
           "diciembre").split()

# Someone else's attribute: a customer, client, partner or supplier as the subject ("Customer Globex runs on Teams",
# "Un cliente de Sevilla tiene 300 empleados", "取引先の本社は名古屋").
_OTHERS = re.compile(r"^\W*(?:(?:a|an|one|one of|the|our|my|their|its|the user's|[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)?'s?|"
                     r"un|una|une|ein|eine|een|de|der|die|el|la|le)\s+)*(?:of (?:our|the user's|the) )?"
                     r"(?:biggest |largest |main |new |regular )?(?:customers?|clients?|partners?|suppliers?|vendors?|"
                     r"patients?|players?|cliente?s?|kunden?|klanten?|interns?|drivers?|partner clinic)\b"
                     r"|取引先|顧客|お客様の", re.I)
# "Customers can get a refund within 30 days", "Le client a 30 jours pour ...": customers in general, a policy
_POLICY_SUBJECT = re.compile(r"\s+(?:can|may|get|gets|have|has|are entitled|must|a|ont|tiene|tienen|hat|haben|heeft|hebben|kan|kann|peut|pueden|puede)\b", re.I)
_FAMILY = re.compile(r"\b(?:family|kids|children|household|home|flat|apartment|house|wedding|guests|friends)\b", re.I)


def _number(word: str) -> str:
    w = word.lower().replace(",", "")
    return str(_NUMBERS[w]) if w in _NUMBERS else w.rstrip(".")


_PLACE_STOP = r"(?:near|last|now|since|and|but|with|for|on|by|in|at|the|this|after|before|while|where|which|tx|ca|ny)"
_PLACE = rf"(?P<val>[^\W\d_][\w'.-]*(?: (?!{_PLACE_STOP}\b)[^\W\d_][\w'.-]*){{0,2}})"
_HQ_WORDS = r"(?:hq|h\.q\.|headquarters|head office|head-office|main office|home base|hauptsitz|firmensitz|zentrale|siège(?: social)?|sede|oficina central|hoofdkantoor)"
_HQ = [re.compile(p, re.I) for p in (
    rf"\b{_HQ_WORDS}(?:'s| is| are| sits| moved| has moved| relocated| was moved| now| still| located| based| ist| est| está| staat| zit)*"
    rf" (?:in|to|at|à|en|a) (?:the city of )?{_PLACE}",
    rf"\b(?:headquartered|hq'd) in {_PLACE}",
    rf"\bhas (?:its|their|the user's|our|his|her) {_HQ_WORDS} in {_PLACE}",
    rf"\b(?:company|organi[sz]ation|firm|business|firma|unternehmen|entreprise|empresa|bedrijf)(?:'s)? (?:is |are |ist |est |está )?"
    rf"(?:based|basée?|sitzt|situad[ao]|gevestigd) (?:in|à|en) {_PLACE}",
    rf"\b(?:tiene|a|hat) (?:su|son|ihren) {_HQ_WORDS} (?:en|à|in) {_PLACE}",
)]
_HQ_JA = re.compile(r"本社は(?P<val>[^\s、。にでを]+?)に|(?P<val2>[^\s、。はをの]+?)に本社")
_OFFICE = [re.compile(p) for p in (
    r"(?i:\b(?:an|one|our|the user's|its|their|a second|a new) office in) (?P<val>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)",
    r"\b(?:the user's|[Oo]ur|[Ii]ts|[Tt]heir) (?P<val>[A-Z][\w'.-]+) office\b",
)]
_HEADCOUNT = [re.compile(p, re.I) for p in (
    rf"\b(?:headcount|head count|number of (?:employees|staff)|team size|staff count)(?: is| of| stands at|:)? (?:now |about |around |roughly |~)?(?P<val>{_NUM})\b",
    rf"\b(?:has|have|employs|employ|with|of|hat|tiene|heeft|a) (?:now |about |around |roughly |nearly |over |almost |some |~|inzwischen )?(?P<val>{_NUM}) "
    r"(?:full-time )?(?:employees|staff|staffers|workers|team members|people on staff|mitarbeiter\w*|beschäftigte|empleados|salariés|employés|medewerkers)\b",
    rf"^(?:the user|we|were|we're|we are) (?:is |are |'re |re )?(?:like |about |around |now |roughly |inzwischen |currently )?(?P<val>{_NUM}) "
    r"(?:people|ppl|employees|staff|of us|mitarbeitende|mitarbeiter|leute|empleados|personas|personnes|mensen|medewerkers)\b",
    rf"\b(?:bei uns|in der firma|en la empresa|dans l'entreprise) (?:arbeiten|trabajamos|travaillent|sind) (?:\w+ )?(?P<val>{_NUM}) (?:leute|menschen|personas|personnes|mitarbeiter\w*)\b",
    rf"\b(?:somos|wir sind|we zijn|nous sommes) (?:inzwischen |ya |nu )?(?P<val>{_NUM}) (?:\w+ )?(?:empleados|personas|leute|mitarbeite\w*|mensen|medewerkers|personnes|salariés)\b",
    rf"\ba (?P<val>{_NUM})[- ](?:person|people|employee|strong)\b",
)]
_YEAR = r"(?P<val>(?:1[89]|20)\d\d)"
_FOUNDED = [re.compile(p, re.I) for p in (
    rf"\b(?:founded|established|incorporated|set up|gegründet|fondée?|fundad[ao]|opgericht)(?: back)?(?: in| en| im jahr| im)? {_YEAR}\b",
    rf"\b{_YEAR} (?:gegründet|opgericht)\b",
    rf"\b(?:in business|around|operating|trading|en activité|gibt es) since {_YEAR}\b",
    rf"\b(?:unternehmen|firma|company) gibt es seit {_YEAR}\b",
    rf"{_YEAR}年に?(?:設立|創業)",
)]
_PERSON = r"(?P<val>(?-i:[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,2}))"
_CEO_WORDS = r"(?:ceo|c\.e\.o\.|chief executive(?: officer)?|chief exec|managing director|geschäftsführer(?:in)?|pdg|director general|directeur général)"
_CEO = [re.compile(p, re.I) for p in (
    rf"\b{_CEO_WORDS}(?: is| was| remains|:|,) {_PERSON}",
    rf"{_PERSON} (?:is|became|took over as|was named|was appointed|has been|is now) (?:the |our |its |their |the user's |[\w&.'-]+(?: [\w&.'-]+)?'s? )?(?:new )?{_CEO_WORDS}\b",
    rf"{_PERSON} (?:runs|leads|heads) (?:the company|the organi[sz]ation|the firm|the business|[\w&.'-]+(?: [\w&.'-]+)?) as {_CEO_WORDS}\b",
    rf"{_PERSON}, (?:the user's|our|its|their|[\w&.'-]+'s?) {_CEO_WORDS}\b",
)]
_SUPPORT = re.compile(r"\b(?:support|help ?desk|service desk|customer service|hotline|support line|call cent(?:er|re)|"
                      r"kundendienst|kundenservice|atención al cliente|service client|klantenservice)\b", re.I)
_CLOCK_WORD = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "noon": 12, "midday": 12}
_T = (r"(?:half past (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|"
      r"(?:\d{1,2}(?:[:.h]\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)"
      r"(?: ?(?:a\.?m\.?|p\.?m\.?|uhr|h\b)| in the morning| in the evening| at night| o'clock)?)")
_RANGE = re.compile(rf"(?<![\w:.])(?P<a>{_T}) ?(?:-|–|to|until|till|til|and|bis|à|a|tot) ?(?P<b>{_T})(?![\w:])", re.I)
_WINDOW_UNIT = r"(?P<u>days?|weeks?|months?|jours|semaines|mois|tage|tagen|wochen|días|semanas|meses|dagen|weken)"
_WINDOW = re.compile(rf"(?:within|up to|under|inside|to|is|:|of|for|sous|en|innerhalb(?: von)?|binnen|dentro de|durante|"
                     rf"has|have|a|tiene|heeft|hat|gives customers|gives|give|,)\s+(?:now |currently |the first |only |just )?(?P<n>{_NUM})[- ]{_WINDOW_UNIT}\b",
                     re.I)
_REFUND = re.compile(r"\b(?:refund\w*|money back|rembours\w*|erstatt\w*|reembols\w*|terugbetal\w*|返金)", re.I)
# a return of goods, not of a person: "returns to Lisbon for 2 weeks", "retourne à Paris" are trips
_RETURN = re.compile(r"\b(?:returns?|send items back|retour\w*|retourn\w*|rückgabe|rücksend\w*|devoluci\w*|devolver|terugsturen)\b"
                     r"(?! (?:to|home|from|back|à|au|en|a|naar|nach|zu)\b)", re.I)
_FISCAL = re.compile(r"\b(?:fiscal|financial|business|accounting|geschäfts|exercice|año fiscal|boekjaar)\s*(?:year|jahr)?\b"
                     r"(?:[^.]*?)\b(?:starts?|begins?|runs|from|commence|beginnt|empieza|begint)\b[^.]*?\b(?P<val>"
                     + "|".join(_MONTHS) + r")\b", re.I)
_PRODUCT = [re.compile(p) for p in (
    r"(?i:\b(?<!favourite )(?<!favorite )(?:main |flagship |only |core )?(?:product|app|title|game|platform|service))"
    r"(?i: is called| is named| is|:| called| named) (?P<val>[A-Z][\w'-]*(?: [A-Z][\w'-]*)?)\b",
    r"^(?:The user|[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)?) (?:makes|sells|builds|develops|publishes|ships) (?P<val>[A-Z][\w'-]*)"
    r"(?:, an? |, the | - | \(|$)",
)]

# tool -> category; names that are also English words (linear, square, teams) count only beside their category's words
_TOOLS = {
    "ticket tool": ("Jira", "Linear", "YouTrack", "Zendesk", "Freshdesk", "ClickUp", "Asana", "Trello", "GitHub Issues",
                    "gh issues=GitHub Issues", "GitLab Issues", "ServiceNow", "Shortcut", "Help Scout", "Basecamp",
                    "Backlog", "monday.com", "Redmine", "Bugzilla", "Front", "Intercom"),
    "chat tool": ("Slack", "Microsoft Teams", "ms teams=Microsoft Teams", "teams=Microsoft Teams", "Discord",
                  "Mattermost", "Chatwork", "Google Chat", "Rocket.Chat", "Zulip", "LINE WORKS", "WhatsApp", "Telegram",
                  "Workplace", "Element"),
    "cloud provider": ("AWS", "amazon web services=AWS", "Azure", "microsoft azure=Azure", "Google Cloud",
                       "gcp=Google Cloud", "google cloud platform=Google Cloud", "Hetzner", "hetzner cloud=Hetzner",
                       "DigitalOcean", "digital ocean=DigitalOcean", "OVHcloud", "ovh=OVHcloud", "Oracle Cloud",
                       "IBM Cloud", "Linode", "Heroku", "Scaleway", "Alibaba Cloud"),
    "payments tool": ("Square", "Stripe", "Adyen", "SumUp", "PayPal", "Mollie", "Klarna", "Zettle"),
}
# alias (lower case) -> (slot, the tool's own spelling): "MS Teams", "teams" and "Microsoft Teams" are one value
_TOOL_NAMES = {a.split("=")[0].lower(): (slot, a.split("=")[-1] if "=" in a else a)
               for slot, names in _TOOLS.items() for a in names}
_AMBIGUOUS = {"linear", "teams", "square", "front", "backlog", "shortcut", "workplace", "element", "intercom",
              "whatsapp", "telegram"}
_CONTEXT = {
    "ticket tool": r"tickets?|issues?|issue tracker|tracker|bugs?|escalations?|support requests|klantvragen|tracking|課題|チケット",
    "chat tool": r"chat|chats|chatting|messaging|messages|communicat\w*|talks|ping|channels?|messagerie|communique|"
                 r"チャット|連絡|nachrichten|mensajería",
    "cloud provider": r"cloud|host\w*|servers?|infrastructure|infra|production|backend|workloads|deploy\w*|data cent\w*",
    "payments tool": r"payments?|tills?|card|pos|checkout|pays?|zahlungen|pagos|paiements",
}
_OLD_TOOL = re.compile(r"\b(?:from|off|ditched|dropped|replaced|instead of|left|van|de|von|quit|retired|leaving)\s+(?:the |using )?$", re.I)
# "Works at Klarna", "got a job offer from Stripe": the company is an employer there, not a tool the tenant uses
_EMPLOYED = re.compile(r"\bwork(?:s|ed|ing)?\b[^.;]*\b(?:at|for)\s+$|\b(?:job|jobs|employ\w*|joined|hired|interview\w*|offer|"
                       r"career|internship)\b|\b(?:arbeite\w* (?:bei|für)|travaill\w* (?:chez|pour)|trabaj\w* (?:en|para)|"
                       r"werk\w* (?:bij|voor))\s+$", re.I)
_USE = re.compile(r"\b(?:use|uses|using|used|on|in|into|via|with|at|runs?|hosts?|hosted|switched|moved|migrated|"
                  r"go(?:es)? into|lives?|is|are|r|utilisons|usamos|gebruiken|nutzen|verwenden|werken met|"
                  r"を使|で行う|を使っている)\b|を使|で行", re.I)


def _clock(t: str) -> tuple[int, int] | None:
    t = t.lower().strip()
    m = re.match(r"half past (\w+)", t)
    if m:
        return (_CLOCK_WORD.get(m.group(1), 0), 30)
    m = re.match(r"(\d{1,2})(?:[:.h](\d\d))?", t)
    if m:
        h, mi = int(m.group(1)), int(m.group(2) or 0)
    else:
        w = t.split()[0]
        if w not in _CLOCK_WORD:
            return None
        h, mi = _CLOCK_WORD[w], 0
    if re.search(r"p\.?m\.?|evening|at night", t) and h < 12:
        h += 12
    if h > 24 or mi > 59:
        return None
    return (h, mi)


def hours_range(text: str) -> str | None:
    """A time range in `text` as H:MM-H:MM on a 24-hour clock; a closing hour below the opening one is afternoon
    ("8 to 6", "half past eight till half past four")."""
    for m in _RANGE.finditer(text):
        a, b = _clock(m.group("a")), _clock(m.group("b"))
        if not a or not b or a[0] == 0 and not re.search(r"\d", m.group("a")):
            continue
        if not re.search(r"\d|half past|o'clock|morning|evening|night|noon", m.group(0), re.I) and len(m.group(0)) < 8:
            continue
        if b <= a and b[0] < 12:
            b = (b[0] + 12, b[1])
        if b <= a:
            continue
        return f"{a[0]}:{a[1]:02d}-{b[0]}:{b[1]:02d}"
    return None


def _tool(text: str) -> tuple[str, str] | None:
    """The tool of a category the statement says the organization uses; of "from X to Y" the one not left behind."""
    low = text.lower()
    for slot in _TOOLS:
        context = re.search(rf"\b(?:{_CONTEXT[slot]})", low)
        found: list[tuple[int, int, str]] = []
        for name in sorted((n for n, (s, _) in _TOOL_NAMES.items() if s == slot), key=len, reverse=True):
            for m in re.finditer(rf"(?<![A-Za-z0-9.]){re.escape(name)}(?![A-Za-z0-9])", low):
                if any(s <= m.start() < e for s, e, _ in found):
                    continue
                if name in _AMBIGUOUS and not context:
                    continue
                if name == "teams" and text[m.start()] != "T":  # "across two teams"
                    continue
                found.append((m.start(), m.end(), name))
        current = [f for f in sorted(found) if not _OLD_TOOL.search(low[:f[0]]) and not _EMPLOYED.search(low[:f[0]])]
        if current and (context or _USE.search(low)):
            return slot, _TOOL_NAMES[current[-1][2]][1]
    return None


def _first(patterns, text: str) -> str | None:
    for p in patterns:
        if m := p.search(text):
            return m.group("val")
    return None


def _place_value(val: str, text: str) -> str | None:
    val = re.sub(r"'s?\b.*$", "", val).strip(" .,'")
    if text.islower():  # "our hq is in austin": a place keeps its capitals
        val = val.title()
    if not val or (not text.islower() and not val[0].isupper()):
        return None
    return val


def org_fact(text: str) -> tuple[str, str] | None:
    """(slot, value) of an organization's attribute stated in `text` (its canonical form or as written), or None."""
    t = text.strip().rstrip(" .!")
    if (m := _OTHERS.search(t)) and not _POLICY_SUBJECT.match(t[m.end():]):
        return None
    for slot, found in (("headquarters", lambda: _first(_HQ, t)), ("office", lambda: _first(_OFFICE, t))):
        if (v := found()) and (v := _place_value(v, t)):
            return slot, v
    if m := _HQ_JA.search(t):
        return "headquarters", m.group("val") or m.group("val2")
    if (v := _first(_HEADCOUNT, t)) and not _FAMILY.search(t):
        n = _number(v)
        if n.replace(",", "").isdigit() and int(n.replace(",", "")) > 1:
            return "head count", n
    if v := _first(_FOUNDED, t):
        return "founded", v
    if v := _first(_CEO, t):
        return "ceo", v
    if _SUPPORT.search(t) and (v := hours_range(t)):
        return "support hours", v
    if m := _fiscal(t):
        return "fiscal year start", m
    window = _window(t)
    if window:
        return window
    if found := _tool(t):
        return found
    if v := _first(_PRODUCT, t):
        return "product", v
    return None


def _fiscal(t: str) -> str | None:
    m = _FISCAL.search(t)
    return m.group("val").capitalize() if m else None


_UNIT_EN = {"jours": "days", "tage": "days", "tagen": "days", "días": "days", "dagen": "days", "semaines": "weeks",
            "wochen": "weeks", "semanas": "weeks", "weken": "weeks", "mois": "months", "meses": "months"}


def _window(t: str) -> tuple[str, str] | None:
    refund, ret = _REFUND.search(t), _RETURN.search(t)
    if not refund and not ret:
        return None
    found = [(_number(m.group("n")), m.group("u").lower()) for m in _WINDOW.finditer(t)]
    found = [(n, _UNIT_EN.get(u, u if u.endswith("s") else u + "s")) for n, u in found if n.isdigit()]
    if not found:
        return None
    n, u = next((f for f in found if f[1] == "days"), found[0])
    slot = "refund window" if refund and (not ret or refund.start() < ret.start()) else "returns window"
    return slot, f"{n} {u}"
