"""`memlora registry ...` (owned by registry/)."""
import click


@click.group("registry")
def registry_group() -> None:
    """Adapter versions in MLflow."""
