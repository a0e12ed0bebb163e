"""The base model's tenant-independent work, computed once and shared by every tenant of every night.

Distill's guards read the base's own answers to generic prompts, and the gate reads the base's answers to
generic held-out prompts (its "base" column) and the base's perplexity on public prose. None of these
depends on the tenant, so each is computed on first use and reused until the base or the settings change.

What is keyed, and why that is enough to invalidate:
- an answer by (base fingerprint, device, dtype, generation settings, the exact prompt token ids): the ids
  cover the prompt text, the system text and the tokenizer's chat template; a sampled answer's settings
  carry its seed;
- a perplexity by (base fingerprint, device, dtype, the token ids of the text windows).
A changed key is a miss; stale entries are never read (a new base writes beside them, under its own
fingerprint directory, and removing `<home>/cache/base/` is always safe).

Privacy: this lives under `<home>/cache/base/`, outside every tenant's state, so forgetting a tenant never
has to look here. That holds only if no keyed prompt carries tenant text: callers pass only prompts from the
fixed template pools (`distill.prompts.is_generic`), never a prompt built from a profile.

Concurrency: one file per (fingerprint, settings) namespace, read and rewritten under a `filelock` lock and
replaced atomically, so parallel tenants (processes or Ray workers on one home) neither corrupt it nor
compute the same misses twice: the second waits for the first and then finds its answers. Why JSON by hand
rather than a cache library (diskcache): the entries are a few dozen short strings per base, readable with
`cat`, and the lock must span the computation of the misses, which a key-value cache does not offer.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from filelock import FileLock

from .tokens import chat_ids

LOCK_TIMEOUT_S = 3600.0  # a waiter outlives the longest first computation (a full pool on a slow CPU)


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _read(path: Path) -> dict:
    """A missing or unreadable file is an empty cache: it only costs the recomputation."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True)
    os.replace(tmp, path)


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float | None:
        n = self.hits + self.misses
        return self.hits / n if n else None


@dataclass
class BaseCache:
    """One base model's shared results under `root` (`<home>/cache/base`)."""

    root: Path
    fingerprint: str
    tokenizer: object
    device: str = "cpu"
    dtype: str = "float32"
    answer_stats: Stats = field(default_factory=Stats)
    ppl_stats: Stats = field(default_factory=Stats)

    @classmethod
    def open(cls, settings, base) -> "BaseCache | None":
        """The cache for `base`, or None when `jobs.share_base_work` is off (every tenant computes its own)."""
        if not settings.jobs.share_base_work:
            return None
        return cls(settings.home / "cache" / "base", base.fingerprint, base.tokenizer, str(base.device), str(base.dtype))

    @property
    def _dir(self) -> Path:
        d = self.root / self.fingerprint[:32]
        d.mkdir(parents=True, exist_ok=True)
        return d

    def _scope(self, gen: dict) -> dict:
        return {"fingerprint": self.fingerprint, "device": self.device, "dtype": self.dtype, "gen": gen}

    def answers(self, prompts: list[str], system: str | None, gen: dict,
                compute: Callable[[list[str]], list[str]]) -> list[str]:
        """The base's answers to `prompts`, `compute` called once on the misses (in the order given).

        `gen` names every generation setting that changes an answer (max_new_tokens, sampling, seed when
        sampling): it is part of the key."""
        scope = self._scope(gen)
        path = self._dir / f"answers-{_digest(scope)[:24]}.json"
        keys = [_digest([scope, chat_ids(self.tokenizer, p, system)]) for p in prompts]
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
            store = _read(path)
            missing = list(dict.fromkeys(p for p, k in zip(prompts, keys) if k not in store))
            self.answer_stats.hits += len(prompts) - sum(k not in store for k in keys)
            self.answer_stats.misses += sum(k not in store for k in keys)
            if missing:
                got = compute(missing)
                new = dict(zip(missing, got))
                for p, k in zip(prompts, keys):
                    if k not in store and p in new:
                        store[k] = {"prompt": p, "system": system, "answer": new[p]}
                _write(path, store)
        return [store[k]["answer"] for k in keys]

    def perplexity(self, windows: list[list[int]], compute: Callable[[], float]) -> float:
        """The base's perplexity on these token windows, computed once per base."""
        scope = self._scope({"perplexity": True})
        path = self._dir / "perplexity.json"
        key = _digest([scope, windows])
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
            store = _read(path)
            if key in store:
                self.ppl_stats.hits += 1
                return float(store[key])
            self.ppl_stats.misses += 1
            value = float(compute())
            store[key] = value
            _write(path, store)
        return value


def base_answers_for(cache: BaseCache | None, prompts: list[str], gen: dict, compute: Callable[[list[str]], list[str]],
                     shareable: Callable[[str], bool]) -> dict[str, str]:
    """The base's answer (no system prompt) to each distinct prompt: the `shareable` ones through the cache when
    it is on, the rest computed here, so a prompt carrying tenant text never reaches the shared store."""
    shared = list(dict.fromkeys(p for p in prompts if cache is not None and shareable(p)))
    own = list(dict.fromkeys(p for p in prompts if cache is None or not shareable(p)))
    out = dict(zip(shared, cache.answers(shared, None, gen, compute))) if shared else {}
    out.update(zip(own, compute(own)) if own else {})
    return out
