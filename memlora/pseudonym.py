"""Keyed hashes of tenant ids, for the records that must outlive a forget (audit log, forget ledger).

Why HMAC with a per-install secret and not a plain hash: tenant ids are guessable
(emails, user names), so `sha256(id)` is reversed by hashing a list of candidates.
With the secret (32 random bytes under MEMLORA_HOME, 0600, created once) only
this install can link a record to an id, and only when someone names the id;
deleting the secret makes every such record anonymous for good.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from memlora.errors import MemloraError
from memlora.settings import Settings

PREFIX = "t:"  # tells a tenant reference from a tenant id in mixed records


def secret_path(settings: Settings) -> Path:
    return Path(settings.home) / "keys" / "tenant-hmac.key"


def _create(path: Path) -> None:
    """O_EXCL so two processes racing to create it agree on one secret (the loser reads the winner's)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, secrets.token_hex(32).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # atomic create-if-absent with the full content
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def install_secret(settings: Settings) -> bytes:
    path = secret_path(settings).resolve()
    if not path.exists():
        _create(path)
    try:
        raw = path.read_text().strip()
        key = bytes.fromhex(raw)
    except (OSError, ValueError) as e:
        raise MemloraError(f"unreadable tenant hash secret {path}: {e}") from None
    if len(key) < 16:
        raise MemloraError(f"tenant hash secret {path} is too short ({len(key)} bytes)")
    return key


def tenant_ref(settings: Settings, tenant: str) -> str:
    """`t:` + the first 32 hex digits of HMAC-SHA256(secret, tenant id)."""
    mac = hmac.new(install_secret(settings), tenant.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return PREFIX + mac.hexdigest()[:32]
