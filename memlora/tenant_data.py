"""Where memlora keeps a tenant's data on local disk, and how forget erases it.

Why one module at the ground: `memlora registry forget` (registry/) and the
nightly's forget list (jobs/) must erase the same things, and registry/ may not
import jobs/. So the layout rule lives here: everything derived from one
tenant's memory sits under `state/tenants/<key>/` (checkpoint, distill output,
rejected lines, isolation profile), and deleting that directory is the erasure.
Run-wide files name tenants only in ways forget rewrites: `index.json`,
`profiles.json` (entry dropped, cache invalidated) and the job summaries
(`runs/*/summary.json`, `last_summary.json`: the tenant's rows become one row
holding its keyed hash). Files of older releases (`runs/*/rejects.jsonl`,
`runs/*/isolation/<key>/`) are cleaned too.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from memlora.keys import tenant_key
from memlora.settings import Settings

REDACTED = "forgotten"


def tenant_dir(state_dir: Path, tenant: str) -> Path:
    return Path(state_dir) / "tenants" / tenant_key(tenant)


def profile_path(state_dir: Path, tenant: str) -> Path:
    """The tenant's newest distilled profile: the nightly writes it before training, so it is the current selected
    memory even when that training then fails, is skipped or is rejected (the server serves what no version carries)."""
    return tenant_dir(state_dir, tenant) / "distill" / tenant_key(tenant) / "profile.json"


def last_item_verdicts(state_dir: Path, tenant: str) -> dict[str, dict]:
    """item id -> the last gate's verdict on it ({verdict, rates, why, n, version}), from the tenant's checkpoint
    (`state.json`, written by the nightly); empty when the tenant never reached the gate. Read here, not in jobs/,
    so `memlora profile` (distill/) can show it without the model or the job stack."""
    st = _read(tenant_dir(state_dir, tenant) / "state.json")
    res = ((st.get("gate_metrics") or {}).get("items") or {}).get("results") if isinstance(st, dict) else None
    if not isinstance(res, list):
        return {}
    keep = ("verdict", "rates", "why", "n", "teacher_source")
    return {str(r["id"]): {**{k: r.get(k) for k in keep}, "version": st.get("version")}
            for r in res if isinstance(r, dict) and r.get("id")}


def rejects_path(state_dir: Path, tenant: str, run_id: str) -> Path:
    return tenant_dir(state_dir, tenant) / "rejects" / f"{run_id}.jsonl"


def isolation_dir(state_dir: Path, tenant: str) -> Path:
    return tenant_dir(state_dir, tenant) / "isolation"


def reject_tenant(raw: str) -> str | None:
    """The tenant a rejected line names, if any can be read from it (JSON first, then a lenient prefix parse)."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError, TypeError):
        obj = _prefix_object(raw)
    if isinstance(obj, dict):
        t = obj.get("tenant") or obj.get("user_id")
        return t.strip() if isinstance(t, str) and t.strip() else None
    return None


def _prefix_object(raw: str) -> dict | None:
    """A truncated line still names its tenant in its first field: `{"tenant": "x", "text": "...` ."""
    import re

    m = re.match(r'\s*\{\s*"(?:tenant|user_id)"\s*:\s*("(?:[^"\\]|\\.)*")', raw or "")
    if not m:
        return None
    try:
        return {"tenant": json.loads(m.group(1))}
    except ValueError:
        return None


def _write_json(path: Path, data: Any, compact: bool) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.forget.tmp")
    text = json.dumps(data, sort_keys=True, default=str, **({"separators": (",", ":")} if compact else {"indent": 1}))
    tmp.write_text(text)
    os.replace(tmp, path)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def redact_rows(summary: dict, tenant: str, ref: str) -> bool:
    """Replace a job summary's rows of `tenant` by one row holding only its keyed hash, and its id in the
    server calls by that hash; True when anything changed."""
    if not isinstance(summary, dict):
        return False
    changed = False
    for call in summary.get("server_calls") or []:
        if isinstance(call, dict) and call.get("tenant") == tenant:
            call["tenant"], changed = ref, True
    rows = summary.get("rows")
    if isinstance(rows, list) and any(isinstance(r, dict) and r.get("tenant") == tenant for r in rows):
        kept = [r for r in rows if not (isinstance(r, dict) and r.get("tenant") == tenant)]
        summary["rows"] = kept + [{"tenant": ref, "action": REDACTED, "status": "ok", "reason": "rows erased by forget"}]
        changed = True
    return changed


def erase_local(settings: Settings, tenant: str, ref: str) -> list[str]:
    """Erase the tenant's data under MEMLORA_HOME/state; returns the paths removed or rewritten."""
    sdir = Path(settings.state_dir)
    done: list[str] = []
    d = tenant_dir(sdir, tenant)
    if d.exists():
        shutil.rmtree(d)
        done.append(str(d))
    index = _read(sdir / "index.json")
    if isinstance(index, dict) and isinstance(index.get("tenants"), dict) and tenant in index["tenants"]:
        index["tenants"].pop(tenant)
        _write_json(sdir / "index.json", index, compact=True)
        done.append(str(sdir / "index.json"))
    prof = _read(sdir / "profiles.json")
    if isinstance(prof, dict) and any(tenant in (prof.get(k) or {}) for k in ("profiles", "memory")):
        for k in ("profiles", "memory"):
            (prof.get(k) or {}).pop(tenant, None)
        prof["inputs"] = None  # the digest covered this tenant's records: the next night consolidates afresh
        _write_json(sdir / "profiles.json", prof, compact=True)
        done.append(str(sdir / "profiles.json"))
    summaries = [sdir / "last_summary.json", *sorted(sdir.glob("runs/*/summary.json"))]
    for p in summaries:
        s = _read(p)
        if isinstance(s, dict) and redact_rows(s, tenant, ref):
            _write_json(p, s, compact=False)
            done.append(str(p))
    done += _erase_legacy_run_files(sdir, tenant)
    return done


def _erase_legacy_run_files(sdir: Path, tenant: str) -> list[str]:
    """Run-wide rejects and isolation copies written before the per-tenant layout."""
    done = []
    key = tenant_key(tenant)
    for iso in sdir.glob(f"runs/*/isolation/{key}"):
        shutil.rmtree(iso, ignore_errors=True)
        done.append(str(iso))
    for rj in sdir.glob("runs/*/rejects.jsonl"):
        lines = rj.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = [ln for ln in lines if _line_tenant(ln) != tenant]
        if len(keep) != len(lines):
            rj.write_text("".join(keep), encoding="utf-8")
            done.append(str(rj))
    return done


def _line_tenant(line: str) -> str | None:
    try:
        rec = json.loads(line)
    except ValueError:
        return None
    return reject_tenant(rec.get("raw", "")) if isinstance(rec, dict) else None
