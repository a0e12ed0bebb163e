"""An organization tenant's attributes (distill/org_facts.py) are facts with slots and values whatever the perspective
(an admin's note, a memory layer's subject-less line, employees' "we/our", the company by name), and a family's
"we", a customer's or partner's attribute and an employer are not. Phrased with other words and values than dev17."""
from __future__ import annotations

import pytest

from memlora.distill.consolidate import _same_value
from memlora.distill.org_facts import hours_range, org_fact
from memlora.distill.preferences import preference
from memlora.distill.schema import extract


@pytest.mark.parametrize("text,slot,value", [
    ("Our main office moved to Ghent in March.", "headquarters", "Ghent"),
    ("Brindle Labs is headquartered in Tallinn.", "headquarters", "Tallinn"),
    ("The company is based in Aarhus.", "headquarters", "Aarhus"),
    ("We're 65 people now.", "head count", "65"),
    ("Employs around thirty staff", "head count", "30"),
    ("Incorporated in 1999", "founded", "1999"),
    ("Greta Lindqvist is our new CEO.", "ceo", "Greta Lindqvist"),
    ("The service desk is staffed 9.30 to 5.30 on weekdays", "support hours", "9:30-17:30"),
    ("Policy: full refund within 21 days.", "refund window", "21 days"),
    ("Items can be sent back within 45 days, returns are free.", "returns window", "45 days"),
    ("We ditched Trello for Asana to track bugs.", "ticket tool", "Asana"),
    ("everyone talks on discord", "chat tool", "Discord"),
    ("Our backend is hosted on DigitalOcean.", "cloud provider", "DigitalOcean"),
    ("Payments at the counter go through SumUp", "payments tool", "SumUp"),
    ("Our financial year begins in October.", "fiscal year start", "October"),
    ("Flagship product is Tidewise, a booking tool", "product", "Tidewise"),
    ("Unsere Zentrale ist in Graz.", "headquarters", "Graz"),
    ("Somos 14 empleados.", "head count", "14"),
])
def test_an_organization_attribute_is_a_fact_with_a_value(text, slot, value):
    e = extract(text)
    assert (e.kind, e.slot, e.value) == ("fact", slot, value)
    assert e.statement and e.probe["question"]


@pytest.mark.parametrize("text", [
    "We have three kids.",
    "We're a family of five people.",
    "Customer Hooli has 900 employees.",
    "One of our partners runs on Azure.",
    "A client in Leeds wants a refund after 90 days.",
    "I work at Adyen.",
    "The team lost 3 to 1 on Sunday.",
    "Returns to Lisbon for 2 weeks in May",
])
def test_a_family_a_customer_or_an_employer_is_no_organization_attribute(text):
    assert org_fact(text) is None


def test_a_support_time_range_is_one_value_however_written():
    assert hours_range("from 9 a.m. to 5 p.m.") == hours_range("9am-5pm") == hours_range("nine to five") == "9:00-17:00"
    assert hours_range("half past seven till half past three") == "7:30-15:30"
    assert hours_range("open at 9") is None


def test_two_values_spelled_alike_with_other_numbers_are_not_one_value():
    assert not _same_value(("fact", "refund window", "45 days"), ("fact", "refund window", "15 days"))
    assert _same_value(("fact", "city", "tallinn"), ("fact", "city", "talinn"))


@pytest.mark.parametrize("text,value", [
    ("Write in Australian English spelling please", "British"),
    ("Use EN-US conventions for all docs", "American"),
    ("Spell it 'favorite', never 'favourite', we're an American firm", "American"),
])
def test_spelling_variant_is_a_preference_slot(text, value):
    assert preference(text) == ("spelling", value)


def test_citing_the_policy_reference_and_closings_by_signature():
    assert preference("Please include the policy reference whenever you quote a rule") == ("citation", "policy number")
    e = extract("Signs all outgoing mail 'Cheers, the Pellet crew'")
    assert (e.kind, e.value) == ("closing", "Cheers, the Pellet crew")
    assert extract("We keep replies relaxed and write informally").value == "casual"


def test_an_acronym_or_code_beside_a_preference_names_no_one():
    """Two statements of one preference keep together though one says "QA questions" and the other "like DOC-7": an
    acronym or a code is no other person or place."""
    from memlora.distill.canonical import canonical
    from memlora.distill.consolidate import _same_key_compatible

    key = ("free", "citation", "policy number")
    a = canonical("Always quote the policy number when you answer QA questions.")
    b = canonical("When we ask about rules, give the policy number like DOC-7.")
    assert _same_key_compatible(a, b, key)
    assert not _same_key_compatible(canonical("Cite the policy number in letters to Galway"),
                                    canonical("Cite the policy number in letters to Sligo"), key)
