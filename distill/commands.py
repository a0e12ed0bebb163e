"""`memlora distill` (owned by distill/)."""
import click

from memlora.errors import MemloraError


@click.command("distill")
@click.option("--memory", required=True, type=click.Path(), help="JSONL file, Mem0 export or directory of them.")
@click.option("--out", required=True, type=click.Path(), help="Output directory (layout in README).")
def distill_cmd(memory: str, out: str) -> None:
    """Consolidate memory and synthesize per-tenant training sets."""
    raise MemloraError("distill: not implemented yet")
