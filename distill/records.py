"""Memory records in, one typed list out; every bad line reported, nothing dropped silently.

Accepted inputs (see README, "distill input"):
- JSON Lines: `tenant` (alias `user_id`), `text` (alias `memory`), optional `created_at` (ISO-8601), `id`,
  `source` (session id), `kind` (preference|fact|rule), `scope` (user|org), `org` (the org this tenant belongs to),
  `metadata`. A line `{"tenant": T, "forget": true}` asks to forget T: its records up to that time are ignored.
- A Mem0 export (`{"results": [...]}`) or a directory of `*.jsonl` / `*.json` files (sorted by name).
Records are frozen dataclasses; the loader never rewrites the input, and missing ids are derived from content
so the output can always name the records it used.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from memlora.errors import MemloraError

KINDS = ("preference", "fact", "rule")
SCOPES = ("user", "org")


@dataclass(frozen=True)
class Record:
    id: str
    tenant: str
    text: str
    created_at: datetime | None = None
    source: str | None = None
    kind: str | None = None
    scope: str = "user"
    org: str | None = None
    metadata: dict = field(default_factory=dict, hash=False, compare=False)
    file: str = ""
    line: int = 0

    @property
    def session(self) -> str:
        """Mentions count per distinct session; a record without a source is its own session."""
        return self.source or f"record:{self.id}"


@dataclass
class Reject:
    file: str
    line: int
    reason: str
    raw: str

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason, "raw": self.raw}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class Forget:
    tenant: str
    created_at: datetime | None
    file: str
    line: int


@dataclass
class LoadResult:
    records: list[Record]
    rejects: list[Reject]
    forgets: list[Forget]

    @property
    def forgotten_tenants(self) -> list[str]:
        return sorted({f.tenant for f in self.forgets})


def parse_time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(float(value), tz=timezone.utc)
    if not isinstance(value, str):
        raise ValueError(f"created_at must be an ISO-8601 string, got {type(value).__name__}")
    s = value.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    dt = datetime.fromisoformat(s)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _field(obj: dict, *names: str) -> Any:
    for n in names:
        if obj.get(n) not in (None, ""):
            return obj[n]
    return None


def record_from_obj(obj: Any, file: str, line: int) -> Record | Forget:
    """One JSON object -> Record (or Forget); ValueError with the reason otherwise."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    tenant = _field(obj, "tenant", "user_id")
    if not isinstance(tenant, str) or not tenant.strip():
        raise ValueError("missing field 'tenant' (or 'user_id')")
    tenant = tenant.strip()
    created = parse_time(_field(obj, "created_at", "updated_at"))
    if obj.get("forget") is True or obj.get("event") == "DELETE_ALL":
        return Forget(tenant, created, file, line)
    text = _field(obj, "text", "memory")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing field 'text' (or 'memory')")
    meta = obj.get("metadata") or {}
    if not isinstance(meta, dict):
        raise ValueError("field 'metadata' must be an object")
    kind = obj.get("kind") or meta.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"field 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    scope = obj.get("scope") or meta.get("scope") or "user"
    if scope not in SCOPES:
        raise ValueError(f"field 'scope' must be 'user' or 'org', got {scope!r}")
    source = _field(obj, "source", "run_id") or _field(meta, "source", "session_id", "conversation_id")
    org = obj.get("org") or meta.get("org")
    rid = obj.get("id")
    if rid is None:
        rid = "r-" + hashlib.sha256(f"{tenant}\x00{text}\x00{created}".encode()).hexdigest()[:12]
    return Record(
        id=str(rid), tenant=tenant, text=" ".join(text.split()), created_at=created,
        source=str(source) if source is not None else None, kind=kind, scope=scope,
        org=str(org) if org else None, metadata=meta, file=file, line=line,
    )


