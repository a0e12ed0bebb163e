"""Canonical form and generic fact slots: one statement, whatever perspective a memory layer wrote it in."""
from __future__ import annotations

import pytest

from memlora.distill.canonical import canonical, subject_name
from memlora.distill.schema import extract


@pytest.mark.parametrize("text,names,want", [
    ("Likes answers in French", (), "The user likes answers in French"),
    ("Daughter's name is Noor", (), "The user's daughter's name is Noor"),
    ("Is lactose intolerant", (), "The user is lactose intolerant"),
    ("My brother Tom lives with me.", (), "The user's brother Tom lives with the user."),
    ("Imperial units only, I live in Ohio.", (), "Imperial units only, the user lives in Ohio."),
    ("I'm a nurse", (), "The user is a nurse"),
    ("i grew up in leeds", (), "The user grew up in leeds"),
    ("Priya's cat is called Mango", ("priya",), "The user's cat is called Mango"),
    ("User prefers tea", (), "The user prefers tea"),
    ("Please call me Skipper.", ("skipper",), "Please call the user Skipper."),  # the name is the value here
    ("Never use emojis", (), "Never use emojis"),  # an imperative keeps its form
    ("Sign off with 'Cheers, Vera' always", ("vera",), "Sign off with 'Cheers, Vera' always"),  # quoted values verbatim
    ("Je préfère qu'on me vouvoie.", (), "Je préfère qu'on me vouvoie."),  # English grammar only
])
def test_perspectives_become_one_form(text, names, want):
    assert canonical(text, names) == want


def test_subject_name_needs_repetition():
    assert subject_name(["Priya likes tea", "Priya's cat is Mango", "Priya lives in Pune"]) == "Priya"
    assert subject_name(["Tom lives with me", "I like tea", "Prefers short answers", "Has a cat"]) is None


@pytest.mark.parametrize("text,slot,value,statement,question", [
    ("Has a hamster named Biscuit", "hamster", "Biscuit", "Your hamster is named Biscuit.", "What is the name of my hamster?"),
    ("Was born in Lyon", "birthplace", "Lyon", "You were born in Lyon.", "Where was I born?"),
    ("Daughter's name is Noor", "daughter", "Noor", "Your daughter is named Noor.", "What is the name of my daughter?"),
    ("Rides a Vespa", "vehicle", "Vespa", "You ride a Vespa.", "What do I ride?"),
    ("Works at Acme Bank", "employer", "Acme Bank", "You work at Acme Bank.", "Where do I work?"),
    ("My brother Tom lives with me.", "brother", "Tom", "Your brother is named Tom.", "What is the name of my brother?"),
    ("Priya's cat is called Mango", "cat", "Mango", "Your cat is named Mango.", "What is the name of my cat?"),
    ("The user grew up in Porto.", "hometown", "Porto", "You grew up in Porto.", "Where did I grow up?"),
    ("priya is alergic to peanuts", "allergy", "peanuts", "You are allergic to peanuts.", "What am I allergic to?"),
    ("Hiroshi has a shiba inu named Kuro.", "dog", "Kuro", "Your dog is named Kuro.", "What is the name of my dog?"),
    ("User is married to Jess.", "partner", "Jess", "Your partner is named Jess.", "What is the name of my partner?"),
    ("My favourite colour is green", "favourite colour", "green", "Your favourite colour is green.", "What is my favourite colour?"),
    ("Sein Sohn heißt Lukas.", "son", "Lukas", "Your son is named Lukas.", "What is the name of my son?"),
    ("Habite à Nantes.", "city", "Nantes", "You live in Nantes.", "Which city do I live in?"),
    ("Abita a Bologna da dieci anni.", "city", "Bologna", "You live in Bologna.", "Which city do I live in?"),
    ("Tem uma cadela chamada Mel.", "dog", "Mel", "Your dog is named Mel.", "What is the name of my dog?"),
    ("Trabalha na Natura desde 2019.", "employer", "Natura", "You work at Natura.", "Where do I work?"),
])
def test_any_stated_attribute_gets_a_slot_statement_and_probe(text, slot, value, statement, question):
    e = extract(text, names=("priya", "hiroshi"))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)
    assert e.statement == statement
    assert e.probe["question"] == question and value in e.probe["expect"]


