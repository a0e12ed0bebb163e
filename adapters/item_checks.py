"""Measuring each selected item for the per-item gate: its held-out prompts, its check, its four columns.

Style items (opening, closing, format, length, avoid, language, address) apply to every answer, so they are
checked on everyday requests (food requests for a diet); a fact is checked on paraphrases of its probe
question. All prompts of all items are answered in one batch per column, so the cost is one generation pass
over the distinct prompts, not one per item. The teacher column reads the answers distill's teacher wrote
(validation split first, then training): that is what the adapter was shown, and re-running the guided
teacher here would cost more than the rest of the gate; an item without teacher answers is compared to the
prompted base instead (`teacher_source` says which).
"""
from __future__ import annotations

from itertools import zip_longest

from memlora.distill.fact_questions import Fact, ways_to_ask
from memlora.distill.profile import item_line

from . import data as D
from . import metrics as M
from .item_gate import UNCHECKED, ItemResult, decide

EVERYDAY = [
    "How do I choose a good pair of walking shoes?", "What is a simple way to start meditating?",
    "How can I make my small kitchen feel bigger?", "Give me tips for a first camping trip.",
    "How do I keep a conversation going at a party?", "What should I do on a slow Sunday afternoon?",
    "How can I remember people's names better?", "How do I set up a simple weekly cleaning plan?",
    "What makes a good presentation?", "How do I care for a new bicycle?", "Suggest a way to unwind after work.",
    "How can I drink more water during the day?", "What are good ways to spend a long train ride?",
    "How do I start a small herb garden?", "Give me ideas for a quiet evening at home.",
    "How can I be more punctual?", "What should I check before a road trip?", "How do I write a thank-you note?",
    "How can I make a long walk more interesting?", "What is a good way to learn to draw?",
    "How do I pick a book to read next?", "Give me advice for a rainy commute.",
    "How can I keep my inbox under control?", "What is a good stretch routine for the morning?",
]
FOOD = [
    "What can I make with rice and vegetables?", "Suggest a filling lunch for a busy day.",
    "What is a good side dish for a dinner party?", "Give me an idea for a picnic basket.",
    "What should I cook on a cold evening?", "Suggest a snack for a long hike.",
    "What can I bake for a friend's birthday?", "Give me a recipe for a simple salad.",
    "What is a good dish to cook in one pot?", "What should I order for a group dinner?",
    "Suggest a weekend brunch menu.", "What can I make for a quick school lunch?",
    "What is a good filling for tacos?", "Suggest a light summer dinner.",
]
FACT_ASKS = ["{q}", "Can you remind me: {ql}", "Quick check, {ql}", "Do you happen to know {ql}", "Let me test you: {ql}",
             "Answer briefly: {ql}", "One more time, {ql}", "I want to check something. {q}", "Tell me straight: {ql}",
             "Before I forget, {ql}", "Help me out here: {ql}", "From what I told you, {ql}"]
MIN_FACT_QUESTIONS = 4


def _value(v) -> str:
    return ", ".join(map(str, v)) if isinstance(v, list) else str(v if v is not None else "")


def checkable(item: dict) -> dict | None:
    """The item as `preference_check`/fact recall take it, or None when no judge-free check exists."""
    if item.get("kind") == "fact":
        probe = item.get("probe") or {}
        return item if probe.get("question") and probe.get("expect") else None
    if item.get("kind") == "free":
        return None
    return item if M.preference_check(item, "a") is not None else None


def prompts_for(item: dict, seen: set[str], n: int) -> list[str]:
    """Up to `n` held-out prompts (at least MIN_FACT_QUESTIONS for a fact), none a training prompt. A fact is asked
    in other words first (the slot's own phrasings, as a user asks), then by its probe in other wrappers: every
    training prompt contains the probe, so an adapter that learned only that string passed on wrappers alone,
    was marked carried, and then missed "What's my tortoise called?" in serving, where a residual fact is answered."""
    if item["kind"] == "fact":
        q = item["probe"]["question"].strip()
        fact = Fact(str(item.get("id", "")), str(item.get("slot") or ""), _value(item.get("value")),
                    str(item.get("statement") or ""), q)
        wrapped = [f.format(q=q, ql=q[0].lower() + q[1:]) for f in FACT_ASKS]
        pool = [a for pair in zip_longest(ways_to_ask(fact)[1:], wrapped) for a in pair if a]
        n = max(n, MIN_FACT_QUESTIONS)
    else:
        pool = FOOD if item["kind"] == "avoid" and item.get("slot") == "diet" else EVERYDAY
    return [p for p in dict.fromkeys(pool) if p not in seen][:n]


