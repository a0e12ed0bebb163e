"""`memlora distill` (owned by distill/)."""
import click

from memlora.errors import EXIT_PARTIAL, MemloraError
from memlora.settings import get_settings

from .explain import explain, render
from .records import load_memory


@click.command("distill")
@click.option("--memory", required=True, type=click.Path(), help="JSONL file, Mem0 export or directory of them.")
@click.option("--out", required=True, type=click.Path(), help="Output directory (layout in README).")
@click.option("--tenant", "tenants", multiple=True, help="Only this tenant (repeatable).")
@click.option("--examples", type=click.IntRange(min=1), default=None, help="Examples per tenant (default: distill.examples_per_tenant).")
@click.option("--seed", type=int, default=None, help="Seed (default: settings.seed).")
def distill_cmd(memory: str, out: str, tenants: tuple[str, ...], examples: int | None, seed: int | None) -> None:
    """Consolidate memory and synthesize per-tenant training sets (exit 1 when some tenant failed, the rest done)."""
    from .pipeline import format_summary, run_distill  # datasets and the teacher's stack: not for `profile`

    settings = get_settings()
    if seed is not None:
        settings = settings.model_copy(update={"seed": seed})
    if examples is not None and examples < 1:
        raise MemloraError("--examples must be at least 1")
    summary = run_distill(settings, memory, out, tenants=list(tenants) or None, n_examples=examples)
    click.echo(format_summary(summary))
    if summary["failed"]:
        click.echo(f"memlora: {len(summary['failed'])} tenant(s) failed, the others were distilled", err=True)
        raise SystemExit(EXIT_PARTIAL)


@click.command("profile")
@click.option("--memory", required=True, type=click.Path(), help="JSONL file, Mem0 export or directory of them.")
@click.option("--tenant", "tenants", multiple=True, help="Only this tenant (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array, one object per tenant (tenant, items, superseded, dropped).")
def profile_cmd(memory: str, tenants: tuple[str, ...], as_json: bool) -> None:
    """What each tenant's adapter would learn and why: selected, superseded and dropped items (no model is loaded)."""
    import json

    from rich.console import Console



    expls = explain(load_memory(memory), get_settings(), list(tenants) or None)
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in expls], indent=2, ensure_ascii=False, default=str))
        return
    console = Console()
    render(expls, console if console.is_terminal else Console(width=160))
