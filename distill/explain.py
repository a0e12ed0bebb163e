"""Why a tenant's adapter learns what it learns: every consolidated item of a tenant, selected, superseded or
dropped, with the evidence (records, sessions, score) and the rule that decided it.

Built on `build_profiles` itself rather than a second copy of the selection rules, so what this explains is
exactly what `distill` and the nightly job train; it needs no model (the base model is never loaded), so it
answers in seconds on a whole export. Dropped items are `Profile.candidates` (groups under `min_mentions` or
`min_score`); the winner of a conflict is the kept item of the same kind and slot, the key `profile.py`
resolves conflicts on.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings
from memlora.tenant_data import last_item_verdicts

from .profile import Item, Profile, build_profiles
from .records import LoadResult, Record
from .schema import fact_statement


@dataclass
class TenantExplanation:
    tenant: str
    tenant_key: str
    records: int
    profile_hash: str
    thresholds: dict
    items: list[dict]
    superseded: list[dict]
    dropped: list[dict]
    rejected_lines: list[str] = field(default_factory=list)
    system_prompt: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _statement(it: Item) -> str | None:
    """The second-person sentence a fact is taught with, when the profile carries or can build one."""
    own = getattr(it, "statement", None)
    if own:
        return own
    if it.kind != "fact" or not it.slot:
        return None
    return fact_statement(it.slot, str(it.value))


def _missed(it: Item, settings: Settings) -> list[str]:
    ds = settings.distill
    out = []
    if it.sessions < ds.min_mentions:
        out.append(f"min_mentions={ds.min_mentions} (mentioned in {it.sessions} session(s))")
    if it.score < ds.min_score:
        out.append(f"min_score={ds.min_score} (score {it.score:.2f})")
    return out


def item_view(it: Item, status: str, by_id: dict[str, Record], settings: Settings, winner: Item | None = None) -> dict:
    """One item as scripts and the table see it; record texts are included so "which memory?" needs no lookup."""
    d = {
        "status": status, "id": it.id, "text": it.text, "kind": it.kind, "category": it.category, "value": it.value,
        "slot": it.slot, "score": it.score, "mentions": it.mentions, "sessions": it.sessions,
        "record_ids": list(it.record_ids), "probe": it.probe, "statement": _statement(it), "reason": it.reason,
        "org": it.org, "first_seen": it.first_seen, "last_seen": it.last_seen,
        "records": [_record_view(by_id[r]) for r in it.record_ids if r in by_id],
    }
    if status == "dropped":
        d["missed"] = _missed(it, settings)
    if winner is not None:
        d["superseded_by"] = winner.id
    return d


def _record_view(r: Record) -> dict:
    return {"id": r.id, "text": r.text, "session": r.session, "created_at": r.created_at.isoformat() if r.created_at else None,
            "location": f"{r.file}:{r.line}" if r.file else None}


def _winner(old: Item, kept: list[Item]) -> Item | None:
    return next((k for k in kept if (k.kind, k.slot) == (old.kind, old.slot)), None)


def _reject_tenant(raw: str) -> str | None:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, TypeError):
        return None
    t = (obj.get("tenant") or obj.get("user_id")) if isinstance(obj, dict) else None
    return t.strip() if isinstance(t, str) else None


def explain_profile(p: Profile, by_id: dict[str, Record], settings: Settings, rejected: list[str] | None = None) -> TenantExplanation:
    ds = settings.distill
    gate = last_item_verdicts(settings.state_dir, p.tenant)
    items = [item_view(i, "selected", by_id, settings) for i in p.items]
    for d in items:
        d["gate"] = gate.get(d["id"])  # None: the gate has not judged this item (never trained, or new since)
    return TenantExplanation(
        tenant=p.tenant, tenant_key=tenant_key(p.tenant), records=p.n_records, profile_hash=p.profile_hash,
        thresholds={"min_mentions": ds.min_mentions, "min_score": ds.min_score, "half_life_days": ds.half_life_days},
        items=items,
        superseded=[item_view(i, "superseded", by_id, settings, _winner(i, p.items)) for i in p.superseded],
        dropped=[item_view(i, "dropped", by_id, settings) for i in sorted(p.candidates, key=lambda i: (-i.sessions, -i.score, i.id))],
        rejected_lines=list(rejected or []), system_prompt=p.system_prompt,
    )


def explain(loaded: LoadResult, settings: Settings, tenants: list[str] | None = None) -> list[TenantExplanation]:
    """Per-tenant explanations in tenant order; an unknown tenant is a MemloraError naming what is known."""
    profiles = build_profiles(loaded.records, settings)
    rejected: dict[str, list[str]] = {}
    for r in loaded.rejects:
        t = _reject_tenant(r.raw)
        if t:
            rejected.setdefault(t, []).append(str(r))
    if tenants:
        for t in tenants:
            if t not in profiles:
                raise MemloraError(_unknown_tenant(t, profiles, loaded, rejected))
        profiles = {t: profiles[t] for t in tenants}
    by_id = {r.id: r for r in loaded.records}
    return [explain_profile(profiles[t], by_id, settings, rejected.get(t)) for t in sorted(profiles)]


def _unknown_tenant(t: str, profiles: dict, loaded: LoadResult, rejected: dict[str, list[str]]) -> str:
    known = ", ".join(sorted(profiles)[:20]) + (", ..." if len(profiles) > 20 else "")
    if any(r.tenant == t and r.scope == "org" for r in loaded.records):
        return f"{t!r} is an org, not a tenant: its rules are shown under each member tenant (tenants here: {known or 'none'})"
    if t in loaded.forgotten_tenants:
        return f"tenant {t!r} was forgotten in this memory (a forget record); nothing is trained for it"
    if t in rejected:
        return f"tenant {t!r} has no valid records: {len(rejected[t])} rejected line(s), first {rejected[t][0]}"
    return f"tenant {t!r} not in this memory (known: {known or 'none'})"


_MARK = {"selected": "[green]selected[/]", "superseded": "[yellow]superseded[/]", "dropped": "[red]dropped[/]"}


def _value_cell(d: dict) -> str:
    from rich.markup import escape

    v = ", ".join(map(str, d["value"])) if isinstance(d["value"], list) else str(d["value"])
    head = d["kind"] + (f":{d['slot']}" if d["slot"] and d["slot"] != d["kind"] else "")
    untyped = d["kind"] == "free" and not d["slot"]  # its value is its text: trained as said
    out = f"[bold]{escape(head)}[/]" + (f": {escape(str(d.get('text', v)))}" if untyped else f" = {escape(v)}")
    if d.get("statement"):
        out += f"\n[dim]taught as:[/] {escape(d['statement'])}"
    if d.get("probe"):
        out += f"\n[dim]probe:[/] {escape(d['probe'].get('question', ''))}"
    return out


def _why_cell(d: dict) -> str:
    from rich.markup import escape

    lines = [f"missed {m}" for m in d.get("missed", [])] or [d["reason"]]
    return escape("\n".join(lines))


def _gate_cell(d: dict) -> str:
    """The last gate's verdict on a selected item: where the memory lives (weights, or the served residual)."""
    if d["status"] != "selected":
        return ""
    g = d.get("gate")
    if not g:
        return "[dim]not judged yet[/]"
    colour = {"carried": "green", "not_carried": "red", "not_learnable": "yellow"}.get(g.get("verdict"), "dim")
    rt = g.get("rates") or {}
    nums = " ".join(f"{c} {rt[c]:.2f}" for c in ("adapter", "teacher", "base") if isinstance(rt.get(c), (int, float)))
    ver = f" v{g['version']}" if g.get("version") is not None else ""
    return f"[{colour}]{str(g.get('verdict')).replace('_', ' ')}[/]{ver}" + (f"\n[dim]{nums} (n={g.get('n')})[/]" if nums else "")


