"""Group one tenant's near-duplicate statements into memory items.

Method, and why: two signals, both linear in the number of records.
1. Schema keys. Most statements worth training on are preferences and facts with an enforceable value
   (`schema.extract`): same kind, slot and value means the same item whatever the wording, so
   "Vera is vegan" and "No animal products for Vera, please" group although they share no word.
2. Lexical similarity for the rest (`free`): TF-IDF over character 3-5-grams (robust to inflection and
   typos) concatenated with word uni/bigrams (stop words removed), cosine >= `similarity_threshold`,
   joined transitively (union-find). The tenant's own name is masked first, else every pair of one
   tenant's statements looks alike.
A similarity alone groups opposites ("likes bullet points" / "hates bullet points": cosine ~0.8), so a link
also needs the same polarity (negation words) and no contrasting key term (vegan/vegetarian, different
numbers or quoted phrases); these guards are what the labelled hard negatives in
tests/data/grouping_pairs.jsonl check. Rejected alternative: all-MiniLM-L6-v2 sentence embeddings
(measured here: ~100 sentences/s on 2 shared cores plus a 10 s load, 1000 s for 100k records; and it rates
"vegan"/"vegetarian" 0.92 similar, so it needs the same guards anyway).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

import numpy as np

from .records import Record
from .schema import Extract, extract

CONTRAST_FAMILIES = [
    {"vegan", "vegetarian", "pescatarian", "keto", "paleo", "halal", "kosher", "omnivore"},
    {"morning", "evening", "night", "afternoon"},
    {"formal", "casual", "informal"},
    {"short", "long", "brief", "detailed"},
    {"cats", "cat", "dogs", "dog"},
    {"tea", "coffee"},
    {"email", "phone", "text", "slack"},
]
_NUM = re.compile(r"\b\d+(?:\.\d+)?\b")
_QUOTE = re.compile(r"['\"\u201c]([^'\"\u201d]{1,80})['\"\u201d]")
_NEG = re.compile(r"\b(no|not|never|don't|doesn't|dont|hates?|dislikes?|avoids?|without|can't|cannot|won't|stop)\b|n't\b", re.I)
_PRONOUNS = re.compile(r"\b(he|she|they|his|her|their|him|them|user|the user)\b", re.I)


@dataclass
class Group:
    records: list[Record]
    extract: Extract
    key: tuple = field(default_factory=tuple)


@lru_cache(maxsize=65536)
def _display_names(tenant: str) -> tuple[str, ...]:
    base = re.split(r"[@/\s]", tenant.strip())[0]
    parts = [p for p in re.split(r"[._\-+]", base) if len(p) > 1]
    return tuple(sorted({p.lower() for p in parts + [base] if p}))


def display_names(tenant: str) -> list[str]:
    """Names a memory layer uses for this tenant: `bob@example.com` -> ["bob", "bob@example.com"... base part]."""
    return list(_display_names(tenant))


@lru_cache(maxsize=65536)  # one per tenant: a smaller cache thrashes on a 10k-tenant export
def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:'s)?\b", re.I)


def mask(text: str, names: list[str]) -> str:
    t = _name_pattern(tuple(names)).sub(" ", text) if names else text
    return _PRONOUNS.sub(" ", t)


def polarity(text: str) -> int:
    return -1 if _NEG.search(text) else 1


def key_terms(text: str) -> frozenset:
    low = text.lower()
    words = set(re.findall(r"[a-z]+", low))
    terms = {w for fam in CONTRAST_FAMILIES for w in fam if w in words}
    terms |= set(_NUM.findall(low))
    terms |= {q.strip().lower() for q in _QUOTE.findall(text)}
    return frozenset(terms)


def compatible(a: str, b: str) -> bool:
    """The guard on a lexical link: same polarity and no contrasting key term."""
    if polarity(a) != polarity(b):
        return False
    ka, kb = key_terms(a), key_terms(b)
    for fam in CONTRAST_FAMILIES:
        fa, fb = ka & fam, kb & fam
        if fa and fb and fa != fb:
            return False
    qa, qb = {t for t in ka if not any(t in f for f in CONTRAST_FAMILIES)}, {t for t in kb if not any(t in f for f in CONTRAST_FAMILIES)}
    if qa and qb and not (qa & qb):
        return False
    return True


def make_vectorizer():
    """Char n-grams + words; fitted once on all texts of a run (IDF over the whole corpus)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True, dtype=np.float32)),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), stop_words="english", sublinear_tf=True, dtype=np.float32)),
    ])


