"""`memlora registry ...` (owned by registry/): readable tables over AdapterRegistry."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from memlora import audit
from memlora.adapter_dir import check_payload
from memlora.adapters.manifest import import_adapter
from memlora.errors import MemloraError
from memlora.runtime.base import load_base
from memlora.settings import get_settings


def _registry():
    from .store import AdapterRegistry  # MLflow takes a second to import: only the commands that use the store pay it

    return AdapterRegistry(get_settings())


def _audited(action: str, tenant: str, fn, **extra):
    """Run an admin action and append its outcome to the audit log (memlora.audit), failures included."""

    actor = audit.local_actor()
    try:
        out = fn()
    except Exception as e:
        audit.record(get_settings(), action, tenant, actor, f"failed: {type(e).__name__}", **extra)
        raise
    audit.record(get_settings(), action, tenant, actor, "ok", **extra,
                 **({"version": out.version} if hasattr(out, "version") else {}))
    return out


def _when(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%d %H:%M") if ms else "-"


def _console() -> Console:
    c = Console()
    return c if c.is_terminal else Console(width=400)  # piped: one line per row, not rich's 80 columns


def _fitted(title: str, columns: list[tuple[str, int]], rows: list[list[str]], width: int) -> Table:
    """A table that fits `width`: columns are kept in priority order (lower first) while their full width fits,
    so a narrow terminal drops the least useful columns whole instead of squeezing every header to "v…".
    The first column (the tenant, the version) is always kept and may wrap; the caption names what was left out."""
    need = [max([len(name)] + [len(r[i]) for r in rows]) + 3 for i, (name, _) in enumerate(columns)]
    keep, used = {0}, min(need[0], 24) + 1
    for i in sorted(range(1, len(columns)), key=lambda i: columns[i][1]):
        if used + need[i] <= width:
            keep.add(i)
            used += need[i]
    dropped = [columns[i][0] for i in range(len(columns)) if i not in keep]
    t = Table(title=title, caption=f"not shown at {width} columns: {', '.join(dropped)}" if dropped else None)
    for i in sorted(keep):
        t.add_column(columns[i][0], no_wrap=i != 0, min_width=min(need[0] - 3, 24) if i == 0 else None)
    for r in rows:
        t.add_row(*(r[i] for i in sorted(keep)))
    return t


@click.group("registry")
def registry_group() -> None:
    """Adapter versions in MLflow: list, inspect, import, promote, roll back, forget, UI."""


@registry_group.command("ls")
def ls_cmd() -> None:
    """Every tenant with its champion, previous and latest version."""
    rows = _registry().list()
    if not rows:
        click.echo("no adapters registered")
        return
    cols = [("tenant", 0), ("champion", 1), ("previous", 3), ("latest", 2), ("verdict", 2), ("versions", 5),
            ("base", 6), ("updated (UTC)", 4)]
    cells = [[r["tenant"], str(r["champion"] or "-"), str(r["previous"] or "-"), str(r["latest"] or "-"),
              r["latest_verdict"] or "-", str(r["versions"]), (r["base_fingerprint"] or "-")[:12], _when(r["updated"])]
             for r in rows]
    c = _console()
    c.print(_fitted("memlora adapters", cols, cells, c.width))


@registry_group.command("show")
@click.argument("tenant")
def show_cmd(tenant: str) -> None:
    """One tenant's versions, newest first, with aliases, verdict and lineage hashes."""
    vs = _registry().versions(tenant)
    if not vs:
        raise MemloraError(f"tenant {tenant!r} has no registered adapter")
    cols = [("version", 0), ("aliases", 1), ("verdict", 1), ("profile", 2), ("dataset", 5), ("config", 6), ("base", 4),
            ("created (UTC)", 3), ("run", 7)]
    cells = [[str(v.version), ",".join(v.aliases) or "-", v.verdict, v.profile_hash[:12] or "-",
              v.tags.get("dataset_hash", "")[:12] or "-", v.tags.get("config_hash", "")[:12] or "-",
              v.base_fingerprint[:12], _when(v.created_at), (v.run_id or "-")[:12]] for v in vs]
    c = _console()
    c.print(_fitted(f"tenant {tenant}", cols, cells, c.width))


