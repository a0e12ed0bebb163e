import json
import os
import shutil
import subprocess
import sys

import pytest
import torch

from memlora.runtime.base import fingerprint, load_base
from memlora.runtime.provision import DEFAULT_GGUF, MANIFEST, load_gguf, pull_default
from memlora.errors import MemloraError
from memlora.settings import Settings


def _cli(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEMLORA_")}
    env.update(env_extra)
    env["MEMLORA_CONFIG"] = ""
    return subprocess.run([sys.executable, "-m", "memlora.cli", *args], capture_output=True, text=True, env=env, timeout=300)


def test_tiny_base_loads_and_generates(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    enc = tok.apply_chat_template([{"role": "user", "content": "hi"}], add_generation_prompt=True, return_tensors="pt", return_dict=True)
    out = model.generate(**enc, max_new_tokens=5, do_sample=False)
    assert out.shape[1] == enc["input_ids"].shape[1] + 5
    assert tiny_base.device == "cpu" and tiny_base.dtype == torch.float32
    assert len(tiny_base.fingerprint) == 16


def test_fingerprint_changes_with_weights(tiny_base_dir, tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(tiny_base_dir, copy)
    fp1 = fingerprint(copy)
    assert fp1 == fingerprint(tiny_base_dir)
    st = copy / "model.safetensors"
    data = bytearray(st.read_bytes())
    data[-1] ^= 0xFF
    st.write_bytes(bytes(data))
    assert fingerprint(copy) != fp1


def test_missing_model_path_is_one_line_error(tmp_path):
    with pytest.raises(MemloraError, match="does not exist"):
        load_base(Settings(home=tmp_path, base_model=str(tmp_path / "nope")))
    r = _cli(["model", "info"], {"MEMLORA_BASE_MODEL": str(tmp_path / "nope"), "MEMLORA_HOME": str(tmp_path)}, tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_corrupt_safetensors_is_one_line_error(tiny_base_dir, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(tiny_base_dir, bad)
    (bad / "model.safetensors").write_bytes(b"\x00garbage" * 10)
    r = _cli(["model", "info"], {"MEMLORA_BASE_MODEL": str(bad), "MEMLORA_HOME": str(tmp_path)}, tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "cannot load base model" in r.stderr and str(bad) in r.stderr


def test_not_a_causal_lm_is_refused(tiny_base_dir, tmp_path):
    d = tmp_path / "bert"
    shutil.copytree(tiny_base_dir, d)
    cfg = json.loads((d / "config.json").read_text())
    cfg["architectures"] = ["BertModel"]
    (d / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(MemloraError, match="not a causal language model"):
        load_base(Settings(home=tmp_path, base_model=str(d)))


def test_corrupt_gguf_is_one_line_error(tmp_path):
    f = tmp_path / "broken.gguf"
    f.write_bytes(b"GGUF" + os.urandom(1000))
    with pytest.raises(MemloraError, match="cannot read GGUF"):
        load_gguf(f)


def test_pull_is_idempotent(real_base_dir):
    res = pull_default(real_base_dir.parent)
    assert res.action == "present" and "nothing to do" in res.message
    manifest = json.loads((real_base_dir / MANIFEST).read_text())
    assert set(manifest["files"]) >= {"model.safetensors", "tokenizer.json", "config.json"}


@pytest.mark.model
def test_converted_model_matches_gguf_logits_and_corruption_is_repaired(real_base_dir, tmp_path):
    gguf = real_base_dir.parent / "downloads" / DEFAULT_GGUF
    if not gguf.is_file():
        from memlora.runtime.provision import find_default_gguf

        gguf = find_default_gguf(real_base_dir.parent / "downloads")
    ref, tok = load_gguf(gguf)
    conv = load_base(Settings(home=tmp_path, base_model=str(real_base_dir))).model
    ids = tok("Pat's boat is called Sea Biscuit. What is it called?", return_tensors="pt")
    with torch.no_grad():
        a, b = ref(**ids).logits, conv(**ids).logits
    assert torch.allclose(a, b, atol=1e-5), float((a - b).abs().max())

    models = tmp_path / "models"
    (models / "downloads").mkdir(parents=True)
    shutil.copy(gguf, models / "downloads" / DEFAULT_GGUF)
    first = pull_default(models)
    assert first.action == "converted"
    st = first.path / "model.safetensors"
    with open(st, "r+b") as f:
        f.seek(st.stat().st_size // 2)
        f.write(b"\xde\xad\xbe\xef")
    again = pull_default(models)
    assert again.action == "reprovisioned" and "model.safetensors" in again.message
    assert again.fingerprint == first.fingerprint
    assert pull_default(models).action == "present"
