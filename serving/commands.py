"""`memlora serve` (owned by serving/)."""
import click

from memlora.errors import MemloraError


@click.command("serve")
@click.option("--host", default=None)
@click.option("--port", default=None, type=int)
def serve_cmd(host, port) -> None:
    """Start the OpenAI-compatible server on the configured registry."""
    raise MemloraError("serve: not implemented yet")
