"""Tenant id <-> registered model name.

Rule: `settings.registry.model_prefix + memlora.keys.tenant_key(tenant)`. The key
keeps `[A-Za-z0-9_-]` and writes every other UTF-8 byte as `.xx`, so the name
never holds `/` or `:` (which MLflow refuses) and maps back to the exact tenant
id. The tenant id is also stored verbatim in the `tenant` tag of the registered
model and of each version, so the UI shows the readable id.
"""
from __future__ import annotations

from memlora.errors import MemloraError
from memlora.keys import tenant_from_key, tenant_key
from memlora.settings import Settings


def model_name(settings: Settings, tenant: str) -> str:
    return settings.registry.model_prefix + tenant_key(tenant)


def tenant_of(settings: Settings, name: str) -> str | None:
    """The tenant a registered model name belongs to, or None for a name memlora did not make."""
    prefix = settings.registry.model_prefix
    if not name.startswith(prefix):
        return None
    try:
        return tenant_from_key(name[len(prefix):])
    except MemloraError:
        return None
