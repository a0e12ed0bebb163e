"""Which of a tenant's facts a chat question asks for, so the answer can be the fact's constructed statement.

Why: the teacher answers a direct question about a fact with the fact's second-person statement ("Your cat is
named Miso."), because a 135M model with the fact in its prompt names it about half the time and invents a
value otherwise. A fact the adapter does not carry is served from the residual prompt, where the base does the
same; the server builds the answer as the teacher does, and only when the question asks for that fact.

How a question is matched, and why each part: e5 (the multilingual model grouping already uses, so questions in
the tenant's language match) compares the question with a few ways of asking for the fact, built from its slot
and probe question, and with ways of asking *about the topic* without asking for the fact ("What should I get my
brother?", "How do I care for my dog?"): the fact must win by `MARGIN`. A question must also speak of the user
(a first-person word in one of the languages below): "How long do dogs live?" sits as close to "How old is my
dog?" as a real paraphrase does, and no threshold separates the two without it. On the calibration set in
tests/data/fact_questions (24 facts, 89 questions asking for them in seven languages, about 500 that do not) the
bars below select 91% of the asking questions and 1 of the others (held-out: 90%, 1 of 246); a miss costs what serving cost before (the
model's own answer), a false match costs an answer to another question, so the bars favour precision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from . import embed
from .schema import NAMED_NOUNS

ASK_MIN = 0.885  # e5 query cosine of the question to the nearest way of asking for the fact
MARGIN = 0.0  # ... above the nearest way of asking about the topic without asking for the fact

# Words by which a question speaks of the asker, in the languages memory comes in most (English, the Romance and
# Germanic languages, then the others the languages table names). Lower case, whole words.
_FIRST_PERSON = frozenset("""
i me my mine myself
je j moi mon ma mes ich mich mir mein meine meinen meinem meiner meines
yo mi mis mío mía io mio mia miei mie eu meu minha meus minhas jo meva meus
ik mij mijn jag mig min mitt mina jeg meg mine minun minä minulla minulle minua
ja mnie mój moja moje mam я мне меня мой моя моё мои
ben benim bana beni tôi mình 나 내 제 저 나의 私 僕 俺 我 我的
أنا لي اسمي عندي मेरा मेरी मेरे मैं मुझे ฉัน ผม ของฉัน εγώ μου μένα
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # "I'm" -> i, m; "j'ai" -> j, ai
_SCRIPT_FIRST = ("我", "私", "僕", "내", "제", "ฉัน", "ผม")  # scripts without spaces: a substring is the word


@dataclass(frozen=True)
class Fact:
    """A fact as the server knows it from a residual: its constructed statement and what identifies it."""

    id: str
    slot: str
    value: str
    statement: str
    question: str


@dataclass(frozen=True)
class FactMatcher:
    """The ways of asking for each fact and about its topic, embedded once per adapter version."""

    facts: tuple[Fact, ...]
    asks: tuple[np.ndarray, ...]  # per fact: (k, d) query vectors
    topics: tuple[np.ndarray, ...]


def speaks_of_user(question: str) -> bool:
    words = {w.lower() for w in _WORD.findall(question)}
    return bool(words & _FIRST_PERSON) or any(c in question for c in _SCRIPT_FIRST)


def ways_to_ask(f: Fact) -> list[str]:
    """The fact's probe and a few templates from its slot: e5 places a paraphrase nearer the nearest of several
    phrasings than any single one."""
    out = [f.question] if f.question else []
    noun = f.slot.split()[-1] if f.slot else ""
    if f.slot in NAMED_NOUNS or noun in NAMED_NOUNS:
        out += [f"What is my {f.slot} called?", f"What's my {f.slot}'s name?", f"Who is my {f.slot}?",
                f"Remind me of my {f.slot}'s name."]
    elif f.slot:
        out += [f"What's my {f.slot}?", f"Remind me of my {f.slot}."]
    if f.value and f.value in f.statement:
        out.append("Do you remember: " + f.statement.replace(f.value, "what").rstrip(".") + "?")
    return out or [f.statement]


def ways_to_ask_about(f: Fact) -> list[str]:
    """Questions on the fact's topic that the fact does not answer: advice, gifts, general knowledge."""
    n = (f.slot.split()[-1] if f.slot else "") or "it"
    return [f"How do I take care of my {n}?", f"What should I get my {n}?", f"How can I help my {n}?",
            f"Tell me about {n}s in general.", f"What is a good name for a {n}?"]


def matcher(facts: list[Fact]) -> FactMatcher | None:
    """None without facts or without the embedding model (then no question is answered by construction)."""
    facts = [f for f in facts if f.statement]
    if not facts or not embed.available():
        return None
    return FactMatcher(tuple(facts), tuple(embed.query_vectors(ways_to_ask(f)) for f in facts),
                       tuple(embed.query_vectors(ways_to_ask_about(f)) for f in facts))


def asked(m: FactMatcher | None, question: str) -> Fact | None:
    """The fact `question` asks for, or None: the best fact must clear `ASK_MIN` and beat its topic by `MARGIN`."""
    if m is None or not question.strip() or not speaks_of_user(question):
        return None
    q = embed.query_vectors([question])[0]
    scores = [(float((a @ q).max()), float((t @ q).max())) for a, t in zip(m.asks, m.topics)]
    best = max(range(len(scores)), key=lambda i: scores[i][0])
    ask, topic = scores[best]
    return m.facts[best] if ask >= ASK_MIN and ask - topic >= MARGIN else None
