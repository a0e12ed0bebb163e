"""Tenant id <-> safe key, the one rule every package uses for paths and registry names.

Why this rule: tenant ids come from memory layers as arbitrary strings (emails,
`org/team`, spaces, unicode). They become directory names, MLflow registered
model names and URL path segments, so the key keeps only `[A-Za-z0-9_-]` and
writes every other UTF-8 byte as `.xx` (lower-case hex). `.` is the escape
character, so the mapping is reversible and injective, and a key is never
`.`/`..` or contains a path separator.
"""
from __future__ import annotations

import string

from memlora.errors import MemloraError

_SAFE = frozenset(string.ascii_letters + string.digits + "_-")
MAX_KEY_LEN = 200


def tenant_key(tenant: str) -> str:
    if not isinstance(tenant, str) or not tenant.strip():
        raise MemloraError(f"tenant id must be a non-empty string, got {tenant!r}")
    out = []
    for ch in tenant:
        if ch in _SAFE:
            out.append(ch)
        else:
            out.extend(f".{b:02x}" for b in ch.encode("utf-8"))
    key = "".join(out)
    if len(key) > MAX_KEY_LEN:
        raise MemloraError(f"tenant id {tenant[:40]!r}... is too long: its key would have {len(key)} characters (max {MAX_KEY_LEN})")
    return key


def tenant_from_key(key: str) -> str:
    raw = bytearray()
    i = 0
    while i < len(key):
        ch = key[i]
        if ch == ".":
            hexpart = key[i + 1 : i + 3]
            if len(hexpart) != 2 or any(c not in string.hexdigits for c in hexpart):
                raise MemloraError(f"not a tenant key: {key!r} (bad escape at position {i})")
            raw.append(int(hexpart, 16))
            i += 3
        elif ch in _SAFE:
            raw.extend(ch.encode("ascii"))
            i += 1
        else:
            raise MemloraError(f"not a tenant key: {key!r} (character {ch!r} at position {i})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise MemloraError(f"not a tenant key: {key!r} ({e})") from None
