"""What a night prints: the plan table, one line per finished tenant (a live bar on a terminal, timestamped
plain lines in a log file), and the closing summary table."""
from __future__ import annotations

import time

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from memlora.settings import Settings

from .executors import run_tasks
from .report import JobReport
from .tenant import TenantOutcome, TenantTask


def plain_console(stderr: bool = False) -> Console:
    """Where the night's lines go: rich on a terminal; piped (cron, systemd, Kubernetes) a wide plain console, so
    tables are not squeezed to 80 columns and no live bar is drawn (each step is one line)."""
    c = Console(stderr=stderr)
    return c if c.is_terminal else Console(stderr=stderr, width=400, no_color=True, highlight=False, soft_wrap=True)


def done_line(o: TenantOutcome) -> str:
    mark = {"ok": "[green]ok[/]", "rejected": "[yellow]rejected[/]"}.get(o.status, "[red]failed[/]")
    return f"{escape(o.tenant)}: {mark} {escape(f'version {o.version}' if o.version is not None else o.reason)}"


def execute_with_bar(executor: str, tasks: list[TenantTask], settings: Settings, console) -> list[TenantOutcome]:
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        bar = progress.add_task(f"training {len(tasks)} tenant(s) [{executor}]", total=len(tasks))

        def start(task: TenantTask) -> None:
            if executor == "local":
                progress.update(bar, description=f"training {task.tenant}")

        def done(o: TenantOutcome) -> None:
            progress.console.print(f"  {done_line(o)}")
            progress.advance(bar)

        return run_tasks(executor, tasks, settings, on_done=done, on_start=start)


def execute_plain(executor: str, tasks: list[TenantTask], settings: Settings, console) -> list[TenantOutcome]:
    """One timestamped line per step, nothing redrawn: what a log file (cron, journald, kubectl logs) can hold."""
    n, finished = len(tasks), [0]

    def say(text: str) -> None:
        console.print(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {text}")

    def start(task: TenantTask) -> None:
        say(escape(f"[{finished[0] + 1}/{n}] training {task.tenant}"))

    def done(o: TenantOutcome) -> None:
        finished[0] += 1
        say(escape(f"[{finished[0]}/{n}] ") + done_line(o))

    say(escape(f"training {n} tenant(s) [{executor}]"))
    return run_tasks(executor, tasks, settings, on_done=done, on_start=start)


def fmt_metrics(m: dict) -> str:
    """The gate's headline numbers from adapters' nested eval metrics (flat numeric metrics are shown as they are)."""
    def get(*path):
        v = m
        for k in path:
            v = v.get(k) if isinstance(v, dict) else None
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    keep = [("KL closed", get("kl", "gap_closed")), ("facts", get("facts", "recall", "adapter")),
            ("prefs", get("preferences", "mean", "adapter")), ("ppl +", get("retention", "regression")),
            ("leaks", get("isolation", "leak_rate"))]
    keep = [(k, v) for k, v in keep if v is not None]
    if not keep:
        keep = [(k, v) for k, v in m.items() if isinstance(v, (int, float)) and not isinstance(v, bool)][:4]
    return ", ".join(f"{k} {v:.2g}" for k, v in keep)


def print_plan(console, plans, forget, vanished, n, executor, dry_run) -> None:
    run = [p for p in plans if p.runs]
    title = f"plan: {len(run)} of {len(plans)} tenant(s) to train, {n} examples each, executor {executor}"
    if not dry_run and not run and not forget:
        console.print(f"{title}: nothing changed")
        return
    t = Table(title=title + (" (dry run: nothing is trained)" if dry_run else ""))
    t.add_column("tenant")
    t.add_column("action")
    t.add_column("why")
    shown = run if not dry_run and len(plans) > 50 else plans
    for p in shown:
        t.add_row(p.tenant, p.action, p.reason)
    for f in sorted(forget):
        t.add_row(f, "forget", "explicit forget record / forget list")
    for v in vanished:
        t.add_row(v, "keep", "missing from tonight's export (reported, not deleted)")
    console.print(t)


def print_summary(console, report: JobReport) -> None:
    s = report.summary
    t = Table(title=f"nightly {report.run_id}: {s['wall_seconds']:.0f}s, exit {report.exit_code}")
    for c in ("tenant", "action", "examples", "train s", "gate metrics", "new version", "champion changed"):
        t.add_column(c)
    for r in s["rows"]:
        t.add_row(
            r["tenant"], r["action"] + (f": {r['reason']}" if r.get("reason") else ""),
            "" if r.get("examples") is None else str(r["examples"]),
            "" if r.get("train_seconds") is None else f"{r['train_seconds']:.1f}",
            fmt_metrics(r.get("gate_metrics") or {}),
            "" if r.get("new_version") is None else str(r["new_version"]),
            "yes" if r.get("champion_changed") else "",
        )
    console.print(t)
    c = s["counts"]
    console.print(
        f"{c['trained']} trained, {c['rejected']} rejected by gate, {c['failed']} failed, {c['unchanged']} unchanged, "
        f"{c['forgotten']} forgotten, {c['vanished']} missing from export; summary {report.summary_path}"
    )