def _load_jsonl(path: Path, text: str, out: LoadResult) -> None:
    lines = text.splitlines()
    parsed_any = False
    bad_json = 0
    first_err = ""
    nonempty = 0
    for i, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        nonempty += 1
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            bad_json += 1
            first_err = first_err or f"line {i}: {e.msg}"
            out.rejects.append(Reject(str(path), i, f"invalid JSON: {e.msg} (column {e.colno})", raw))
            continue
        parsed_any = True
        try:
            r = record_from_obj(obj, str(path), i)
        except ValueError as e:
            out.rejects.append(Reject(str(path), i, str(e), raw))
            continue
        (out.forgets if isinstance(r, Forget) else out.records).append(r)
    if nonempty and not parsed_any:
        del out.rejects[len(out.rejects) - bad_json:]
        raise MemloraError(f"{path} is not JSON Lines (one JSON object per line): no line parses ({first_err})")


def _load_mem0(path: Path, data: dict, out: LoadResult) -> None:
    results = data.get("results")
    if not isinstance(results, list):
        raise MemloraError(f"{path}: a Mem0 export needs a 'results' list")
    for i, obj in enumerate(results):
        try:
            r = record_from_obj(obj, str(path), i + 1)
        except ValueError as e:
            out.rejects.append(Reject(str(path), i + 1, f"results[{i}]: {e}", json.dumps(obj, ensure_ascii=False)))
            continue
        (out.forgets if isinstance(r, Forget) else out.records).append(r)


def _load_file(path: Path, out: LoadResult) -> None:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise MemloraError(f"cannot read memory file {path}: {e.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MemloraError(f"{path} is not JSON Lines: it is not UTF-8 text (binary file?)") from None
    stripped = text.lstrip()
    if stripped.startswith("{") and '"results"' in stripped[:4096]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and "results" in data:
            _load_mem0(path, data, out)
            return
    if stripped.startswith("[") and path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, list):
            _load_mem0(path, {"results": data}, out)
            return
    _load_jsonl(path, text, out)


def _apply_forgets(out: LoadResult) -> None:
    if not out.forgets:
        return
    cutoff: dict[str, datetime | None] = {}
    for f in out.forgets:
        prev = cutoff.get(f.tenant, datetime.min.replace(tzinfo=timezone.utc))
        cutoff[f.tenant] = None if (f.created_at is None or prev is None) else max(prev, f.created_at)
    out.records = [
        r for r in out.records
        if r.tenant not in cutoff
        or (cutoff[r.tenant] is not None and r.created_at is not None and r.created_at > cutoff[r.tenant])
    ]


def load_memory(path: str | Path, rejects_path: str | Path | None = None) -> LoadResult:
    """Load a JSONL file, Mem0 export, or directory of them; write rejects (whole lines) to `rejects_path`."""
    p = Path(path)
    if not p.exists():
        raise MemloraError(f"memory path does not exist: {p}")
    out = LoadResult([], [], [])
    if p.is_dir():
        files = sorted(q for q in p.iterdir() if q.is_file() and q.suffix in (".jsonl", ".json"))
        if not files:
            raise MemloraError(f"memory directory {p} holds no *.jsonl or *.json files")
        for q in files:
            _load_file(q, out)
    else:
        _load_file(p, out)
    seen: dict[str, Record] = {}
    unique = []
    for r in out.records:
        prev = seen.get(r.id)
        if prev is not None and (prev.tenant, prev.text) != (r.tenant, r.text):
            out.rejects.append(Reject(r.file, r.line, f"duplicate id {r.id!r} (first at {prev.file}:{prev.line})", json.dumps({"id": r.id, "tenant": r.tenant, "text": r.text})))
            continue
        if prev is None:
            seen[r.id] = r
            unique.append(r)
    out.records = unique
    _apply_forgets(out)
    if rejects_path is not None:
        write_rejects(out.rejects, rejects_path)
    return out


def write_rejects(rejects: list[Reject], path: str | Path) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as f:
        for r in rejects:
            f.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
