"""`memlora train` and `memlora eval` (owned by adapters/)."""
import click

from memlora.errors import MemloraError


@click.command("train")
@click.option("--data", required=True, type=click.Path())
@click.option("--tenant", required=True)
@click.option("--out", required=True, type=click.Path())
def train_cmd(data: str, tenant: str, out: str) -> None:
    """Train one tenant's LoRA adapter from distill's output."""
    raise MemloraError("train: not implemented yet")


@click.command("eval")
@click.option("--data", required=True, type=click.Path())
@click.option("--tenant", required=True)
@click.option("--adapter", required=True, type=click.Path())
def eval_cmd(data: str, tenant: str, adapter: str) -> None:
    """Evaluate an adapter: memory, retention, isolation, abstention."""
    raise MemloraError("eval: not implemented yet")
