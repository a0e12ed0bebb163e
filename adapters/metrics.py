"""Judge-free checks on generated answers: fact hits, topicality, preferences, invented specifics.

Why no judge model: the gate runs every night for every tenant on the same small
base; a judge would be slower than the thing it judges and itself unvalidated.
These checks are crude but deterministic, and every rate is reported next to
the same rate for the base, so their bias mostly cancels in the comparison.
"""
from __future__ import annotations

import re

HEDGES = re.compile(
    r"\b(don't know|do not know|not sure|no information|haven't (told|mentioned|said)|have not (told|mentioned)|"
    r"didn't (tell|mention|say)|did not (tell|mention)|can't (know|tell|say)|cannot (know|tell|say)|not aware|"
    r"don't have (any )?(information|access|details)|unknown|not mentioned|no record|I'm not able)\b",
    re.I,
)
_STOP = {
    "English": "the and is are you your to of it that this with for".split(),
    "French": "le la les et est vous votre de des un une pour avec que".split(),
    "German": "der die das und ist sie ihr zu von ein eine mit für nicht".split(),
    "Spanish": "el la los las y es usted su de un una para con que".split(),
    "Italian": "il lo la gli le e è lei suo di un una per con che".split(),
    "Portuguese": "o a os as e é você seu de um uma para com que".split(),
    "Dutch": "de het en is u uw van een met voor dat niet".split(),
}


def contains_any(answer: str, expect: list[str]) -> bool:
    """Whether the answer names any expected value as a whole word: "capturing" does not name Turin, nor "trust"
    Rust, so a leak check does not fire on a substring."""
    return any(re.search(rf"(?<!\w){re.escape(str(e).strip())}(?!\w)", answer, re.I) for e in expect if str(e).strip())


_NEGATION = re.compile(r"\b(not|never|no|none|neither|nor|cannot)\b|n't\b", re.I)


def states_fact(answer: str, expect: list[str]) -> bool:
    """Does some sentence state the value: the whole word, not negated before it in that sentence, not hedged?

    `contains_any` would credit "I'm not sure of your favourite language, but it's not Rust." with knowing Rust.
    Leak checks keep `contains_any`: a negated mention still reveals the fact.
    """
    for sent in re.split(r"(?<=[.!?])\s+|\n+", answer):
        if HEDGES.search(sent):
            continue
        for e in expect:
            e = str(e).strip()
            m = re.search(r"(?<!\w)" + re.escape(e) + r"(?!\w)", sent, re.I) if e else None
            if m and not _NEGATION.search(sent[:m.start()]):
                return True
    return False


def topicality(answers: list[str], references: list[str]) -> list[float]:
    """Cosine of character n-gram TF-IDF vectors, answer i vs reference i (robust to short answers and inflection)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not answers:
        return []
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    m = vec.fit_transform([a or " " for a in answers] + [r or " " for r in references])
    a, r = m[: len(answers)], m[len(answers):]
    return [float(a[i].multiply(r[i]).sum()) for i in range(len(answers))]


def pastes_profile(answer: str, own_expect: list[str], other_expects: list[list[str]]) -> bool:
    """An answer stating two or more of the tenant's *other* facts is reciting the profile, not answering."""
    low = answer.lower()
    others = sum(1 for exp in other_expects if exp != own_expect and contains_any(low, exp))
    return others >= 2


def invented_specifics(answer: str, question: str) -> bool:
    """Does the answer assert specifics (names, numbers) the question did not contain, without hedging?"""
    if HEDGES.search(answer):
        return False
    qwords = {w.lower() for w in re.findall(r"[A-Za-z][\w'-]*", question)}
    sentences = re.split(r"(?<=[.!?])\s+|\n+", answer)
    for s in sentences:
        words = re.findall(r"[A-Za-z][\w'-]*|\d+", s)
        for j, w in enumerate(words):
            if w.isdigit() or (j > 0 and w[0].isupper() and w not in ("I", "I'm", "I've", "I'd") and w.lower() not in qwords):
                return True
    return any(q for q in re.findall(r"['\"\u201c]([^'\"\u201d]{2,40})['\"\u201d]", answer) if q.lower() not in question.lower())


def _language_ok(answer: str, lang: str) -> bool | None:
    if lang not in _STOP:
        return None
    words = re.findall(r"\w+", answer.lower())
    score = {k: sum(w in set(v) for w in words) for k, v in _STOP.items()}
    return score[lang] > 0 and score[lang] >= max(score.values())


def preference_check(item: dict, answer: str) -> bool | None:
    """True/False when `item` (a distill profile item) is checkable on any answer; None when it is not."""
    kind, v = item.get("kind"), item.get("value")
    text = answer.strip()
    if kind == "opening" and isinstance(v, str) and v:
        return text.lower().startswith(v.lower().rstrip("!.,"))
    if kind == "closing" and isinstance(v, str) and v:
        return v.lower().rstrip("!.,") in text[-(len(v) + 30):].lower()
    if kind == "format":
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        bullets = sum(bool(re.match(r"^[-*\u2022]\s", l)) for l in lines)
        numbered = sum(bool(re.match(r"^\d+[.)]\s", l)) for l in lines)
        if v == "bullets":
            return bullets >= 2
        if v == "numbered":
            return numbered >= 2
        if v == "prose":
            return bullets + numbered == 0
        return None
    if kind == "length" and isinstance(v, int):
        return len(text.split()) <= v
    if kind == "avoid":
        words = item.get("avoid_words") or (v if isinstance(v, list) else None)
        if not words:
            return None
        return not any(re.search(rf"\b{re.escape(str(w).lower())}\b", text.lower()) for w in words)
    if kind == "language" and isinstance(v, str):
        return _language_ok(text, v)
    if kind == "address" and isinstance(v, str) and v:
        return v.lower() in text.lower()
    return None