def test_untyped_statements_stay_free_and_preferences_get_a_slot():
    assert extract("Is lactose intolerant").kind == "fact"  # an intolerance is an allergy-like fact
    free = extract("Enjoys long walks on the beach")
    assert (free.kind, free.slot) == ("free", "")
    metric = extract("Distances in kilometres please, weights in kilos.")
    imperial = extract("Give me feet, pounds and Fahrenheit, not metric.")
    assert (metric.kind, metric.slot, metric.value) == ("free", "units", "metric")
    assert (imperial.slot, imperial.value) == ("units", "imperial")
    assert extract("My car is an old Subaru Outback with 200k miles on it.").slot == "car"  # miles: not a unit preference


def test_the_tenant_name_is_replaced_before_typo_fixes():
    """"Bjorn" is one edit from "born": fixed first, every statement of bjorn read "The user was born ..."."""
    from memlora.distill.canonical import canonical

    assert canonical("Bjorn asked for ski wax advice.", ("bjorn",)) == "The user asked for ski wax advice."


def test_a_fact_said_with_a_present_participle_or_a_time_tail_keeps_its_value():
    """"livin in melbourne now" (chat drops the g) and "Living in Porto these days." are where the user lives; the
    statement says the city, not "Porto these days"."""
    from memlora.distill.schema import extract

    for text, city in (("livin in melbourne now", "melbourne"), ("Living in Porto these days.", "Porto"),
                       ("I live in Aarhus these days.", "Aarhus")):
        e = extract(text, None, ())
        assert (e.slot, e.value, e.statement) == ("city", city, f"You live in {city}."), text
    assert extract("Working at Acme since May.", None, ()).value == "Acme"


def test_danish_swahili_and_tagalog_are_not_rewritten_as_english():
    """Danish "i" is "in": reading it as the English pronoun turned "Vestas i Ringkøbing" into "Vestas the user
    ringkøbing" and kept the Danish employer from being typed."""
    for text in ("Jeg er ansat på Vestas i Ringkøbing.", "Det regner i dag.", "Nars ako sa ospital.", "Mimi ni mwalimu."):
        assert canonical(text) == text
    assert canonical("i live in perth") == "The user lives in perth"


def test_chat_without_its_i_and_a_new_job_started_state_the_employer():
    """"work at spotify on the podcast team now" drops the "I"; "started at spotify this month" names the new
    employer. Both are the user's employer, named without the team or the month."""
    for text in ("work at spotify on the podcast team now", "started at spotify this month",
                 "Started a new job at Spotify"):
        e = extract(text, None, ())
        assert (e.slot, e.value.lower()) == ("employer", "spotify"), text
    assert extract("live in leeds now", None, ()).value == "leeds"
    assert extract("Work in small batches, please.", None, ()).kind != "fact"


def test_norwegian_and_afrikaans_are_not_rewritten_as_english():
    """Norwegian "i" before a name is "in" and Afrikaans has its own function words: reading "Bor i Trondheim" as
    English made it "Bor the user trondheims", so the old city lost its capital and joined the new one."""
    for text in ("Bor i Trondheim", "Leier en hybel i Trondheim", "Flyttet til Bergen i vår", "Ek is 'n boer."):
        assert canonical(text) == text
    assert (extract("Bor i Bergen", None, ()).slot, extract("Bor i Bergen", None, ()).value) == ("city", "Bergen")
    assert canonical("i live in perth") == "The user lives in perth"


def _typed(text: str) -> tuple:
    e = extract(text)
    return e.kind, e.slot, e.value


