"""API keys: who may use which tenant's adapter.

Keys come from `settings.serving.api_keys`, each bound to a list of tenants or marked admin. No keys
configured means local use: everything is allowed. Keys are compared in constant time and never logged.
The base model carries no tenant's data, so any valid key may use it.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from memlora.settings import ApiKey

from .codes import Code, ErrorType
from .protocol import ApiError


@dataclass(frozen=True)
class Principal:
    admin: bool
    tenants: frozenset[str]
    label: str  # for logs and metrics: never the key itself
    key_id: str = "open"  # for the audit log: a short digest that names the key without revealing it


OPEN = Principal(admin=True, tenants=frozenset(), label="open")


def key_id(key: str) -> str:
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]


class KeyRing:
    def __init__(self, keys: list[ApiKey]):
        self._keys = [(k.key.encode(), k) for k in keys if k.key]

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def authenticate(self, headers) -> Principal:
        """`Authorization: Bearer KEY` (what the openai client sends) or `X-API-Key: KEY`."""
        if not self.enabled:
            return OPEN
        supplied = headers.get("x-api-key") or ""
        auth = headers.get("authorization") or ""
        if not supplied and auth.lower().startswith("bearer "):
            supplied = auth[7:].strip()
        if not supplied:
            raise ApiError(401, "missing API key: send 'Authorization: Bearer <key>'", type=ErrorType.AUTHENTICATION, code=Code.MISSING_API_KEY)
        found = None
        for raw, k in self._keys:
            if hmac.compare_digest(raw, supplied.encode()):
                found = k
        if found is None:
            raise ApiError(401, "invalid API key", type=ErrorType.AUTHENTICATION, code=Code.INVALID_API_KEY)
        return Principal(admin=found.admin, tenants=frozenset(found.tenants), label="admin" if found.admin else "tenant",
                         key_id=key_id(found.key))

    @staticmethod
    def authorize_tenant(p: Principal, tenant: str | None) -> None:
        if tenant is None or p.admin or tenant in p.tenants:
            return
        raise ApiError(403, f"this API key may not use tenant {tenant!r}", type=ErrorType.PERMISSION, param="model", code=Code.TENANT_FORBIDDEN)

    @staticmethod
    def require_admin(p: Principal) -> None:
        if not p.admin:
            raise ApiError(403, "admin endpoints need an admin API key", type=ErrorType.PERMISSION, code=Code.ADMIN_REQUIRED)

    @staticmethod
    def visible(p: Principal, tenants: list[str]) -> list[str]:
        return sorted(tenants) if p.admin else sorted(t for t in tenants if t in p.tenants)
