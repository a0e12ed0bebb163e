"""The machine checks of the coverage set's labels (tests/data/coverage/labels.json), one per check type.

Each check answers "does this one answer follow this one item?" so a compliance rate is a plain count. Written by
hand: the checks are a few lines each and must stay deterministic and dependency-free; the language check is a
stop-word vote (no language-identification package is installed, and the target languages' function words are
unmistakable in any answer long enough to matter).
"""
from __future__ import annotations

import math
import re

from memlora.adapters.metrics import states_fact

STOPWORDS = {
    "en": "the and is are you your to of in it that for with this be on have can what",
    "fr": "le la les et est sont vous tu de des un une pour avec que qui dans pas ce au du je",
    "de": "der die das und ist sind sie du ein eine nicht mit für auf zu den dem ich auch es",
    "es": "el la los las y es son usted tu de un una para con que en por del al lo se no",
    "it": "il lo la gli le e è sono di un una per con che non del della nel si ti",
    "pt": "o a os as e é são você de um uma para com que não do da no na em se",
}
_STOP = {lang: set(words.split()) for lang, words in STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_BULLET = re.compile(r"^\s*[-*•]\s+\S", re.M)
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+\S", re.M)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def language_of(text: str) -> str | None:
    """The language whose function words the text uses most; None for text too short to tell."""
    toks = [w.lower() for w in words(text)]
    votes = {lang: sum(t in stop for t in toks) for lang, stop in _STOP.items()}
    lang, n = max(votes.items(), key=lambda kv: kv[1])
    return lang if n >= 2 else None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def passes(check: dict, answer: str) -> bool:
    """Does `answer` follow the item whose check this is? (recall: states the fact; the rest: the style)"""
    t, a = check["type"], answer or ""
    if t == "starts_with":
        return _norm(a).startswith(_norm(check["text"]))
    if t == "ends_with":
        return _norm(a).endswith(_norm(check["text"]))
    if t == "bullets":
        return len(_BULLET.findall(a)) >= 2
    if t == "numbered":
        return len(_NUMBERED.findall(a)) >= 2
    if t == "max_words":
        return 0 < len(words(a)) <= int(check["n"])
    if t == "avoid_words":
        return bool(a.strip()) and not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", a, re.I) for w in check["words"])
    if t == "contains":
        return re.search(rf"(?<!\w){re.escape(check['text'])}(?!\w)", a, re.I) is not None
    if t == "language":
        return language_of(a) == check["lang"]
    if t == "regex":
        hit = re.search(check["pattern"], a, re.I) is not None
        return hit and not (check.get("absent") and re.search(check["absent"], a, re.I))
    if t == "recall":
        return states_fact(a, check["expect"])
    raise ValueError(f"labels: unknown check type {t!r}")


def leaks(answer: str, question: str, other_values: list[list[str]], base: str = "") -> list[str]:
    """Another tenant's fact values named in this answer. A value the question names does not count, nor one the
    base names in its own answer to the same question: the base knows no tenant, so there the value is the word
    itself ("Mochi" as a festive dish), not another tenant's cat."""
    return [v[0] for v in other_values if _names(answer, v) and not _names(question, v) and not _names(base, v)]


def _names(text: str, values: list[str]) -> bool:
    """Whole words, negated or not (a denial still reveals the value); a substring is not a leak ("capturing"
    holds "turin")."""
    return any(re.search(rf"(?<!\w){re.escape(str(v))}(?!\w)", text, re.I) for v in values if str(v).strip())


def wilson(k: int, n: int, z: float = 1.645) -> tuple[float, float]:
    """Wilson score interval (90% by default, the gate's rule) for k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(max(0.0, c - h), 3), round(min(1.0, c + h), 3))