@pytest.mark.parametrize("text,want", [
    ("We finally moved to Liverpool last month, boxes everywhere.", ("fact", "city", "Liverpool")),  # a household's "we"
    ("Now that I'm living in Hull, where's a good Sunday roast?", ("fact", "city", "Hull")),  # a presupposing clause
    ("What can I bake? I'm allergic to tree nuts so nothing with almonds.", ("fact", "allergy", "tree nuts")),
    ("I transferred and I'm now a second-year student at UCLA.", ("fact", "school", "UCLA")),
    ("The user's truck is a Ford F-150.", ("fact", "car", "Ford F-150")),  # the same slot and value as "drives a ..."
    ("Drives a Ford F-150", ("fact", "car", "Ford F-150")),
    ("Is a high school chemistry teacher", ("fact", "job", "high school chemistry teacher")),
    ("Is a nurse working night shifts", ("fact", "job", "nurse")),
    ("got a lab named duke", ("fact", "dog", "Duke")),
    ("Has type 1 diabetes", ("fact", "condition", "type 1 diabetes")),
    ("just moved 2 bristol", ("fact", "city", "bristol")),  # chat's "2" for "to"
    ("play cricket on sundays", ("fact", "hobby", "cricket")),
    ("English answers from now on, please.", ("language", "language", "English")),
    ("You can switch to Spanish now.", ("language", "language", "Spanish")),
    ("I like lists way more than walls of text.", ("format", "format", "bullets")),
    ("Wants times written like 18:30 rather than 6:30 PM", ("free", "clock", "24-hour")),
    ("The user finds 24-hour times like 17:00 hard to read.", ("free", "clock", "12-hour")),  # refusing one asks the other
    ("temps in celcius pls not F", ("free", "units", "metric")),
    ("Ben finds Celsius confusing and asks for degrees F.", ("free", "units", "imperial")),
    ("Je vis à Bordeaux maintenant.", ("fact", "city", "Bordeaux")),  # not "Bordeaux maintenant"
    ("Je suis boulangère.", ("fact", "job", "boulangère")),
    ("Sou dentista.", ("fact", "job", "dentista")),
    ("My name is Arjun by the way.", ("fact", "name", "Arjun")),  # an afterthought is no part of the value
    ("I'm from Cairo originally.", ("fact", "hometown", "Cairo")),
    ("I work remotely for Shopify.", ("fact", "employer", "Shopify")),  # an adverb after the verb
    ("Works full-time at Siemens", ("fact", "employer", "Siemens")),
    ("Name's Tomás, I'm a nurse in Dublin.", ("fact", "name", "Tomás")),
    ("Works night shifts as an ICU nurse.", ("fact", "job", "ICU nurse")),
    ("Prefers being addressed as Ms. Okafor.", ("address", "address", "Ms. Okafor")),
    ("Is a PhD student in chemistry at ETH Zurich.", ("fact", "school", "ETH Zurich")),
    ("Marcus's daughter goes by Bee.", ("fact", "daughter", "Bee")),  # her name, not how to address the user
    ("my husbands name is dave", ("fact", "partner", "Dave")),
    ("User is based out of Singapore.", ("fact", "city", "Singapore")),
    ("User's partner, Alex, is a chef.", ("fact", "partner", "Alex")),
    ("Wants no more than three bullet points.", ("format", "format", "bullets")),  # a limit, not a refusal
    ("Graduated from MIT in 2015", ("fact", "school", "MIT")),
    ("Lives in a small apartment in Brooklyn", ("fact", "city", "Brooklyn")),
    ("Recently adopted a rescue greyhound named Bolt", ("fact", "dog", "Bolt")),
    ("Birthday is on July 14", ("fact", "birthday", "July 14")),
    ("im a plumber btw so keep it practical", ("fact", "job", "plumber")),
    ("Prefers numbered steps for instructions.", ("format", "format", "numbered")),
])
def test_more_ways_of_stating_a_fact_or_preference_are_typed(text, want):
    assert _typed(text) == want


