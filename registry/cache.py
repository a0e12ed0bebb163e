"""Local copies of registered adapters, one directory per (tenant, version).

Why a marker file: serving resolves on every request, and hashing tens of MB
each time is too slow. An adapter is hashed once, when it arrives, against the
sha256 recorded in the registry; the marker then stores the registered hashes
and each file's size and mtime, so a later lookup costs a few `stat` calls and
still notices a copy that was changed or replaced on disk (it is fetched again).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from memlora.adapter_dir import HASHED, check_payload, verify_hashes
from memlora.errors import MemloraError
from memlora.keys import tenant_key

from .records import ResolvedAdapter

MARKER = ".memlora-cache.json"


def tenant_dir(cache_root: Path, tenant: str) -> Path:
    return Path(cache_root) / tenant_key(tenant)


def version_dir(cache_root: Path, tenant: str, version: int) -> Path:
    return tenant_dir(cache_root, tenant) / f"v{int(version)}"


def _stamp(d: Path) -> dict[str, list[int]]:
    out = {}
    for name in HASHED:
        st = (d / name).stat()
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


def lookup(cache_root: Path, tenant: str, version: int, sha256: dict[str, str] | None = None) -> ResolvedAdapter | None:
    """The cached copy if present and unchanged (and, given `sha256`, registered with these hashes); no network."""
    d = version_dir(cache_root, tenant, version)
    try:
        marker = json.loads((d / MARKER).read_text())
        if marker["stamp"] != _stamp(d):
            return None
    except (OSError, ValueError, KeyError):
        return None
    if sha256 is not None and marker["sha256"] != sha256:
        return None
    return ResolvedAdapter(
        tenant=tenant, version=int(version), path=d, base_fingerprint=marker["base_fingerprint"],
        profile_hash=marker.get("profile_hash", ""), sha256=marker["sha256"],
    )


def populate(
    cache_root: Path, tenant: str, version: int, sha256: dict[str, str], base_fingerprint: str, profile_hash: str,
    download: Callable[[Path], Path],
) -> ResolvedAdapter:
    """Download into a temporary directory, verify, then rename into place (a half copy is never visible)."""
    what = f"tenant {tenant!r} version {version}"
    if not sha256:
        raise MemloraError(f"{what}: no sha256 recorded at registration; refusing an unverifiable adapter")
    final = version_dir(cache_root, tenant, version)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".download-", dir=final.parent))
    try:
        got = Path(download(tmp))
        check_payload(got, what)
        verify_hashes(got, sha256, what, "the sha256 registered for it")
        marker = {"sha256": sha256, "base_fingerprint": base_fingerprint, "profile_hash": profile_hash, "stamp": _stamp(got)}
        (got / MARKER).write_text(json.dumps(marker))
        if final.exists():
            shutil.rmtree(final)
        os.replace(got, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return lookup(cache_root, tenant, version)  # type: ignore[return-value]


def drop_version(cache_root: Path, tenant: str, version: int) -> bool:
    """Drop one cached copy (it failed its checks when read: bit rot keeps size and mtime, which `lookup`
    trusts), so the next `resolve` fetches it again from the registry."""
    d = version_dir(cache_root, tenant, version)
    if not d.exists():
        return False
    shutil.rmtree(d)
    return True


def drop_tenant(cache_root: Path, tenant: str) -> list[str]:
    d = tenant_dir(cache_root, tenant)
    if not d.exists():
        return []
    shutil.rmtree(d)
    return [str(d)]
