"""The CLI's surface, without a model: capacity flags, argument checks before the base loads, no library noise."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from memlora.cli import main


def test_serve_help_lists_the_capacity_flags():
    out = CliRunner().invoke(main, ["serve", "--help"], terminal_width=200).output
    for flag in ("--slots", "--slot-rank", "--host-cache", "--replicas"):
        assert flag in out, out
    r = CliRunner().invoke(main, ["serve", "--host-cache", "lots"])
    assert r.exit_code == 2 and "--host-cache must be a size like 512MiB" in r.output
    r = CliRunner().invoke(main, ["serve", "--replicas", "0"])
    assert r.exit_code == 2 and "--replicas" in r.output


def test_train_and_eval_check_their_arguments_before_loading_the_base(settings, tmp_path, monkeypatch):
    """The base is set to a path that does not exist: had it been loaded first, that would be the error."""
    monkeypatch.setenv("MEMLORA_BASE_MODEL", str(tmp_path / "no-such-base"))
    data = tmp_path / "distill" / "bob"
    data.mkdir(parents=True)
    (data / "profile.json").write_text(json.dumps({"tenant": "bob", "items": []}))
    r = CliRunner().invoke(main, ["train", "--data", str(data), "--tenant", "bob", "--out", str(tmp_path / "a")])
    assert r.exit_code == 2 and "meta" in r.output and "base model" not in r.output, r.output
    (data / "meta.json").write_text("{}")
    from datasets import Dataset, DatasetDict

    rows = {"prompt": ["q"], "response": ["a"], "kind": ["fact"], "system": [""], "item_id": ["f1"]}
    DatasetDict({"train": Dataset.from_dict(rows), "validation": Dataset.from_dict(rows)}).save_to_disk(str(data / "dataset"))
    r = CliRunner().invoke(main, ["train", "--data", str(data), "--tenant", "alice", "--out", str(tmp_path / "a")])
    assert r.exit_code == 2 and "holds tenant 'bob', not 'alice'" in r.output, r.output
    (tmp_path / "a").write_text("a file")
    r = CliRunner().invoke(main, ["train", "--data", str(data), "--tenant", "bob", "--out", str(tmp_path / "a")])
    assert r.exit_code == 2 and "exists and is not a directory" in r.output, r.output
    r = CliRunner().invoke(main, ["eval", "--data", str(data), "--tenant", "bob", "--adapter", str(tmp_path / "none")])
    assert r.exit_code == 2 and "adapter directory not found" in r.output, r.output


def test_a_registry_command_prints_no_library_noise(settings):
    proc = subprocess.run([sys.executable, "-m", "memlora.cli", "registry", "ls"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "no adapters registered", proc
    assert proc.stderr == "", proc.stderr  # no type-hint warning, no MLflow INFO lines, no migrations log
