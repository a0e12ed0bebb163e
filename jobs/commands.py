"""`memlora nightly` and `memlora demo` (owned by jobs/)."""
import click

from memlora.errors import MemloraError


@click.command("nightly")
@click.option("--memory", type=click.Path())
def nightly_cmd(memory) -> None:
    """Distill, train, evaluate, register and promote every changed tenant."""
    raise MemloraError("nightly: not implemented yet")


@click.command("demo")
def demo_cmd() -> None:
    """README's main command: nightly on examples/memory.jsonl, then serve and ask each tenant."""
    raise MemloraError("demo: not implemented yet")
