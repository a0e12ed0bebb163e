"""Which tenants an admin forgot, read back from the audit log when a replica starts.

The single server keeps an admin forget in memory (its worker's `Availability`) until an explicit reload.
A fleet replica that Ray restarts has lost that memory while its siblings still refuse the tenant, so
it rebuilds it from the one durable record every forget over HTTP already leaves: the audit log
(memlora/audit.py), whose entries name tenants by keyed hash. The last forget-or-reload entry of a
tenant decides; a forget counts from its `started` entry, written before the broadcast, so a replica
that restarts mid-forget refuses the tenant too. Forgets from the CLI (`memlora registry forget`)
delete the registry entry itself, so the registry snapshot already keeps those tenants out.
"""
from __future__ import annotations

from collections.abc import Iterable

from memlora import audit
from memlora.pseudonym import tenant_ref
from memlora.serving.availability import Availability
from memlora.settings import Settings

ADMIN_ACTORS = ("http", "fleet")
STARTED = "started"


def forgotten_refs(settings: Settings) -> set[str]:
    """Keyed tenant hashes whose last admin forget/reload over HTTP was a forget (attempted or done)."""
    last: dict[str, str] = {}
    for e in audit.entries(settings):
        ref, action, outcome = e.get("tenant"), e.get("action"), str(e.get("outcome", ""))
        if not ref or e.get("actor") not in ADMIN_ACTORS or action not in ("forget", "reload"):
            continue
        if action == "forget" and (outcome == "ok" or outcome == STARTED):
            last[ref] = "forget"
        elif action == "reload" and outcome == "ok":
            last[ref] = "reload"
    return {ref for ref, action in last.items() if action == "forget"}


def forgotten_among(settings: Settings, tenants: Iterable[str]) -> set[str]:
    refs = forgotten_refs(settings)
    return {t for t in tenants if tenant_ref(settings, t) in refs} if refs else set()


def refuse_forgotten(settings: Settings, availability: Availability, tenants: Iterable[str]) -> set[str]:
    """Mark, among `tenants`, those an admin forgot as forgotten (until an explicit reload), as the replica that
    took the forget did; the tenants marked."""
    gone = forgotten_among(settings, tenants)
    for t in gone:
        availability.forget(t)
    return gone


def record_started(settings: Settings, tenant: str) -> None:
    """Written before a forget is broadcast: from here on a (re)starting replica refuses the tenant."""
    audit.record(settings, "forget", tenant, "fleet", STARTED, actor="fleet")
