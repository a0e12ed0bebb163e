"""Memory records in, one typed list out; every bad line reported, nothing dropped silently.

Accepted inputs (see README, "distill input"):
- JSON Lines: `tenant` (alias `user_id`), `text` (alias `memory`), optional `created_at` (ISO-8601 or a Unix
  timestamp), `id`, `source` (session id), `kind` (preference|fact|rule), `scope` (user|org), `org`, `metadata`.
  A line `{"tenant": T, "forget": true}` asks to forget T: its records up to that time are ignored.
- A Mem0 export (`{"results": [...]}`) or a directory of `*.jsonl` / `*.json` files (sorted by name).
Records are frozen dataclasses; the loader never rewrites the input, and missing ids are derived from content
so the output can always name the records it used.

Trust: a record's fields are written by whoever writes memory, often the user. So `metadata` (free-form in
memory layers) is read only for `kind` and the session id, which shape the writer's own adapter and nothing
else; `scope` counts only as a top-level field; and `org` is kept on the record as the org it *claims*, never
as membership: which tenants receive an org's rules is the operator's `distill.org_members` alone (profile.py).

Bad input is a per-record reject (`file:line: reason`, the raw line kept whole), never a traceback: lines are
split on `\n` only (U+2028 and friends are legal inside JSON strings), nesting deeper than `MAX_DEPTH`,
timestamps out of range or not finite, ids and sources that are not scalars are all refused per record.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from memlora.errors import MemloraError

KINDS = ("preference", "fact", "rule")
SCOPES = ("user", "org")
MAX_DEPTH = 64  # levels of JSON nesting a record may have; real exports use 3 or 4


@dataclass(frozen=True)
class Record:
    id: str
    tenant: str
    text: str
    created_at: datetime | None = None
    source: str | None = None
    kind: str | None = None
    scope: str = "user"
    org: str | None = None  # the org the record claims; membership comes from distill.org_members only
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
    """ISO-8601 string or a finite Unix timestamp; ValueError for anything else (a bool is not a time)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"created_at must be an ISO-8601 string or a Unix timestamp, got {str(value).lower()}")
    if isinstance(value, (int, float)):
        try:
            dt = datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"created_at {value!r} is not a finite timestamp in years 1-9999") from None
        return dt
    if not isinstance(value, str):
        raise ValueError(f"created_at must be an ISO-8601 string, got {type(value).__name__}")
    s = value.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(s)
        dt = dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
        dt.astimezone(timezone.utc)  # an offset that pushes it past year 1..9999 cannot be compared later
    except (OverflowError, ValueError):
        raise ValueError(f"created_at {value[:40]!r} is not an ISO-8601 time in years 1-9999") from None
    return dt


def _field(obj: dict, *names: str) -> Any:
    for n in names:
        if obj.get(n) not in (None, ""):
            return obj[n]
    return None


def _scalar(value: Any, name: str) -> str | None:
    """Ids and sessions become strings in paths, tags and reports: only strings and integers qualify."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"field {name!r} must be a string or an integer, got {type(value).__name__}")
    return _unicode(str(value), name)


def _unicode(value: str, name: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"field {name!r} holds a lone surrogate escape (not Unicode text)") from None
    return value


def record_from_obj(obj: Any, file: str, line: int) -> Record | Forget:
    """One JSON object -> Record (or Forget); ValueError with the reason otherwise."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    tenant = _field(obj, "tenant", "user_id")
    if not isinstance(tenant, str) or not tenant.strip():
        raise ValueError("missing field 'tenant' (or 'user_id')")
    tenant = _unicode(tenant.strip(), "tenant")
    created = parse_time(_field(obj, "created_at", "updated_at"))
    if obj.get("forget") is True or obj.get("event") == "DELETE_ALL":
        return Forget(tenant, created, file, line)
    text = _field(obj, "text", "memory")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing field 'text' (or 'memory')")
    text = _unicode(" ".join(text.split()), "text")
    meta = obj.get("metadata") or {}
    if not isinstance(meta, dict):
        raise ValueError("field 'metadata' must be an object")
    kind = obj.get("kind") or meta.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"field 'kind' must be one of {', '.join(KINDS)}, got {_short(kind)}")
    scope = obj.get("scope") or "user"
    if scope not in SCOPES:
        raise ValueError(f"field 'scope' must be 'user' or 'org', got {_short(scope)}")
    source = _scalar(_field(obj, "source", "run_id") or _field(meta, "source", "session_id", "conversation_id"), "source")
    org = _scalar(obj.get("org") or None, "org")
    rid = _scalar(obj.get("id"), "id")
    if rid is None:
        rid = "r-" + hashlib.sha256(f"{tenant}\x00{text}\x00{created}".encode()).hexdigest()[:12]
    return Record(
        id=rid, tenant=tenant, text=text, created_at=created, source=source, kind=kind, scope=scope,
        org=org, metadata=meta, file=file, line=line,
    )


