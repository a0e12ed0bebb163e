"""What every benchmark shares: the machine it ran on, ours timed against a baseline in the same process, and
one JSON result file beside the printed ratio table.

Why: this project is measured on small shared machines, where a number means little without the cores, the load
average and torch's thread count it ran under; and a ratio is only fair when both sides ran in one process on
the same warm caches, interleaved, keeping the best run of each (the least disturbed one). Each script keeps its
own workload; this module keeps the bookkeeping identical across them.

    bench = harness.start("serving", args)               # prints the machine line
    runs = bench.best_of(3, ours=run_ours, peft=run_peft)  # interleaved; each callable returns a rate
    bench.ratio("tok/s ours / PEFT", max(runs["ours"]), max(runs["peft"]), goal=">= 1.0")
    bench.finish()                                         # ratio table + JSON (--json, else a temp dir)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def add_arguments(ap: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options every benchmark takes."""
    ap.add_argument("--json", type=Path, default=None, help="result file (default: a file under the temp dir)")
    return ap


def machine_info() -> dict:
    """Cores (installed and usable by this process), load average, torch threads, platform, commit."""
    import torch  # every benchmark loads it anyway; here it only reports its threads and version

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {
        "cores": os.cpu_count(), "cores_usable": usable, "load_average": load,
        "torch_threads": torch.get_num_threads(), "torch": torch.__version__,
        "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "platform": platform.platform(), "python": platform.python_version(), "commit": _commit(),
    }


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


@dataclass
class Ratio:
    """`measured / against`, where `label` says which is which (for times, the baseline's time is `measured`)."""

    label: str
    measured: float
    against: float
    ratio: float
    goal: str | None = None


@dataclass
class Bench:
    """One benchmark run: its arguments, machine, recorded numbers and ratios; `finish` writes them out."""

    name: str
    args: dict
    machine: dict
    json_path: Path | None = None
    results: dict = field(default_factory=dict)
    ratios: list[Ratio] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def record(self, key: str, value) -> None:
        self.results[key] = value

    def ratio(self, label: str, measured: float, against: float, goal: str | None = None) -> float:
        """measured / against, kept for the table and the JSON: pass rates as (ours, baseline), times swapped,
        so a ratio above 1 always favours the first side named in `label`."""
        r = measured / against if against else float("nan")
        self.ratios.append(Ratio(label, measured, against, r, goal))
        return r

    def best_of(self, repeats: int, **contenders: Callable[[], float]) -> dict[str, list[float]]:
        """Every contender `repeats` times, interleaved, so a noisy neighbour slows each alike; all runs kept."""
        runs: dict[str, list[float]] = {k: [] for k in contenders}
        for _ in range(repeats):
            for k, fn in contenders.items():
                runs[k].append(fn())
        return runs

    def finish(self) -> Path:
        """Print the ratio table and write the JSON result; returns its path."""
        if self.ratios:
            print(ratio_table(self.ratios))
        doc = {"benchmark": self.name, "args": self.args, "machine": self.machine,
               "load_average_end": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
               "seconds": round(time.perf_counter() - self.started, 2), "results": self.results,
               "ratios": [asdict(r) for r in self.ratios]}
        path = self.json_path or Path(tempfile.gettempdir()) / "memlora-bench" / f"{self.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=2, default=str) + "\n")
        print(f"result: {path}")
        return path


def ratio_table(ratios: list[Ratio]) -> str:
    rows = [("ratio", "measured", "against", "ratio", "goal")]
    rows += [(r.label, f"{r.measured:.4g}", f"{r.against:.4g}", f"{r.ratio:.2f}", r.goal or "-") for r in ratios]
    w = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(row)) for row in rows]
    return "\n".join(["", "== ratios (measured in this process) ==", lines[0], "  ".join("-" * x for x in w), *lines[1:]])


def start(name: str, args: argparse.Namespace | None = None) -> Bench:
    """Record the machine before the workload starts and print it as one line."""
    opts = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args or argparse.Namespace()).items()}
    bench = Bench(name=name, args=opts, machine=machine_info(), json_path=getattr(args, "json", None))
    m = bench.machine
    print(f"[{name}] {m['cores_usable']}/{m['cores']} cores, load {m['load_average']}, torch threads {m['torch_threads']}, "
          f"torch {m['torch']}, {m['platform']}, python {m['python']}, commit {m['commit']}", flush=True)
    return bench