@registry_group.command("import")
@click.argument("tenant")
@click.argument("adapter_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--promote", is_flag=True, help="Make the imported version champion (no quality gate ran on it).")
def import_cmd(tenant: str, adapter_dir: Path, promote: bool) -> None:
    """Admit a PEFT adapter made elsewhere, after checking it against the configured base."""
    def run():
        check_payload(adapter_dir, f"tenant {tenant!r}")
        reg = _registry()
        base = load_base(get_settings())
        with tempfile.TemporaryDirectory() as t:
            staged = Path(t) / "adapter"  # import writes memlora.json: work on a copy, the user's dir stays as it was
            shutil.copytree(adapter_dir, staged)
            try:
                import_adapter(staged, tenant, base)
                v = reg.register(tenant, staged, imported=True)
            except MemloraError as e:
                raise MemloraError(str(e).replace(str(staged), str(adapter_dir))) from None
        return v

    v = _audited("import", tenant, run)
    if promote:
        v = _audited("promote", tenant, lambda: _registry().promote(tenant, v.version))
    click.echo(f"imported {adapter_dir} as tenant {tenant!r} version {v.version} (verdict {v.verdict}"
               f"{', champion' if v.champion else '; `memlora registry promote` to serve it'})")


@registry_group.command("promote")
@click.argument("tenant")
@click.argument("version", type=int)
def promote_cmd(tenant: str, version: int) -> None:
    """Make VERSION the tenant's champion (the current one becomes `previous`)."""
    v = _audited("promote", tenant, lambda: _registry().promote(tenant, version))
    click.echo(f"tenant {tenant!r}: champion is now version {v.version}")


@registry_group.command("rollback")
@click.argument("tenant")
def rollback_cmd(tenant: str) -> None:
    """Champion back to the previous champion."""
    v = _audited("rollback", tenant, lambda: _registry().rollback(tenant))
    click.echo(f"tenant {tenant!r}: rolled back, champion is now version {v.version}")


@registry_group.command("forget")
@click.argument("tenant")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def forget_cmd(tenant: str, yes: bool) -> None:
    """Delete every version, run, artifact and cached copy of TENANT, for real."""
    if not yes and not sys.stdin.isatty():
        raise MemloraError(f"registry forget: no terminal to confirm on; pass --yes to delete tenant {tenant!r} for real")
    if not yes:
        click.confirm(f"permanently delete everything memlora holds for tenant {tenant!r}?", abort=True)
    r = _registry().forget(tenant)
    if not r.found:
        raise MemloraError(f"tenant {tenant!r} has nothing in the registry or the cache")
    t = Table(title=f"forgotten: {tenant}")
    t.add_column("what")
    t.add_column("deleted")
    t.add_row("registered model", r.registered_model or "-")
    t.add_row("versions", ", ".join(map(str, r.versions)) or "-")
    t.add_row("runs", "\n".join(r.runs) or "-")
    t.add_row("artifacts", "\n".join(r.artifacts) or "-")
    t.add_row("logged models", "\n".join(r.logged_models) or "-")
    t.add_row("cached copies", "\n".join(r.cache_dirs) or "-")
    t.add_row("local state", "\n".join(r.local) or "-")
    t.add_row("job summaries", f"{len(r.job_runs)} nightly run(s) rewritten" if r.job_runs else "-")
    t.add_row("purged", "yes (hard-deleted, store compacted)" if r.purged else "no: " + "; ".join(r.notes))
    _console().print(t)


@registry_group.command("ui")
@click.option("--host", default=None, help="Default: settings.registry.ui_host.")
@click.option("--port", default=None, type=int, help="Default: settings.registry.ui_port.")
def ui_cmd(host: str | None, port: int | None) -> None:
    """Start the MLflow UI on memlora's store (or print the URL of a remote tracking server)."""

    s = get_settings()
    uri = s.tracking_uri
    if uri.startswith(("http://", "https://")):
        click.echo(f"the registry is a tracking server: open {uri}")
        return
    s.artifact_root.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "mlflow", "server", "--backend-store-uri", uri,
           "--default-artifact-root", s.artifact_root.resolve().as_uri(),
           "--host", host or s.registry.ui_host, "--port", str(port or s.registry.ui_port), "--workers", "1"]
    click.echo(f"MLflow UI on http://{host or s.registry.ui_host}:{port or s.registry.ui_port} (Ctrl-C stops it)")
    raise SystemExit(subprocess.call(cmd))
