"""Memory file -> per-tenant profiles, training sets and a summary (the layout in docs/CONTRACTS.md)."""
from __future__ import annotations

import json
import time
from pathlib import Path

from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.runtime.base import load_base
from memlora.settings import Settings

from .profile import build_profiles
from .records import load_memory
from .synthesize import synthesize_tenant


def _reject_tenant(raw: str) -> str | None:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, TypeError):
        return None
    if isinstance(obj, dict):
        t = obj.get("tenant") or obj.get("user_id")
        return t if isinstance(t, str) else None
    return None


_EMPTY_ROW = {"records": 0, "items": 0, "kept": 0, "superseded": 0, "examples": 0, "rejected": 0}


def _distill_tenant(p, out: Path, rejected_lines: int, settings: Settings, base, n_examples, teacher, show_progress):
    """One tenant's profile and training set; returns (summary row, the base, loaded on first need)."""
    td = out / tenant_key(p.tenant)
    td.mkdir(parents=True, exist_ok=True)
    p.write(td / "profile.json")
    row = {"tenant_key": p.tenant_key, "records": p.n_records, "items": len(p.items) + len(p.superseded) + len(p.candidates),
           "kept": len(p.items), "superseded": len(p.superseded), "examples": 0, "rejected": 0,
           "rejected_lines": rejected_lines, "profile_hash": p.profile_hash, "status": "no selected items"}
    if p.items:
        if base is None:

            base = load_base(settings)
        meta = synthesize_tenant(p, base, settings, td, n_examples=n_examples, teacher=teacher, show_progress=show_progress)
        row.update(examples=meta["n_train"] + meta["n_validation"], rejected=meta["rejected"], status="ok",
                   dataset_hash=meta["dataset_hash"], rates=meta["rates"], teacher=meta["teacher"], seconds=meta["seconds"])
    return row, base


def run_distill(settings: Settings, memory_path: str | Path, out_dir: str | Path, base=None, tenants: list[str] | None = None,
                n_examples: int | None = None, teacher=None, show_progress: bool = True) -> dict:
    """A tenant that fails (an id that cannot become a path, a synthesis error) gets status "failed" with its
    reason and is listed in `summary["failed"]`; the other tenants are processed as usual."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_memory(memory_path, out / "rejects.jsonl")
    profiles = build_profiles(loaded.records, settings, cache_dir=settings.state_dir)
    if tenants:
        missing = [t for t in tenants if t not in profiles]
        if missing:
            raise MemloraError(f"tenant(s) not in {memory_path}: {', '.join(missing)} (known: {', '.join(sorted(profiles)) or 'none'})")
        profiles = {t: profiles[t] for t in tenants}
    rejected_lines: dict[str, int] = {}
    for r in loaded.rejects:
        t = _reject_tenant(r.raw)
        if t:
            rejected_lines[t] = rejected_lines.get(t, 0) + 1
    summary_tenants = {}
    for t in sorted(profiles):
        try:
            summary_tenants[t], base = _distill_tenant(profiles[t], out, rejected_lines.get(t, 0), settings, base,
                                                       n_examples, teacher, show_progress)
        except Exception as e:  # noqa: BLE001 - one tenant's failure is reported in its row; the others go on
            reason = str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
            if not isinstance(e, MemloraError):
                reason = f"{type(e).__name__}: {reason}"
            summary_tenants[t] = {**_EMPTY_ROW, "rejected_lines": rejected_lines.get(t, 0), "status": "failed", "reason": reason}
    summary = {
        "memory": str(memory_path), "out": str(out), "records": len(loaded.records), "rejected_lines": len(loaded.rejects),
        "forgotten": loaded.forgotten_tenants, "seed": settings.seed, "tenants": summary_tenants,
        "failed": sorted(t for t, row in summary_tenants.items() if row["status"] == "failed"),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def format_summary(summary: dict) -> str:
    cols = ("records", "items", "kept", "superseded", "examples", "rejected")
    names = list(summary["tenants"])
    w = max([len("tenant")] + [len(n) for n in names])
    lines = [f"{'tenant':<{w}}  " + "  ".join(f"{c:>10}" for c in cols)]
    for n in names:
        row = summary["tenants"][n]
        lines.append(f"{n:<{w}}  " + "  ".join(f"{row[c]:>10}" for c in cols))
    lines.append("")
    lines.append("kept answers vs plain prompted base, held-out prompts (compliance / on-topic):")
    for n in names:
        rates = summary["tenants"][n].get("rates")
        if not rates:
            continue
        t, b = rates["teacher_heldout"], rates["prompted_base_heldout"]
        parts = []
        for k in sorted(set(t) | set(b)):
            tk, bk = t.get(k, {}), b.get(k, {})
            parts.append(f"{k} {tk.get('compliance', '-')}/{tk.get('on_topic', '-')} vs {bk.get('compliance', '-')}/{bk.get('on_topic', '-')}")
        lines.append(f"  {n}: " + "; ".join(parts))
    for n in summary.get("failed", []):
        lines.append(f"  {n[:60]}: failed: {summary['tenants'][n]['reason']}")
    lines.append(f"{summary['records']} records, {summary['rejected_lines']} rejected lines (rejects.jsonl), "
                 f"{len(summary['forgotten'])} forgotten tenant(s), {summary['seconds']:.1f} s")
    return "\n".join(lines)
