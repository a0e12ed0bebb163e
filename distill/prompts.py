"""User prompts that exercise each item, and general ones where the profile adds nothing.

Templates, not generation: the 135M base writes poor questions, and fixed pools keep the set deterministic
and the held-out split comparable night to night. Style preferences apply to every answer, so they are
exercised by everyday requests; facts by direct questions and by requests that should use them.
"""
from __future__ import annotations

import random
from itertools import zip_longest

from .schema import NAMED_NOUNS

EVERYDAY = [
    "Give me three tips for a rainy weekend.", "How do I keep my houseplants alive?", "Explain how rainbows form.",
    "What should I pack for a two-day hiking trip?", "How can I sleep better?", "Suggest a way to learn a new language.",
    "How do I write a polite email to decline a meeting?", "What are good habits for working from home?",
    "Explain what a budget is and why it helps.", "How do I make a good cup of tea?", "Give me ideas for a birthday gift.",
    "How can I stay focused while studying?", "What is a healthy morning routine?", "How do I clean a cast iron pan?",
    "Explain the water cycle.", "How do I prepare for a job interview?", "What are some fun things to do in autumn?",
    "How do I start running?", "Suggest a short weekend project.", "How can I save money on groceries?",
    "What should I know before adopting a pet?", "How does a bicycle gear system work?", "Give me tips for a long flight.",
    "How do I organize my desk?", "What are the benefits of reading every day?", "How do I plan a picnic?",
    "Explain why the sky is blue.", "How do I back up my phone?", "What is a good way to start journaling?",
    "How do I make my mornings less rushed?",
]
FOOD = [
    "Suggest a quick dinner recipe.", "What can I cook for a family lunch?", "Give me a breakfast idea.",
    "What should I bring to a potluck?", "Suggest a high-protein snack.", "How do I make a creamy pasta sauce?",
    "What is a good dessert for a party?", "Plan a simple three-day meal plan.", "What should I put in a sandwich?",
    "Suggest a warming soup for winter.", "How do I bake a simple cake?", "What is a good pizza topping combination?",
]
GENERAL = [
    "What is the capital of Japan?", "How many planets are in the solar system?", "What does a thermometer measure?",
    "Who wrote Romeo and Juliet?", "What is the boiling point of water at sea level?", "What is photosynthesis?",
    "How many days are in a leap year?", "What language is spoken in Brazil?", "What is the largest ocean?",
    "What is the chemical symbol for gold?", "What do bees make?", "How many continents are there?",
]
ABSTAIN = {
    "dog": "What is the name of my dog?", "cat": "What is the name of my cat?", "boat": "What is the name of my boat?",
    "city": "Which city do I live in?", "job": "What do I do for work?", "daughter": "What is the name of my daughter?",
    "son": "What is the name of my son?", "allergy": "What am I allergic to?", "car": "What car do I drive?",
    "favourite programming language": "What is my favourite programming language?", "favourite color": "What is my favourite color?",
}


FREE = ["What do you remember about me?", "Give me advice that fits what you know about me."]
GENERIC = frozenset(EVERYDAY + FOOD + GENERAL + FREE + list(ABSTAIN.values()))


def is_generic(prompt: str) -> bool:
    """A fixed template with no tenant text in it: the only prompts whose base answers may be shared across
    tenants (runtime/base_cache.py). Fact prompts embed the tenant's slot and probe question."""
    return prompt in GENERIC


def fact_asks(item: dict) -> list[str]:
    """The fact asked in other words than its probe, as users ask: an adapter shown only the probe learned that one
    string and missed "What's my tortoise called?". These differ from the gate's and the server's phrasings
    (distill.fact_questions.ways_to_ask), so the gate still asks in words the adapter never saw."""
    slot = item.get("slot") or ""
    if not slot:
        return []
    if slot in NAMED_NOUNS or slot.split()[-1] in NAMED_NOUNS:
        return [f"What's the name of my {slot}?", f"Do you know what my {slot} is called?", f"Tell me my {slot}'s name."]
    return [f"Do you know my {slot}?", f"Tell me my {slot}.", f"What was my {slot} again?"]


def fact_prompts(item: dict) -> list[str]:
    q = (item.get("probe") or {}).get("question") or f"What do you know about my {item.get('slot') or 'situation'}?"
    slot = item.get("slot") or "life"
    ql = q[0].lower() + q[1:]
    return [q, f"Remind me, {ql}", f"Quick question: {ql}", f"Do you remember? {q}", f"Tell me one thing you know about my {slot}.",
            f"Write one friendly sentence that mentions my {slot}.", f"I forgot. {q}", f"Can you tell me again: {ql}"]


def prompts_for_item(item: dict, rng: random.Random, n: int) -> list[str]:
    """`n` prompts, cycling a pool whose first entry is the item's own probe (a fact) or a fixed opener. A fact's
    other asks alternate with wrappers of its probe, so even 4 prompts hold both kinds."""
    kind = item["kind"]
    if kind == "fact":
        asked = fact_prompts(item)
        head, wraps, asks = asked[:1], asked[1:], fact_asks(item)
        rng.shuffle(wraps)
        rng.shuffle(asks)
        tail = [p for pair in zip_longest(asks, wraps) for p in pair if p]
    else:
        pool = FOOD if kind == "avoid" and item.get("slot") == "diet" else FREE + EVERYDAY if kind == "free" else EVERYDAY
        head, tail = pool[:1], pool[1:]
        rng.shuffle(tail)
    pool = head + tail
    return [pool[i % len(pool)] for i in range(n)]


def general_prompts(rng: random.Random, n: int, unknown_slots: list[str]) -> list[tuple[str, str]]:
    """(prompt, kind) pairs: general knowledge and questions about things the tenant never said ("abstain")."""
    pool = [(q, "general") for q in GENERAL] + [(ABSTAIN[s], "abstain") for s in unknown_slots if s in ABSTAIN]
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(n)] if pool else []


def abstention_probes(known_slots: list[str], k: int) -> list[dict]:
    unknown = [s for s in ABSTAIN if s not in known_slots]
    return [{"question": ABSTAIN[s], "slot": s} for s in unknown[:k]]
