"""Facts in scripts without spaces or capitals and in code-switched chat (distill/script_facts.py): typed with an
English slot and the value as written, never when the sentence is about someone else."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from memlora.distill.profile import build_profiles
from memlora.distill.records import Record
from memlora.distill.schema import extract
from memlora.settings import Settings


@pytest.mark.parametrize("text,slot,value", [
    ("名古屋に住んでいます。", "city", "名古屋"),
    ("神戸在住", "city", "神戸"),
    ("犬の名前はハナです。", "dog", "ハナ"),
    ("クロという猫を飼っています", "cat", "クロ"),
    ("我住在杭州。", "city", "杭州"),
    ("我家猫叫花花。", "cat", "花花"),
    ("在华为上班。", "employer", "华为"),
    ("我现在住在南京。", "city", "南京"),
    ("고양이 이름은 나비예요.", "cat", "나비"),
    ("대구에 살아요.", "city", "대구"),
    ("요리사로 일해요.", "job", "요리사"),
    ("อาศัยอยู่ที่ขอนแก่น", "city", "ขอนแก่น"),
    ("ทำงานเป็นวิศวกรที่โรงงาน", "job", "วิศวกร"),
    ("أعيش في الرياض مع زوجتي", "city", "الرياض"),
    ("اسم قطتي لولو", "cat", "لولو"),
    ("मैं Wipro में काम करता हूँ।", "employer", "Wipro"),
    ("meri billi ka naam Kitty hai", "cat", "Kitty"),
    ("flipkart mein kaam karti hu", "employer", "flipkart"),
    ("may pusa ako, si Mingming", "cat", "Mingming"),
    ("Ο Νίκος μένει στην Πάτρα.", "city", "Πάτρα"),
    ("Tôi làm việc tại Vingroup.", "employer", "Vingroup"),
    ("Bekerja di Bank Mandiri", "employer", "Bank Mandiri"),
    ("Lavoro da Ferrari.", "employer", "Ferrari"),
])
def test_a_fact_in_another_script_or_in_mixed_chat_is_typed(text, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)
    assert e.statement and e.probe and e.probe["expect"][0] == value


@pytest.mark.parametrize("text", [
    "姉は名古屋に住んでいます。", "我同事在华为上班。", "언니는 대구에 살아요.", "พี่ชายอาศัยอยู่ที่ขอนแก่น",
    "أختي تعيش في الرياض", "meri behen ki billi ka naam Kitty hai", "yung kapatid ko nagwowork sa jollibee",
    "Η φίλη του Νίκου μένει στην Πάτρα.", "Adiknya bekerja di Bank Mandiri", "Lavoro da casa oggi.",
])
def test_someone_elses_fact_or_no_name_stays_untyped(text):
    assert extract(text).kind != "fact"


def _recs(tenant: str, texts: list[str]) -> list[Record]:
    return [Record(id=f"{tenant}{i}", tenant=tenant, text=t, source=f"s{i}",
                   created_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc)) for i, t in enumerate(texts)]


def test_a_move_in_an_unspaced_script_supersedes_the_old_city():
    """Two cities in Japanese read alike to e5 (the old code selected the older one as an untyped item); typed, only
    the newer one is selected, as a fact."""
    texts = ["仙台に住んでいます。", "仙台でアパートを借りています。", "仙台から横浜に引っ越しました。", "横浜に住んでいます。",
             "横浜の海が好きです。"]
    p = build_profiles(_recs("aoi", texts), Settings())["aoi"]
    assert [(i.slot, i.value) for i in p.items if i.kind == "fact"] == [("city", "横浜")]
    assert not [i for i in p.items if "仙台" in i.text and "横浜" not in i.text]


def test_a_value_with_its_particle_attached_joins_the_typed_fact():
    """"大阪" in "大阪の会社" or "대전" in "대전에서" is the typed fact's value though no whole word is: the paraphrase
    joins the fact, so it is said twice and selected with its statement."""
    for tenant, texts, value in (("ren", ["在华为上班。", "华为的食堂还不错。", "请用中文回答。"], "华为"),
                                 ("sol", ["대구에 살아요.", "대구에서 자전거를 타요.", "짧게 답해 주세요."], "대구")):
        p = build_profiles(_recs(tenant, texts), Settings())[tenant]
        facts = [i for i in p.items if i.kind == "fact"]
        assert [(i.value, sorted(i.record_ids)) for i in facts] == [(value, [f"{tenant}0", f"{tenant}1"])]


@pytest.mark.parametrize("text,slot,value", [
    ("Jestem nauczycielką.", "job", "nauczycielką"),
    ("Jestem informatykiem", "job", "informatykiem"),
    ("Jeżdżę toyotą corollą.", "vehicle", "toyotą corollą"),
    ("Spelar handboll på helgerna", "hobby", "handboll"),
    ("Ο Κώστας παίζει κιθάρα.", "hobby", "κιθάρα"),
])
def test_polish_case_forms_and_plays_x_are_typed(text, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)


@pytest.mark.parametrize("text", ["Jestem zmęczona.", "Jestem w domu.", "Mój brat jeździ toyotą.",
                                  "Jestem bardzo szczęśliwa"])
def test_a_polish_adjective_or_someone_elses_car_is_no_fact(text):
    assert extract(text).kind != "fact"


@pytest.mark.parametrize("text,kind,slot,value", [
    ("Respuestas con viñetas, por favor", "format", "format", "bullets"),
    ("Jawaban pakai poin-poin saja", "format", "format", "bullets"),
    ("मैं शाकाहारी हूँ।", "avoid", "diet", "vegetarian"),
    ("我吃素食。", "avoid", "diet", "vegetarian"),
    ("Escribe las fechas como día/mes/año.", "free", "date_format", "day first"),
    ("Hava durumunda Fahrenheit değil, santigrat derece yaz.", "free", "units", "metric"),
    ("Háblame de tú.", "free", "tone", "casual"),
    ("Nada de usted, prefiero algo cercano.", "free", "tone", "casual"),
    ("ayaw ko ng formal", "free", "tone", "casual"),
    ("lambe answers mat likho", "free", "brevity", "short"),
    ("Que las respuestas no pasen de dos frases.", "free", "brevity", "short"),
])
def test_preferences_said_in_other_languages_get_their_slot(text, kind, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == (kind, slot, value)


@pytest.mark.parametrize("text,value", [
    ("Je suis data scientist.", "data scientist"), ("Soy software engineer.", "software engineer"),
    ("Sono graphic designer adesso", "graphic designer"), ("Est product manager", "product manager"),
])
def test_an_english_job_title_after_a_romance_copula_is_the_job(text, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", "job", value)


@pytest.mark.parametrize("text", ["Mon copain est product manager lui aussi.", "Mi hermano es software engineer.",
                                  "Je suis manager de mon équipe de foot"])
def test_someone_elses_english_title_or_a_longer_clause_is_no_job(text):
    assert extract(text).kind != "fact"


def test_a_french_feminine_title_is_the_job_and_an_adjective_is_not():
    assert (extract("Je suis consultante.").slot, extract("Je suis consultante.").value) == ("job", "consultante")
    assert extract("Je suis contente.").kind != "fact"


def test_a_taglish_move_from_one_employer_to_another_names_the_new_one_only():
    from memlora.distill.change import new_value_clause

    assert new_value_clause("lumipat na ako from bpi to gcash") == "lumipat na ako to gcash"
    texts = ["nagwowork ako sa bpi", "sa bpi ako nagwowork as teller", "lumipat na ako from bpi to gcash",
             "sa gcash na ako nagwowork"]
    p = build_profiles(_recs("jun", texts), Settings())["jun"]
    assert [(i.slot, i.value) for i in p.items if i.kind == "fact"] == [("employer", "gcash")]
    assert ("employer", "bpi") in [(i.slot, i.value) for i in p.superseded]
