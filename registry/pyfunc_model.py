"""The adapter as an MLflow pyfunc model, so `mlflow.pyfunc.load_model("models:/<name>@champion")` can generate.

The model carries only the adapter directory as an artifact (tens of MB), not
the base (hundreds of MB, shared by every tenant): `load_context` loads the base
that `memlora.settings` points at and refuses it unless its fingerprint is the
one the adapter was trained on.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mlflow.pyfunc

ARTIFACT = "adapter"


def signature():
    from mlflow.models import ModelSignature
    from mlflow.types.schema import ColSpec, ParamSchema, ParamSpec, Schema

    return ModelSignature(
        inputs=Schema([ColSpec("string")]),
        outputs=Schema([ColSpec("string")]),
        params=ParamSchema([ParamSpec("max_new_tokens", "long", 64)]),
    )


class AdapterModel(mlflow.pyfunc.PythonModel):
    def load_context(self, context) -> None:
        from peft import PeftModel

        from memlora.adapters.base import load_base
        from memlora.errors import MemloraError
        from memlora.settings import get_settings

        adapter_dir = Path(context.artifacts[ARTIFACT])
        manifest = json.loads((adapter_dir / "memlora.json").read_text())
        base = load_base(get_settings())
        if base.fingerprint != manifest["base_fingerprint"]:
            raise MemloraError(
                f"adapter of tenant {manifest.get('tenant')!r} was trained on base {manifest['base_fingerprint'][:12]}..., "
                f"the configured base {base.path} is {base.fingerprint[:12]}... (set MEMLORA_BASE_MODEL)"
            )
        self.tokenizer = base.tokenizer
        self.device = base.device
        self.model = PeftModel.from_pretrained(base.model, str(adapter_dir))
        self.model.eval()

    def predict(self, context, model_input, params=None):  # untyped: MLflow would infer a schema from hints
        import torch

        prompts = _prompts(model_input)
        max_new = int((params or {}).get("max_new_tokens", 64))
        out = []
        for prompt in prompts:
            ids = self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}], add_generation_prompt=True, return_tensors="pt", return_dict=True
            ).to(self.device)
            with torch.no_grad():
                gen = self.model.generate(**ids, max_new_tokens=max_new, do_sample=False, pad_token_id=self.tokenizer.pad_token_id)
            out.append(self.tokenizer.decode(gen[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip())
        return out


def _prompts(model_input: Any) -> list[str]:
    if isinstance(model_input, str):
        return [model_input]
    if hasattr(model_input, "columns"):
        col = "prompt" if "prompt" in model_input.columns else model_input.columns[0]
        return [str(x) for x in model_input[col].tolist()]
    return [str(x) for x in model_input]


def save(adapter_dir: Path, dst: Path) -> None:
    """Write the adapter in MLflow's model format at `dst` (requirements pinned, not inferred: inference loads the model)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as t:
        staged = Path(t) / ARTIFACT  # MLflow keeps the source's basename: stage it as `adapter`
        shutil.copytree(adapter_dir, staged)
        _save(staged, dst)


def _save(adapter_dir: Path, dst: Path) -> None:
    from importlib.metadata import version

    mlflow.pyfunc.save_model(
        path=str(dst),
        python_model=str(Path(__file__).with_name("pyfunc_entry.py")),
        artifacts={ARTIFACT: str(adapter_dir)},
        signature=signature(),
        # pinned from package metadata, not inferred (inference would load the model) nor imported (slow)
        pip_requirements=["memlora"] + [f"{p}=={version(p).split('+')[0]}" for p in ("mlflow", "peft", "transformers", "torch")],
    )
