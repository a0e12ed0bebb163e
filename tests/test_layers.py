"""The layer contract (pyproject's [tool.importlinter]) holds: ground -> distill -> adapters -> registry -> serving,
jobs on top, the CLI as the roof, and no import cycle inside a package.

An editable install maps `memlora.distill` -> `distill/` through an import hook that grimp (import-linter's graph
builder) does not follow, so the contract runs against the layout a regular install produces: pyproject's
package-dir mapping copied into a temporary directory. Copying, not `pip install --target`, keeps setuptools'
`build/` out of the checkout.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def installed_layout(dst: Path) -> Path:
    """The sources laid out as `pip install .` would, from pyproject's own package-dir mapping."""
    mapping = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    for package, src in sorted(mapping.items(), key=lambda kv: kv[0].count(".")):
        shutil.copytree(REPO / src, dst.joinpath(*package.split(".")), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return dst


def lint(root: Path, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(exe), "--config", str(REPO / "pyproject.toml"), "--no-cache"], cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=300)


def test_layer_contract_holds(tmp_path):
    done = lint(installed_layout(tmp_path / "site"), tmp_path)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_contract_catches_an_upward_import_and_a_cycle(tmp_path):
    """A contract that a planted violation does not break checks nothing: plant both kinds in a copy."""
    root = installed_layout(tmp_path / "site")
    (root / "memlora" / "distill" / "zz_upward.py").write_text("import memlora.serving.slots\n")
    (root / "memlora" / "registry" / "zz_a.py").write_text("from . import zz_b\n")
    (root / "memlora" / "registry" / "zz_b.py").write_text("from . import zz_a\n")
    done = lint(root, tmp_path)
    assert done.returncode != 0
    assert "memlora.distill.zz_upward -> memlora.serving.slots" in done.stdout, done.stdout[-3000:]
    assert "zz_a" in done.stdout and "zz_b" in done.stdout and "Contracts: 0 kept, 2 broken." in done.stdout
