"""Tell the serving fleet what changed: `POST /admin/reload` after promotions, `/admin/forget` after deletions.

A server that does not answer is reported, not fatal: its registry polling
picks the change up anyway (serving.registry_poll_seconds), except for forgets,
whose report is marked so an operator can follow up.
"""
from __future__ import annotations

from dataclasses import dataclass

from memlora.settings import Settings


@dataclass
class ServerCall:
    server: str
    path: str
    ok: bool
    status: int | None
    detail: str


def call_servers(settings: Settings, path: str, body: dict | None = None, unreachable: set[str] | None = None) -> list[ServerCall]:
    """`unreachable` (shared across calls of one job) skips servers that already failed to connect,
    so a down server costs one timeout per night, not one per tenant."""
    import httpx

    headers = {"Authorization": f"Bearer {settings.jobs.admin_key}"} if settings.jobs.admin_key else {}
    out = []
    for server in settings.jobs.servers:
        if unreachable is not None and server in unreachable:
            out.append(ServerCall(server, path, False, None, "skipped: unreachable earlier in this job"))
            continue
        url = server.rstrip("/") + path
        try:
            r = httpx.post(url, json=body or {}, headers=headers, timeout=settings.jobs.http_timeout_seconds)
            out.append(ServerCall(server, path, r.is_success, r.status_code, r.text[:200]))
        except httpx.HTTPError as e:
            if unreachable is not None:
                unreachable.add(server)
            out.append(ServerCall(server, path, False, None, f"{type(e).__name__}: {e}"[:200]))
    return out