def _short(value: Any) -> str:
    return repr(value)[:60] if isinstance(value, (str, int, float)) else type(value).__name__


class _NotJson(ValueError):
    """The line is not JSON at all (as opposed to JSON this reader refuses): counts toward "not JSON Lines"."""


def _parse(raw: str) -> Any:
    """json.loads that refuses, as ValueError, what would otherwise end the run: nesting deeper than MAX_DEPTH
    (the C parser recurses), integers past Python's digit limit, NaN/Infinity literals."""
    depth = _depth(raw)
    if depth > MAX_DEPTH:
        raise ValueError(f"JSON nested {depth} levels deep (at most {MAX_DEPTH})")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise _NotJson(f"invalid JSON: {e.msg} (column {e.colno})") from None
    except (ValueError, RecursionError) as e:
        raise ValueError(f"refused JSON: {str(e).splitlines()[0][:120]}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# strings (skipped whole) and the characters that open or close a level; a hand scan because the json module
# has no depth limit and recurses, and this runs in C per token, not per character
_STRUCT = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')


def _depth(text: str) -> int:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for m in _STRUCT.finditer(text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def _add(out: LoadResult, raw: str, file: str, line: int, where: str = "") -> bool:
    """One element -> a record, a forget or a reject; False only when it is not JSON at all."""
    try:
        r = record_from_obj(_parse(raw), file, line)
    except ValueError as e:
        out.rejects.append(Reject(file, line, where + str(e), raw))
        return not isinstance(e, _NotJson)
    (out.forgets if isinstance(r, Forget) else out.records).append(r)
    return True


def _load_jsonl(path: Path, text: str, out: LoadResult) -> None:
    parsed_any = False
    bad_json = 0
    first_err = ""
    nonempty = 0
    for i, raw in enumerate(text.split("\n"), 1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue
        nonempty += 1
        before = len(out.rejects)
        if _add(out, raw, str(path), i):
            parsed_any = True
        else:
            bad_json += 1
            first_err = first_err or f"line {i}: {out.rejects[before].reason}"
    if nonempty and not parsed_any:
        del out.rejects[len(out.rejects) - bad_json:]
        raise MemloraError(f"{path} is not JSON Lines (one JSON object per line): no line parses ({first_err})")


def _array_spans(text: str, key: str | None) -> list[tuple[int, int]] | None:
    """(start, end) of each element of the top-level array (key None) or of the top-level object's `key` array;
    None when there is no such array. Found by the same token scan as `_depth`, so one element nested too deeply
    (or otherwise broken) is a reject of that element, not of the whole export."""
    depth, level, start, prev = 0, None, 0, None
    spans: list[tuple[int, int]] = []
    for m in _STRUCT.finditer(text):
        tok = m.group()
        c = tok[0]
        if c in "[{":
            if level is None and c == "[" and (depth == 0 if key is None else (depth == 1 and prev == f'"{key}"')):
                level, start = depth + 1, m.end()
            depth += 1
        elif c in "]}":
            depth -= 1
            if level is not None and depth == level - 1:
                spans.append((start, m.start()))
                return [(a, b) for a, b in spans if text[a:b].strip()]
        elif c == "," and depth == level:
            spans.append((start, m.start()))
            start = m.end()
        if depth == 1 and c == '"':
            prev = tok
    return None


def _load_array(path: Path, text: str, key: str | None, out: LoadResult) -> bool:
    """A Mem0 export (`{"results": [...]}`) or a JSON array of records, element by element; False if `text`
    is not one (the caller then reads it as JSON Lines)."""
    spans = _array_spans(text, key)
    if spans is None:
        return False
    skeleton, at = [], 0
    for a, b in spans:
        skeleton += [text[at:a], "null"]
        at = b
    skeleton.append(text[at:])
    try:
        data = _parse("".join(skeleton))
    except ValueError:
        return False
    items = data.get(key) if isinstance(data, dict) and key else data
    if not isinstance(items, list) or len(items) != len(spans):
        return False
    line, at = 1, 0
    for i, (a, b) in enumerate(spans):
        raw = text[a:b].strip()
        pos = a + len(text[a:b]) - len(text[a:b].lstrip())
        line += text.count("\n", at, pos)
        at = pos
        _add(out, raw, str(path), line, f"results[{i}]: ")
    return True


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
    if stripped.startswith("{") and '"results"' in stripped[:4096] and _load_array(path, text, "results", out):
        return
    if stripped.startswith("[") and path.suffix == ".json" and _load_array(path, text, None, out):
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
