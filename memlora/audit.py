"""Append-only audit log of admin actions: who touched whose memory, when, with what outcome.

One JSON object per line in `MEMLORA_HOME/audit/audit.jsonl`: `time` (UTC ISO-8601),
`action` (prefetch, reload, evict, forget, promote, rollback, import), `tenant`
(the keyed hash `t:...` from memlora.pseudonym, never the id, so the log can outlive
a forget unchanged), `key_id` (who: `key:<sha256 prefix>` of an API key, never the
key; `cli:<user>` or `nightly:<run>` for local actors), `outcome`, `host`, `pid`,
plus counts. Why by hand and not logging.handlers.RotatingFileHandler: several
processes (server, nightly, CLI) append to one file, and that handler's rollover
is not safe across processes; here every append and rollover happens under one
filelock. A full file is renamed to `audit-<UTC stamp>.jsonl` and never deleted
(retention is the operator's policy).
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock

from memlora.pseudonym import tenant_ref
from memlora.settings import Settings

ACTIONS = ("prefetch", "reload", "evict", "forget", "promote", "rollback", "import")
MAX_BYTES = 16 * 1024 * 1024


def log_path(settings: Settings) -> Path:
    return Path(settings.home) / "audit" / "audit.jsonl"


def key_id(api_key: str) -> str:
    """What the log says about an API key: enough to tell keys apart, useless to authenticate."""
    return "key:" + hashlib.sha256(api_key.encode()).hexdigest()[:12]


def local_actor(kind: str = "cli") -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"{kind}:{user}"


def append(path: Path, entry: dict, max_bytes: int = MAX_BYTES) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, sort_keys=True, ensure_ascii=True, default=str) + "\n"
    with FileLock(str(path) + ".lock", timeout=30):
        if path.exists() and path.stat().st_size + len(line) > max_bytes > 0:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            os.replace(path, path.with_name(f"{path.stem}-{stamp}{path.suffix}"))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
            os.fsync(fd)
        finally:
            os.close(fd)


def record(settings: Settings, action: str, tenant: str | None, key_id: str, outcome: str, **extra: Any) -> dict:
    """Append one entry; `tenant` is stored as its keyed hash. `extra` must not hold tenant ids or memory."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r} (one of {', '.join(ACTIONS)})")
    entry = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "action": action,
             "tenant": tenant_ref(settings, tenant) if tenant else None, "key_id": key_id, "outcome": outcome,
             "host": socket.gethostname(), "pid": os.getpid(), **extra}
    append(log_path(settings), entry)
    return entry


def entries(settings: Settings, tenant: str | None = None) -> list[dict]:
    """Every entry, oldest first (rotated files included); with `tenant`, only that tenant's."""
    root = log_path(settings)
    files = sorted(root.parent.glob(f"{root.stem}-*{root.suffix}")) + [root]
    ref = tenant_ref(settings, tenant) if tenant else None
    out = []
    for f in files:
        if not f.exists():
            continue
        for ln in f.read_text(encoding="utf-8").splitlines():
            try:
                e = json.loads(ln)
            except ValueError:
                continue
            if ref is None or e.get("tenant") == ref:
                out.append(e)
    return out
