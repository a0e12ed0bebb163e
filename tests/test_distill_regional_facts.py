"""Facts in languages no other table reads (distill/regional_facts.py): Croatian, Slovenian, Macedonian, Albanian,
Icelandic, Latvian, Basque, Galician, Welsh, Azerbaijani, Kazakh, Georgian, Amharic, Telugu, Marathi and Nepali,
typed with an English slot and the value as written (case ending attached), never when about someone else; and
sentences of those languages are not rewritten as English (distill/canonical.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from memlora.distill.canonical import canonical
from memlora.distill.profile import build_profiles
from memlora.distill.records import Record
from memlora.distill.schema import extract
from memlora.settings import Settings


@pytest.mark.parametrize("text,slot,value", [
    ("Ima mačku po imenu Luna", "cat", "Luna"),
    ("Preselio sam se iz Osijeka u Pulu", "city", "Pulu"),
    ("Delam pri Petrolu.", "employer", "Petrolu"),
    ("Живеам во Битола.", "city", "Битола"),
    ("Работам како сметководител.", "job", "сметководител"),
    ("Punon si mësues në Shkodër", "job", "mësues"),
    ("Jam programues", "job", "programues"),
    ("Vinn hjá Landsbankanum", "employer", "Landsbankanum"),
    ("Bý á Akureyri", "city", "Akureyri"),
    ("Dzīvoju Ventspilī.", "city", "Ventspilī"),
    ("Man ir suns, vārdā Reksis.", "dog", "Reksis"),
    ("Bilbon bizi naiz.", "city", "Bilbon"),
    ("Kutxabanken egiten dut lan.", "employer", "Kutxabanken"),
    ("Traballo en Zeltia.", "employer", "Zeltia"),
    ("Dw i'n byw ym Mangor.", "city", "Mangor"),
    ("Dw i'n nyrs.", "job", "nyrs"),
    ("Gəncədə yaşayıram.", "city", "Gəncə"),
    ("Hyundai Elantra sürürəm.", "car", "Hyundai Elantra"),
    ("Шымкентте тұрамын.", "city", "Шымкент"),
    ("ქუთაისში ვცხოვრობ.", "city", "ქუთაის"),
    ("በጎንደር ይኖራል", "city", "በጎንደር"),
    ("ቡቺ የሚባል ውሻ አለው", "dog", "ቡቺ"),
    ("విశాఖపట్నంలో ఉంటాను.", "city", "విశాఖపట్నం"),
    ("నా కొడుకు పేరు అర్జున్.", "son", "అర్జున్"),
    ("मी नाशिकमध्ये राहतो.", "city", "नाशिकमध्ये"),
    ("म ललितपुरमा बस्छु।", "city", "ललितपुर"),
    ("मेरो बिरालोको नाम मिमी हो।", "cat", "मिमी"),
])
def test_a_fact_in_a_language_of_the_regional_table_is_typed(text, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)
    assert e.statement and e.probe


@pytest.mark.parametrize("text", [
    "Moja sestra dela v Mercatorju.", "Motra jeton në Vlorë", "Mans brālis dzīvo Valmierā.", "Nire ahizpa Irunen bizi da.",
    "Mae fy mrawd yn byw yn Abertawe.", "Ағам Шымкентте тұрады.", "ჩემი ძმა ქუთაისში ცხოვრობს.", "እህቷ በጎንደር ትኖራለች",
    "Doctor appointment tomorrow", "Polish is hard",
])
def test_someone_elses_fact_or_an_english_sentence_stays_untyped(text):
    assert extract(text).kind != "fact"


@pytest.mark.parametrize("text", [
    "Gəncədə uşaq bağçasında işləyirəm.", "ქუთაისში ვცხოვრობ.", "Kuća mi je u Osijeku, ima i vrt.",
])
def test_a_sentence_in_another_script_or_with_letters_beyond_latin_1_is_not_rewritten_as_english(text):
    """"u" inside "uşaq" is no chat "you", and Georgian has no capital letter to start a sentence with."""
    assert canonical(text) == text


def test_english_with_a_foreign_name_is_still_rewritten():
    assert canonical("I live in Łódź now") == "The user lives in Łódź now"


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


def test_a_latvian_move_supersedes_the_old_city():
    """The old city in its locative case ("Jelgavā") and the new one ("Ventspilī") read alike to e5 untyped; typed,
    only the newer one is selected."""
    texts = ["Dzīvoju Jelgavā.", "Īrēju dzīvokli Jelgavā.", "Pārcēlos no Jelgavas uz Ventspili.", "Dzīvoju Ventspilī.",
             "Dzīvoju Ventspilī jau pusgadu."]
    p = build_profiles(_recs("anna", texts), Settings())["anna"]
    assert [(i.slot, i.value[:6]) for i in p.items if i.kind == "fact"] == [("city", "Ventsp")]
    assert not [i for i in p.items if "Jelgav" in i.text and "Ventsp" not in i.text]


def test_a_later_mention_of_the_city_in_another_case_retracts_nothing():
    """A move to "Tukumu" (accusative) said with another sentence, then "Dzīvoju Tukumā" (locative) once: one city
    in two cases, so the later statement is no change of city that would retract the selected one."""
    texts = ["Dzīvoju Ogrē.", "Īrēju dzīvokli Ogrē.", "Pārcēlos no Ogres uz Tukumu.",
             "Mans dzīvoklis tagad ir Tukumā, pie upes.", "Dzīvoju Tukumā."]
    p = build_profiles(_recs("ilze", texts), Settings())["ilze"]
    assert [(i.slot, i.value[:4]) for i in p.items if i.kind == "fact"] == [("city", "Tuku")]


def test_a_retracting_value_in_another_case_is_the_same_value():
    from memlora.distill.profile import _one_value

    assert _one_value("tukumā", "tukumu") and _one_value("kaune", "kauno")
    assert not _one_value("tukumā", "talsos") and not _one_value("bern", "berlin")


def test_a_welsh_city_with_a_mutated_first_consonant_is_one_value():
    """"yn Nhrefynwy" / "Trefynwy", "i Fangor" / "ym Mangor" / "Bangor": one town after Welsh prepositions."""
    from memlora.distill.consolidate import _same_value, mutated_forms

    assert mutated_forms("nhrefynwy", "trefynwy") and mutated_forms("fangor", "bangor")
    assert _same_value(("fact", "city", "mangor"), ("fact", "city", "bangor"))
    assert not mutated_forms("london", "dondon") and not _same_value(("fact", "city", "caerdydd"), ("fact", "city", "casnewydd"))
    texts = ["Dw i'n byw yn Llanelli.", "Mae gen i dŷ yn Llanelli.", "Dw i'n byw yn Nhrefynwy nawr.", "Trefynwy yw fy nghartref i."]
    p = build_profiles(_recs("gwen", texts), Settings())["gwen"]
    assert [(i.slot, i.value[-7:]) for i in p.items if i.kind == "fact"] == [("city", "refynwy")]
    assert not [i for i in p.items if "Llanelli" in i.text]


@pytest.mark.parametrize("text,value", [
    ("Plays Sunday league cricket", "cricket"), ("plays beach volleyball at weekends", "volleyball"),
    ("Priya is in a Tuesday night darts team.", "darts"), ("Is on the county hockey squad", "hockey"),
])
def test_a_sport_after_a_few_words_or_named_by_its_team_is_a_hobby(text, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", "hobby", value)


def test_an_instrument_stays_an_instrument():
    assert (extract("Plays the bass guitar in a band").slot, extract("Plays the cello in an orchestra").slot) == \
        ("instrument", "instrument")


def test_one_hobby_said_on_two_different_days_is_one_item():
    """"on Tuesdays" and "a Saturday morning league": days name no other place or person, so the two statements of
    one sport are one fact (they stayed two single mentions, under min_mentions)."""
    texts = ["Plays badminton on Tuesdays.", "Is in a Saturday morning badminton club.", "Lives in Derby."]
    p = build_profiles(_recs("ola", texts), Settings())["ola"]
    assert [(i.slot, i.value, i.mentions) for i in p.items if i.kind == "fact"] == [("hobby", "badminton", 2)]


@pytest.mark.parametrize("text", ["Odgovori mi v alinejah, hvala.", "Piši u natuknicama.", "Daj odgovor kot seznam.",
                                  "Lūdzu, atbildi ar aizzīmēm.", "Одговори во точки."])
def test_bullet_points_named_in_more_languages_are_the_format(text):
    e = extract(text)
    assert (e.kind, e.value) == ("format", "bullets")


@pytest.mark.parametrize("text", [
    "Mae fy mrawd yn gweithio yn Abertawe.", "Motra ime jeton në Berat.", "Systir mín býr í Kópavogi.",
    "Mans draugs strādā Rīgā.", "Nire ahizpa Eibarren bizi da.", "A miña irmá vive en Lugo.", "Sodelavka živi v Kranju.",
    "Другарка ми живее во Битола.", "Bacım Sumqayıtda yaşayır.", "Әпкем Атырауда тұрады.", "मेरो दिदी धरानमा बस्नुहुन्छ।",
    "ወንድሜ በመቀሌ ይኖራል", "మా అక్క బెంగళూరులో ఉంటుంది.", "माझा भाऊ नाशिकला राहतो.",
])
def test_a_relative_or_friend_in_more_languages_makes_the_statement_someone_elses(text):
    from memlora.distill.consolidate import about_someone_else

    assert about_someone_else(text)


@pytest.mark.parametrize("text", ["Dw i'n byw ym Mangor.", "Jetoj në Berat.", "Dzīvoju Rīgā.", "Eibarren bizi naiz."])
def test_the_users_own_statement_is_not_someone_elses(text):
    from memlora.distill.consolidate import about_someone_else

    assert not about_someone_else(text)


@pytest.mark.parametrize("text", ["Ne jedem meso.", "Ez dut haragirik jaten.", "Neēdu gaļu.", "Borða ekki kjöt.",
                                  "Nuk ha mish.", "Ет жемеймін.", "मी मांस खात नाही.", "Sem vegetarijanka."])
def test_no_meat_in_more_languages_is_the_vegetarian_diet(text):
    e = extract(text)
    assert (e.slot, e.value) == ("diet", "vegetarian")


@pytest.mark.parametrize("text,value", [("pls stop giving me pounds, kilos only", "metric"),
                                        ("Quit using Celsius with me, Fahrenheit only please", "imperial")])
def test_a_unit_asked_to_stop_counts_for_the_other_side(text, value):
    e = extract(text)
    assert (e.slot, e.value) == ("units", value)


@pytest.mark.parametrize("text,value", [("Plivam svako jutro prije posla.", "swimming"), ("Ob nedeljah kolesarim.", "cycling"),
                                        ("Jadranje je moj hobi.", "sailing"), ("Volim skijanje.", "skiing")])
def test_a_slovenian_or_croatian_pastime_by_its_verb_or_noun_is_a_hobby(text, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", "hobby", value)


@pytest.mark.parametrize("text", ["Ne plivam.", "Moja sestra kolesari.", "Moj brat obožuje skijanje.", "Skijanje je skupo."])
def test_a_refused_or_someone_elses_pastime_is_no_hobby(text):
    assert extract(text).kind != "fact"


@pytest.mark.parametrize("text,slot,value", [
    ("My daughter goes to Elm Park School.", "daughter's school", "Elm Park School"),
    ("Son is in Year 5 at St Anne's Academy", "son's school", "St Anne's Academy"),
    ("The user's kids attend Lakeside Primary", "children's school", "Lakeside Primary"),
])
def test_a_childs_school_is_the_childs_fact(text, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)
    assert e.statement == f"Your {slot} is {value}." and e.probe["expect"] == [value]


@pytest.mark.parametrize("text", ["My son goes to the gym on Fridays.", "My kids go to school by bus."])
def test_where_a_child_goes_otherwise_is_no_school(text):
    assert extract(text).kind != "fact"


@pytest.mark.parametrize("text,value", [("Hondayla işə gedirəm.", "Honda"),
                                        ("Avtobusla işə gedirəm.", None), ("Skodayla hər gün işə gedirəm.", "Skoda")])
def test_the_car_an_azerbaijani_commute_is_made_in_is_the_car(text, value):
    e = extract(text)
    assert (e.slot, e.value) == ("car", value) if value else e.kind != "fact"