def _complies(item: dict, answers: list[str], others: list[list[str]]) -> list[bool]:
    """Per answer: the style check, or for a fact the recall rule: stated (whole word, not negated, not hedged)
    and not reciting the profile (two or more of the tenant's other facts). A fact stated in answer to a question
    about it is on topic by definition (distill's on-topic rule says the same): a TF-IDF topicality over a batch
    of near-identical correct answers ("Your cat is named Miso.") gives their shared words no weight and failed
    them, so it is not used here."""
    if item["kind"] != "fact":
        return [bool(M.preference_check(item, a)) for a in answers]
    expect = item["probe"]["expect"]
    return [M.states_fact(a, expect) and not M.pastes_profile(a, expect, others) for a in answers]


def _teacher_rows(item: dict, rows: list[dict], n: int) -> list[dict]:
    own = [r for r in rows if r.get("item_id") == item["id"]]
    other = [] if item["kind"] == "fact" else [r for r in rows if r.get("item_id") != item["id"] and r.get("kind") != "abstain"]
    return (own + other)[: max(n, 1) * 2]


def _with_words(item: dict, banned: list[str] | None) -> dict:
    """A word-avoid item is checked on the words the teacher banned (its value may be the sentence)."""
    if item.get("kind") == "avoid" and isinstance(item.get("value"), str) and banned:
        return {**item, "avoid_words": banned}
    return item


def _score(item: dict, r: ItemResult, prompts: list[str], answers: dict, at: dict, rows: list[dict],
           others: list[list[str]]) -> None:
    cols = {c: [answers[c][at[p]] for p in prompts] for c in ("base", "profile", "adapter")}
    for c, ans in cols.items():
        r.hits[c] = sum(_complies(item, ans, others))
    teacher = _teacher_rows(item, rows, len(prompts))
    if teacher:
        r.hits["teacher"] = sum(_complies(item, [t["response"] for t in teacher], others))
        r.teacher_n, r.teacher_source = len(teacher), "teacher data"
    else:
        r.hits["teacher"], r.teacher_n, r.teacher_source = r.hits["profile"], len(prompts), "prompted base"
    r.n = len(prompts)
    r.rates = {c: r.hits[c] / (r.teacher_n if c == "teacher" else r.n) for c in ("base", "profile", "teacher", "adapter")}


def measure_items(ask, data: D.TenantData, g) -> tuple[list[ItemResult], list[dict]]:
    """Every selected item's result (profile order), and a few answers per item to read."""
    seen = {r["prompt"] for split in (data.train, data.validation) if split is not None for r in split}
    banned = (data.meta.get("generation") or {}).get("banned_words")
    rows = [dict(r) for split in (data.validation, data.train) if split is not None for r in split]
    others = [it["probe"]["expect"] for it in data.profile.get("items", []) if (it.get("probe") or {}).get("expect")]
    plans = []
    for it in data.profile.get("items", []):
        chk = checkable(_with_words(it, banned))
        res = ItemResult(id=str(it.get("id", "")), kind=str(it.get("kind", "")), value=_value(it.get("value")),
                         text=str(it.get("text", "")), line=item_line(it.get("kind", ""), it.get("value"), it.get("slot", ""), str(it.get("text", ""))),
                         required=it.get("kind") in g.required_kinds, slot=str(it.get("slot") or ""),
                         statement=str(it.get("statement") or ""), question=str((it.get("probe") or {}).get("question") or ""))
        plans.append((chk, res, prompts_for(chk, seen, g.item_prompts) if chk else []))
    distinct = list(dict.fromkeys(p for _, _, ps in plans for p in ps))
    answers = ask(distinct)
    at = {p: i for i, p in enumerate(distinct)}
    samples = []
    for chk, res, prompts in plans:
        if prompts:
            _score(chk, res, prompts, answers, at, rows, others)
            samples += [{"item": res.id, "prompt": p, **{c: answers[c][at[p]] for c in ("base", "profile", "adapter")}}
                        for p in prompts[:2]]
        res.verdict, res.why = decide(res, g.teacher_min, g.carry_margin)
        if res.verdict == UNCHECKED and not prompts:
            res.why = ("free-form: no judge-free check" if res.kind == "free" else "every held-out prompt is a training prompt"
                       if chk else "no judge-free check for this value")
    return [r for _, r, _ in plans], samples
