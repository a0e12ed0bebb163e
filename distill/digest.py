"""A digest of everything `build_profiles` reads, so a caller can reuse last night's profile hashes.

`build_profiles(records, settings)` is a pure function of:
- every record after forgets, as the fields it reads: tenant, id, text, created_at, source, kind, scope
  (not `org`, `metadata`, `file`, `line`: the loader already resolved metadata's kind/source into fields, and
  a record's `org` is a claim that membership never reads);
- `settings.distill` (selection and grouping thresholds, half-life, `org_members`, the only source of org
  membership);
- the code of this package's modules that decide profiles and the libraries behind them (scikit-learn's
  TF-IDF, scipy, numpy) and the Python version (regular expressions);
- with `distill.grouping = "embedding"`, the embedding model's weights (their sha256; "none" when the
  package is missing and grouping falls back to tfidf, so installing it later rebuilds profiles).
Input order does not matter (groups are connected components, items are sorted by time and id, the
hash sorts its payload), so the records are digested in (tenant, id) order: an export that comes back
reordered is still "unchanged".

Why one digest over the whole run and not one per tenant: a tenant's profile is NOT a function of its own
records alone. With the tfidf backend, consolidation fits one TF-IDF vocabulary and IDF over all tenants' free-text records
(consolidate.py), so another tenant's new record moves every cosine similarity a little and can move a
near-threshold pair across `similarity_threshold`; and scores age from the newest record of the whole
run, which matters when `min_score > 0` and for conflict tie-breaks. Equal `ProfileInputs.digest` means
equal profiles; equal per-tenant digests (`ProfileInputs.tenants`) only mean that tenant's memory did not
change, which is what a report wants to say, not a licence to reuse its profile.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from memlora.settings import Settings

from .embed import model_hash
from .records import Record

# the modules whose code decides profiles (this one included: it decides what counts as a change)
_CODE = ("records.py", "canonical.py", "concepts.py", "schema.py", "preferences.py", "foreign.py", "consolidate.py", "embed.py",
         "extract_llm.py", "profile.py", "digest.py")
_LIBS = ("scikit-learn", "scipy", "numpy")
# distill settings that only steer generation; everything else in `settings.distill` is digested, so a
# setting added later invalidates profiles until someone decides it does not matter
_GENERATION_ONLY = {
    "examples_per_tenant", "validation_fraction", "max_new_tokens", "batch_size", "score_batch_size", "guidance_scale", "best_of",
    "topup_rounds", "general_share", "teacher_url", "teacher_model", "teacher_api_key", "temperature", "top_p",
    "repetition_penalty", "on_topic_threshold", "fluency_margin", "baseline_prompts", "abstention_probes",
    "extractor_timeout_seconds", "extractor_concurrency", "reuse_prompts",
}


@dataclass(frozen=True)
class ProfileInputs:
    context: str  # distill settings, code, libraries
    tenants: dict[str, str] = field(default_factory=dict)  # record owner (tenants and orgs) -> digest of its records

    @property
    def digest(self) -> str:
        h = hashlib.sha256(self.context.encode())
        for t in sorted(self.tenants):
            h.update(f"\x00{t}\x00{self.tenants[t]}".encode())
        return h.hexdigest()


@lru_cache(maxsize=1)
def _code_and_libs() -> str:
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(sys.version.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            h.update(name.encode() + b"\x00" + (here / name).read_bytes())
        except OSError:
            h.update(name.encode() + b"\x00missing")
    for lib in _LIBS:
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _embedding_model() -> str:
    """The weights that group by meaning (sha256 of the bundled file, ~0.2 s once per process)."""

    return model_hash() or "none"


def context_digest(settings: Settings) -> str:
    """Distill settings that affect profiles, plus code and library versions."""
    ds = settings.distill.model_dump(mode="json", exclude=_GENERATION_ONLY)
    ds["org_members"] = {o: sorted(set(m)) for o, m in sorted(ds.get("org_members", {}).items())}
    payload = json.dumps(ds, sort_keys=True, ensure_ascii=False)
    model = _embedding_model() if settings.distill.grouping == "embedding" else "tfidf"
    return hashlib.sha256((_code_and_libs() + "\x00" + model + "\x00" + payload).encode()).hexdigest()


def _row(r: Record) -> str:
    # repr of a tuple of str/None is unambiguous, and much cheaper than json per record
    return repr((r.id, r.text, str(r.created_at) if r.created_at else None, r.source, r.kind, r.scope))


def profile_inputs(records: list[Record], settings: Settings) -> ProfileInputs:
    """Digest of what `build_profiles(records, settings)` reads; ~0.3 s for 60k records."""
    rows: dict[str, list[str]] = {}
    for r in records:
        rows.setdefault(r.tenant, []).append(_row(r))
    tenants = {}
    for t, rs in rows.items():
        rs.sort()
        tenants[t] = hashlib.sha256("\n".join(rs).encode()).hexdigest()[:32]
    return ProfileInputs(context_digest(settings), tenants)