@pytest.mark.parametrize("text", [
    "Is a Buddhist.",  # a belief, not a trade
    "Prefers to be called by first name.",  # no name given
    "The user is a perfectionist.",
    "Husband is allergic to shellfish",  # what he is, not his name
    "My sister is a nurse.",
    "I met Tom. Anna lives in Paris.",  # another name opens the second sentence
    "My son has asthma",
    "Ma sœur habite à Bordeaux aussi.",  # her city, not the user's
    "É engenheiro de petróleo na Petrobras.",  # a name follows: left to the grouping
    "Noah works 24-hour shifts at the fire station.",  # shifts, not a clock
    "The user works 12 hours a day",
    "i have 2 cats",
    "My day is basically filling prescriptions.",  # a time is no attribute
    "Childhood on the beaches of Recife spoiled me for cold water.",  # no spoiler
])
def test_remarks_that_state_no_fact_of_the_user_stay_untyped(text):
    kind, slot, _ = _typed(text)
    assert kind == "free" and slot in ("", "tone")


@pytest.mark.parametrize("text,value", [
    ("Tutoie-moi stp.", "casual"), ("Pas besoin de me vouvoyer, hein.", "casual"),  # refusing "vous" asks for "tu"
    ("Bitte nicht siezen.", "casual"), ("Vouvoyez-moi, s'il vous plaît.", "formal"),
])
def test_negation_words_of_other_languages_refuse_a_tone(text, value):
    assert _typed(text) == ("free", "tone", value)


@pytest.mark.parametrize("text,value", [
    ("write my scripts in powershell pls", "powershell"), ("switched to linux, gimme bash scripts now", "bash"),
    ("only shell scripts pls, no more powershell", "bash"),  # the refused language is not the one asked for
    ("Prefers Rust snippets over Python ones", "rust"),
])
def test_a_scripting_language_is_a_code_language(text, value):
    assert _typed(text) == ("free", "code_language", value)
    assert _typed("Tried writing one script in Go last week")[1] != "code_language"  # one script is no preference


def test_a_professional_person_is_no_tone():
    assert _typed("Dislikes being told to consult a professional.")[1] == ""
    assert _typed("Keep it professional, please.")[1:] == ("tone", "formal")


@pytest.mark.parametrize("text,slot,value", [
    ("Data engineer at Spotify", "job", "data engineer"),
    ("Paediatric nurse", "job", "paediatric nurse"),
    ("Accountant in Bristol", "job", "accountant"),
    ("Nursing student at Queen's University", "school", "Queen's University"),
    ("Lifelong Packers supporter", "team", "Packers"),
    ("Type 1 diabetic", "condition", "type 1 diabetes"),
    ("Originally from Accra", "hometown", "Accra"),
])
def test_a_bare_noun_phrase_names_a_role_of_the_user(text, slot, value):
    """Memory layers write roles as bare noun phrases ("Data engineer at Spotify"); they reach the fact slots that
    "Is a data engineer at Spotify" reaches, instead of staying untyped."""
    e = extract(canonical(text))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", ["Trip to Lisbon in May", "Brother named Kofi", "Meeting with the new manager",
                                  "Laptop charger broke", "Seorang guru"])
def test_a_noun_phrase_that_names_no_role_of_the_user_stays_as_written(text):
    assert canonical(text) == text


@pytest.mark.parametrize("text,value", [
    ("Is asthmatic", "asthma"), ("I'm epileptic", "epilepsy"),
    ("Manages rheumatoid arthritis with weekly injections", "rheumatoid arthritis"),
    ("Struggles with migraines", "migraines")])
def test_a_condition_said_as_an_adjective_or_with_its_treatment_is_a_condition(text, value):
    e = extract(canonical(text))
    assert (e.slot, e.value) == ("condition", value) and e.statement == f"You have {value}."


@pytest.mark.parametrize("text", ["My daughter is asthmatic", "my husband is retired", "Our dog is old"])
def test_what_a_relative_or_pet_is_is_not_their_name(text):
    assert extract(canonical(text)).kind != "fact"


@pytest.mark.parametrize("text,value", [
    ("Doing a master's in marine biology", "marine biology"),
    ("Is pursuing a PhD in linguistics at Utrecht", "linguistics"),
    ("Postdoc in immunology at the Crick", "immunology")])
