"""`memlora nightly` and `memlora demo` (owned by jobs/)."""
from __future__ import annotations

from pathlib import Path

import click

from memlora.errors import MemloraError
from memlora.settings import get_settings


@click.command("nightly")
@click.option("--memory", type=click.Path(), required=True, help="Memory export: JSONL file, Mem0 export or a directory of them.")
@click.option("--tenant", "tenants", multiple=True, help="Only this tenant (repeatable).")
@click.option("--force", is_flag=True, help="Retrain the selected tenants even if nothing changed.")
@click.option("--dry-run", is_flag=True, help="Print the plan (which tenants change and why); train nothing.")
@click.option("--executor", type=click.Choice(["local", "ray"]), default=None, help="Default: settings jobs.executor (local).")
@click.option("--examples", type=int, default=None, help="Training examples per tenant (default: jobs.examples_per_tenant or distill.examples_per_tenant).")
@click.option("--full", is_flag=True, help="Use the full budget distill.examples_per_tenant, ignoring jobs.examples_per_tenant.")
@click.option("--forget-list", type=click.Path(exists=True, dir_okay=False), default=None, help="File with one tenant id per line to forget.")
@click.option("--accept-vanished", is_flag=True, help="Run even if many tenants are missing from the export (they are kept, not deleted).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout (progress lines go to stderr).")
def nightly_cmd(memory, tenants, force, dry_run, executor, examples, full, forget_list, accept_vanished, as_json) -> None:
    """Distill, train, evaluate, register and promote every changed tenant.

    Piped (not a terminal), every step is one plain line and the summary a wide table.
    Exit code 0: every tenant succeeded; 1: some failed (see the summary); 3: the job could not run.
    """
    import json
    import sys

    # The job's modules bring MLflow (a second at import): `memlora --help` and the other commands do not pay it.
    from .console import plain_console
    from .nightly import JobOptions, run_nightly

    settings = get_settings()
    if full and examples:
        raise MemloraError("--full and --examples are exclusive")
    if full:
        examples = settings.distill.examples_per_tenant
    report = run_nightly(settings, JobOptions(
        memory=Path(memory), tenants=list(tenants), force=force, dry_run=dry_run, executor=executor,
        examples=examples, forget_list=Path(forget_list) if forget_list else None, accept_vanished=accept_vanished,
    ), console=plain_console(stderr=as_json))
    if as_json:
        summary = report.summary or {"run_id": report.run_id, "exit_code": report.exit_code, "dry_run": dry_run,
                                     "plan": [{"tenant": p.tenant, "action": p.action, "why": p.reason} for p in report.plans]}
        sys.stdout.write(json.dumps(summary, default=str) + "\n")
    raise SystemExit(report.exit_code)


@click.command("demo")
@click.option("--memory", type=click.Path(), default=None, help="Default: the repository's examples/memory.jsonl.")
@click.option("--examples", type=int, default=None, help="Examples per tenant (default: jobs.demo_examples_per_tenant).")
@click.option("--full", is_flag=True, help="Full budget (distill.examples_per_tenant): much slower on CPU.")
@click.option("--port", type=int, default=None, help="Port for the demo server (default: a free one).")
def demo_cmd(memory, examples, full, port) -> None:
    """README's main command: nightly on examples/memory.jsonl, then serve and ask each tenant next to the base model."""
    from .demo import run_demo

    settings = get_settings()
    if full:
        examples = settings.distill.examples_per_tenant
    raise SystemExit(run_demo(settings, memory=Path(memory) if memory else None, examples=examples, port=port))