def _normalize_rows(X):
    from sklearn.preprocessing import normalize

    return normalize(X, norm="l2", copy=False)


class _UnionFind:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def link_free(texts: list[str], X, threshold: float) -> list[int]:
    """Union-find labels for texts whose rows in X (L2-normalized) are similar and compatible."""
    n = len(texts)
    uf = _UnionFind(n)
    if n > 1:
        S = (X @ X.T).tocoo()
        for i, j, v in zip(S.row, S.col, S.data):
            if i < j and v >= threshold and compatible(texts[i], texts[j]):
                uf.union(int(i), int(j))
    return [uf.find(i) for i in range(n)]


def _structured_key(e: Extract) -> tuple | None:
    if e.kind == "free":
        return None
    v = e.value
    canon = ",".join(sorted(str(x).lower() for x in v)) if isinstance(v, list) else str(v).strip().lower().rstrip(".!")
    return (e.kind, e.slot, canon)


def group_tenant(records: list[Record], X_free, threshold: float, extracts: list[Extract] | None = None) -> list[Group]:
    """Groups for one tenant; `X_free` holds normalized feature rows of the records whose kind is `free`, in order."""
    extracts = extracts if extracts is not None else [extract(r.text, r.kind) for r in records]
    groups: dict[tuple, list[int]] = {}
    free_idx = []
    for i, e in enumerate(extracts):
        k = _structured_key(e)
        if k is None:
            free_idx.append(i)
        else:
            groups.setdefault(k, []).append(i)
    if free_idx:
        names = display_names(records[0].tenant)
        texts = [mask(records[i].text, names) for i in free_idx]
        labels = link_free(texts, X_free, threshold)
        for lab, i in zip(labels, free_idx):
            groups.setdefault(("free", "", f"#{free_idx[lab]}"), []).append(i)
    out = []
    for key, idx in groups.items():
        recs = [records[i] for i in idx]
        first = min(idx, key=lambda i: _order(records[i]))
        out.append(Group(recs, extracts[first], key))
    return out


def _order(r: Record) -> tuple:
    """Earliest first; undated records after dated ones; ties by id, so the choice is deterministic."""
    return (r.created_at is None, r.created_at.timestamp() if r.created_at else 0.0, r.id)


def consolidate(records: list[Record], threshold: float = 0.5) -> dict[str, list[Group]]:
    """All tenants' groups; one vectorizer fit over the run, pairwise work only within a tenant."""
    order = sorted(range(len(records)), key=lambda i: records[i].tenant)
    recs = [records[i] for i in order]
    extracts = [extract(r.text, r.kind) for r in recs]
    free = [i for i, e in enumerate(extracts) if e.kind == "free"]
    X = None
    if free:
        vec = make_vectorizer()
        try:
            X = _normalize_rows(vec.fit_transform([mask(recs[i].text, display_names(recs[i].tenant)) for i in free]).tocsr())
        except ValueError:
            X = None
    free_pos = {i: k for k, i in enumerate(free)}
    out = {}
    start = 0
    while start < len(recs):
        end = start
        while end < len(recs) and recs[end].tenant == recs[start].tenant:
            end += 1
        rows_idx = [free_pos[i] for i in range(start, end) if i in free_pos]
        if X is not None and rows_idx:
            rows = X[rows_idx[0]:rows_idx[-1] + 1]
        else:
            rows = _empty_rows(len(rows_idx))
        out[recs[start].tenant] = group_tenant(recs[start:end], rows, threshold, extracts[start:end])
        start = end
    return out


def _empty_rows(n: int):
    from scipy.sparse import csr_matrix

    return csr_matrix((n, 1), dtype=np.float32)


def same_item(a: str, b: str, vectorizer, tenant: str = "", threshold: float = 0.5) -> bool:
    """Would these two statements of one tenant become one item? (Used to measure grouping on labelled pairs.)"""
    recs = [Record(id="a", tenant=tenant or "user", text=a), Record(id="b", tenant=tenant or "user", text=b)]
    names = display_names(recs[0].tenant)
    ex = [extract(a), extract(b)]
    free = [mask(r.text, names) for r, e in zip(recs, ex) if e.kind == "free"]
    X = _normalize_rows(vectorizer.transform(free).tocsr()) if free else _empty_rows(0)
    return len(group_tenant(recs, X, threshold, ex)) == 1