def _records_cell(d: dict) -> str:
    from rich.markup import escape

    return "\n".join(f"[cyan]{escape(r['id'])}[/] [dim]{escape(r['session'])}[/] {escape(r['text'])}" for r in d["records"])


def render(expls: list[TenantExplanation], console) -> None:
    """One rich table per tenant: selected, then superseded, then dropped items."""
    from rich.markup import escape
    from rich.table import Table

    for e in expls:
        th = e.thresholds
        t = Table(title=f"{e.tenant}: {e.records} records, {len(e.items)} selected, {len(e.superseded)} superseded, "
                        f"{len(e.dropped)} dropped (min_mentions={th['min_mentions']}, min_score={th['min_score']})",
                  show_lines=True, title_justify="left")
        for col, kw in (("status", {"no_wrap": True}), ("item", {"ratio": 3}), ("sessions (mentions)", {"justify": "right"}),
                        ("score", {"justify": "right"}), ("why", {"ratio": 3}), ("last gate", {"ratio": 2}),
                        ("records", {"ratio": 5})):
            t.add_column(col, **kw)
        for d in e.items + e.superseded + e.dropped:
            t.add_row(_MARK[d["status"]], _value_cell(d), f"{d['sessions']} ({d['mentions']})", f"{d['score']:.2f}",
                      _why_cell(d), _gate_cell(d), _records_cell(d))
        console.print(t)
        for line in e.rejected_lines:
            console.print(f"[red]rejected line[/] {escape(line)}", highlight=False)
        console.print(f"profile hash {e.profile_hash[:16]}", style="dim")
