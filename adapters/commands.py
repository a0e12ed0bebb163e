"""`memlora train` and `memlora eval` (owned by adapters/)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from memlora.adapter_dir import read_manifest
from memlora.errors import MemloraError
from memlora.runtime.base import load_base
from memlora.settings import get_settings

from .data import load_tenant_dir, tenant_dir_for


def _checked_data(data: str, tenant: str) -> Path:
    """distill's output for `tenant`, read and checked before the base model is loaded (seconds to tens of seconds):
    a wrong path or tenant fails at once."""

    tdir = tenant_dir_for(Path(data), tenant)
    found = load_tenant_dir(tdir).tenant
    if found != tenant:
        raise MemloraError(f"--data {tdir} holds tenant {found!r}, not {tenant!r}")
    return tdir


def _checked_out(path: Path, option: str, directory: bool) -> None:
    if directory and path.exists() and not path.is_dir():
        raise MemloraError(f"{option} {path} exists and is not a directory")
    if not directory and path.is_dir():
        raise MemloraError(f"{option} {path} is a directory, not a file")
    if not directory and not path.absolute().parent.is_dir():
        raise MemloraError(f"{option} {path}: directory {path.absolute().parent} does not exist")


@click.command("train")
@click.option("--data", required=True, type=click.Path(), help="distill's output directory (or one tenant's directory in it).")
@click.option("--tenant", required=True)
@click.option("--out", required=True, type=click.Path(), help="Where to write the adapter (PEFT dir + memlora.json).")
def train_cmd(data: str, tenant: str, out: str) -> None:
    """Train one tenant's LoRA adapter from distill's output."""
    from .train import train_adapter  # torch and PEFT (seconds): loaded by the command that trains, not by the CLI

    settings = get_settings()
    tdir = _checked_data(data, tenant)
    _checked_out(Path(out), "--out", directory=True)
    base = load_base(settings)
    res = train_adapter(base, tdir, Path(out), settings, tenant=tenant)
    m = res.metrics
    click.echo(
        f"trained {tenant!r}: {m['steps']} steps ({m['epochs']} epochs, objective {m['objective']}), "
        f"best validation loss {m['best_val_loss']} at step {m['best_step']}, {m['tokens_per_second']} tokens/s, "
        f"padding {m['padding_waste']:.1%}, {res.seconds:.1f} s -> {res.out_dir}"
    )


def _checked_adapter(adapter: Path, tenant: str) -> None:
    if not adapter.is_dir():
        raise MemloraError(f"--adapter {adapter}: adapter directory not found")
    found = read_manifest(adapter).tenant
    if found != tenant:
        raise MemloraError(f"--adapter {adapter} was trained for tenant {found!r}, not {tenant!r}")


@click.command("eval")
@click.option("--data", required=True, type=click.Path(), help="distill's output directory (or one tenant's directory in it).")
@click.option("--tenant", required=True)
@click.option("--adapter", required=True, type=click.Path())
@click.option("--json-out", type=click.Path(), default=None, help="Metrics JSON path (default: ADAPTER/eval.json).")
def eval_cmd(data: str, tenant: str, adapter: str, json_out: str | None) -> None:
    """Evaluate an adapter: memory, retention, isolation, abstention."""
    from .evaluate import evaluate_adapter  # torch and PEFT: see train_cmd

    settings = get_settings()
    tdir = _checked_data(data, tenant)
    _checked_adapter(Path(adapter), tenant)
    if json_out:
        _checked_out(Path(json_out), "--json-out", directory=False)
    base = load_base(settings)
    rep = evaluate_adapter(base, Path(adapter), tdir, settings)
    path = Path(json_out) if json_out else Path(adapter) / "eval.json"
    path.write_text(json.dumps(rep.to_dict(), indent=2, default=str))
    click.echo(f"tenant {tenant!r}, adapter {adapter}")
    click.echo(rep.table())
    click.echo(f"metrics written to {path}")
    if not rep.passed:
        raise SystemExit(1)
