"""Judge-free checks on an answer: does it comply with an item, stay on topic, and read fluently?

Compliance alone is gameable (paste the profile's words anywhere), so every kept answer must also stay on
the question's topic and not loop. On-topic is lexical (TF-IDF char n-grams, the same family of features
consolidation uses; no second model to load): the answer's own words (forced opening/closing removed)
must resemble the question or the base's own answer to it. Fluency is scored by the caller with the base
model (per-token log-likelihood without the profile) because that needs the model.
"""
from __future__ import annotations

import re

from .schema import avoid_words

STOP = frozenset("""a an the and or but if of to in on at for with by from as is are was were be been being it its this that these
those i you he she they we me my your his her their our what which who whom how why when where do does did can could should
would will shall may might must not no yes please just about into over under than then so such very too also only own same
up down out off again further once here there all any both each few more most other some nor am have has had having""".split())


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text)


def content_words(text: str) -> set[str]:
    return {w.lower() for w in words(text) if w.lower() not in STOP and len(w) > 2}


def strip_forced(answer: str, opening: str | None, closing: str | None) -> str:
    a = answer.strip()
    if opening and a.startswith(opening):
        a = a[len(opening):]
    if closing and a.rstrip().endswith(closing):
        a = a.rstrip()[: -len(closing)]
    return a.strip()


def loops(text: str, n: int = 3, max_ratio: float = 0.5) -> bool:
    """True when the answer repeats itself: few distinct word n-grams, or one sentence many times."""
    w = [x.lower() for x in words(text)]
    if len(w) >= 12:
        grams = [tuple(w[i:i + n]) for i in range(len(w) - n + 1)]
        if len(set(grams)) / len(grams) < max_ratio:
            return True
    sents = [s.strip().lower() for s in re.split(r"[.!?\n]+", text) if len(s.strip()) > 8]
    return len(sents) >= 3 and len(set(sents)) <= len(sents) / 2


def similarity(a: str, b: str) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not a.strip() or not b.strip():
        return 0.0
    try:
        X = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform([a.lower(), b.lower()])
    except ValueError:
        return 0.0
    return float((X[0] @ X[1].T).toarray()[0, 0])


def on_topic(answer_content: str, question: str, reference: str | None, threshold: float, expect: list[str] | None = None) -> bool:
    """Shares content with the question (or with the base's own answer); a recalled fact counts for its own question."""
    if not answer_content.strip() or loops(answer_content):
        return False
    if expect and any(e.lower() in answer_content.lower() for e in expect):
        return True
    if content_words(answer_content) & content_words(question):
        return True
    sims = [similarity(answer_content, question)]
    if reference:
        sims.append(similarity(answer_content, reference))
    return max(sims) >= threshold


def complies(item: dict, answer: str) -> bool | None:
    """Whether `answer` satisfies one profile item; None when the kind cannot be checked judge-free."""
    kind, v = item["kind"], item.get("value")
    a = answer.strip()
    if kind == "opening":
        return a.startswith(str(v))
    if kind == "closing":
        return a.endswith(str(v))
    if kind == "format":
        lines = [l for l in a.splitlines() if l.strip()]
        bullets = [l for l in lines if re.match(r"\s*([-*\u2022]|\d+[.)])\s+", l)]
        if v == "prose":
            return not bullets
        return len(bullets) >= 1 and len(bullets) >= len(lines) - 2
    if kind == "length":
        return len(words(a)) <= int(v)
    if kind == "avoid":
        bad = avoid_words("avoid", item.get("slot", ""), v)
        low = a.lower()
        return not any(re.search(rf"\b{re.escape(b.lower())}\b", low) for b in bad)
    if kind == "address":
        return str(v).lower() in a.lower()
    if kind == "fact":
        exp = (item.get("probe") or {}).get("expect") or [str(v)]
        return any(e.lower() in a.lower() for e in exp)
    if kind == "free":
        names = {w.lower() for w in item.get("names", [])}
        return bool((content_words(item["text"]) - names) & content_words(a))
    return None


def stems(text: str) -> set[str]:
    """Content words cut to five letters: "vegetables" and "vegetable", "onion" and "onions" meet (truncation
    stemming: no language data, and a restyled answer rarely changes more than a word's ending)."""
    return {w[:5] for w in content_words(text)}


def keeps_content(answer: str, reference: str, prompt: str, min_recall: float, min_length: float,
                  max_words: int | None = None) -> bool:
    """The answer keeps the substance of `reference` (the base's own answer to `prompt`): at least `min_recall`
    of the reference's salient words (content words the prompt does not already name; judged only when it has
    four or more), and at least `min_length` of its length in words, or of `max_words` when the user asked for
    answers that short. A restyle (bullets, another opening, a closing line) keeps both; a greeting that echoes
    the prompt ("Great to hear from you. Here's a quick dinner recipe idea!") keeps neither, though its overall
    char n-gram similarity to the reference can pass."""
    salient = stems(reference) - stems(prompt)
    if min_recall > 0 and len(salient) >= 4 and len(salient & stems(answer)) / len(salient) < min_recall:
        return False
    floor = min_length * len(words(reference))
    if max_words:
        floor = min(floor, min_length * max_words)
    return len(words(answer)) >= floor