def test_a_degree_in_progress_is_what_the_user_studies(text, value):
    e = extract(canonical(text))
    assert (e.slot, e.value) == ("degree", value)


@pytest.mark.parametrize("text,slot,value", [
    ("Has a son, Mateo, who plays football", "son", "Mateo"),
    ("Has a tortoise, Speedy", "tortoise", "Speedy"),
    ("Rosa is the eldest of my daughters", "daughter", "Rosa"),
    ("Works for a design agency called Pentagram", "employer", "Pentagram"),
    ("Deloitte employee", "employer", "Deloitte"),
    ("Is a staff member at Kew Gardens", "employer", "Kew Gardens"),
    ("Cambridge alumna", "school", "Cambridge"),
    ("Is a UCLA graduate", "school", "UCLA"),
])
def test_names_said_in_apposition_or_as_a_modifier_are_facts(text, slot, value):
    e = extract(canonical(text))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", ["Is a recent graduate", "Proud graduate", "Is a history graduate"])
def test_a_graduate_of_no_named_school_names_no_school(text):
    assert extract(canonical(text)).slot != "school"


@pytest.mark.parametrize("text,value", [("my cats name is pumpkin", "Pumpkin"), ("my daughters called mary-kate", "Mary-Kate"),
                                        ("my name is jon snow", "Jon Snow")])
def test_a_name_typed_in_lower_case_is_taught_with_its_capital(text, value):
    e = extract(canonical(text))
    assert e.value == value and value in e.statement


@pytest.mark.parametrize("text,slot,value", [
    ("Guitarist in a wedding band", "instrument", "guitar"), ("Is a drummer", "instrument", "drums"),
    ("Is learning Italian through an evening class", "learning", "Italian"),
    ("Is learning the violin with a private tutor", "instrument", "violin")])
def test_a_player_plays_the_instrument_and_a_subject_loses_how_it_is_learnt(text, slot, value):
    e = extract(canonical(text))
    assert (e.slot, e.value) == (slot, value)


@pytest.mark.parametrize("text,statement", [
    ("Works as an HR assistant", "You work as an HR assistant."), ("Is a UX researcher", "You work as a UX researcher."),
    ("Is a university librarian", "You work as a university librarian.")])
def test_a_job_is_taught_with_the_article_it_is_said_with(text, statement):
    assert extract(canonical(text)).statement == statement


@pytest.mark.parametrize("text,slot,value", [
    ("Halifax resident", "city", "Halifax"), ("Resident of Tallinn", "city", "Tallinn"),
    ("Seattle-based", "city", "Seattle"), ("Seattle-based architect", "job", "architect"),
    ("Glasgow native", "hometown", "Glasgow"), ("Relocated from Perth to Darwin", "city", "Darwin"),
    ("Emigrated to Chile", "city", "Chile")])
def test_where_the_user_lives_said_as_a_resident_a_base_or_a_move(text, slot, value):
    e = extract(canonical(text))
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", ["Plant-based", "Plant-based since 2020", "Home-based"])
def test_plant_based_is_no_place(text):
    assert "based in" not in canonical(text)


@pytest.mark.parametrize("text,value", [
    ("finally bought a hyundai i30", "Hyundai I30"), ("Just got a second-hand Skoda Octavia", "Skoda Octavia"),
    ("drive a ford fiesta", "Ford Fiesta"), ("Drives a Kia to work", "Kia")])
def test_a_car_named_by_its_make_is_the_car_whatever_the_verb(text, value):
    e = extract(canonical(text))
    assert (e.slot, e.value) == ("car", value)


@pytest.mark.parametrize("text", ["Just got a kitten", "Bought a new laptop", "Has a smart watch", "My brother got a Ford Ka"])
def test_what_is_no_car_or_not_the_users_is_no_car_of_the_user(text):
    assert extract(canonical(text)).slot != "car"


def test_a_trade_ending_in_er_is_a_job():
    assert extract(canonical("I'm a plasterer")).slot == "job"
