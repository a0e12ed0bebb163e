"""The adapter as an MLflow pyfunc model, so `mlflow.pyfunc.load_model("models:/<name>@champion")` can generate.

The model carries only the adapter directory as an artifact (tens of MB), not
the base (hundreds of MB, shared by every tenant): `load_context` loads the base
that `memlora.settings` points at and refuses it unless its fingerprint is the
one the adapter was trained on. It never provisions the default base on its own
unless MEMLORA_HOME says where: a bare `load_model` in a notebook would otherwise
convert a 700 MB model into `./.memlora` of whatever directory it runs in.

Input is chat-shaped (`messages`: a list of {role, content}, like the serving
API), output one string per row. `predict` is typed with `pd.DataFrame`, a hint
MLflow accepts without inferring a schema from it, so the explicit signature
below (with its `max_new_tokens` param) is the one recorded.
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import mlflow.pyfunc
import pandas as pd

from memlora.adapter_dir import check_base, read_manifest
from memlora.errors import MemloraError
from memlora.runtime.base import load_base
from memlora.runtime.provision import MANIFEST, default_model_dir
from memlora.settings import get_settings

ARTIFACT = "adapter"


def signature():
    from mlflow.models import ModelSignature
    from mlflow.types.schema import Array, ColSpec, Object, ParamSchema, ParamSpec, Property, Schema

    message = Object([Property("role", "string"), Property("content", "string")])
    return ModelSignature(
        inputs=Schema([ColSpec(Array(message), "messages")]),
        outputs=Schema([ColSpec("string")]),
        params=ParamSchema([ParamSpec("max_new_tokens", "long", 64)]),
    )


def _settings():
    s = get_settings()
    if s.base_model == "default" and "MEMLORA_HOME" not in os.environ:

        if not (default_model_dir(s.models_dir) / MANIFEST).is_file():
            raise MemloraError(
                f"memlora adapter: no base model under {s.models_dir.resolve()}; set MEMLORA_HOME to memlora's home "
                "(or MEMLORA_BASE_MODEL to a local base) before mlflow.pyfunc.load_model")
    return s


class AdapterModel(mlflow.pyfunc.PythonModel):
    def load_context(self, context) -> None:
        from peft import PeftModel


        adapter_dir = Path(context.artifacts[ARTIFACT])
        manifest = read_manifest(adapter_dir, "memlora adapter")
        base = load_base(_settings())
        check_base(manifest.base_fingerprint, base.fingerprint, f"tenant {manifest.tenant!r}", f"adapter {adapter_dir}",
                   f" (the configured base is {base.path}; set MEMLORA_BASE_MODEL)")
        self.tokenizer = base.tokenizer
        self.device = base.device
        self.model = PeftModel.from_pretrained(base.model, str(adapter_dir))
        self.model.eval()

    def predict(self, context, model_input: pd.DataFrame, params: dict[str, Any] | None = None) -> list[str]:
        import torch

        max_new = int((params or {}).get("max_new_tokens", 64))
        out = []
        for messages in _conversations(model_input):
            ids = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                     return_dict=True).to(self.device)
            with torch.no_grad():
                gen = self.model.generate(**ids, max_new_tokens=max_new, do_sample=False, pad_token_id=self.tokenizer.pad_token_id)
            out.append(self.tokenizer.decode(gen[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip())
        return out


def _conversations(model_input: Any) -> list[list[dict]]:
    """Rows of `messages` (the signature); a bare prompt string or list of them is one user turn each."""
    if isinstance(model_input, pd.DataFrame) and "messages" in model_input.columns:
        return [[{"role": str(m["role"]), "content": str(m["content"])} for m in row] for row in model_input["messages"]]
    if isinstance(model_input, pd.DataFrame):
        model_input = model_input.iloc[:, 0].tolist()
    if isinstance(model_input, str):
        model_input = [model_input]
    return [[{"role": "user", "content": str(p)}] for p in model_input]


def requirements() -> list[str]:
    """Pinned from package metadata, not inferred (inference would load the model) nor imported (slow)."""
    from importlib.metadata import version

    return [f"{p}=={version(p).split('+')[0]}" for p in ("memlora", "mlflow", "peft", "transformers", "torch")]


def save(adapter_dir: Path, dst: Path) -> None:
    """Write the adapter in MLflow's model format at `dst`."""
    with _staged(adapter_dir) as staged:
        mlflow.pyfunc.save_model(path=str(dst), **_model_kwargs(staged))


def log(adapter_dir: Path, run_id: str, tracking_uri: str) -> str:
    """Log the adapter as a Logged Model of `run_id` (MLflow 3: it gets its own page, linked to the run and versions);
    returns its model id. MLflow's logging API reads the global tracking URI and experiment: the model is created
    in the run's experiment first, and the URI set only for this call."""
    from mlflow import MlflowClient
    from mlflow.models import Model
    from mlflow.tracking._tracking_service.utils import _use_tracking_uri

    client = MlflowClient(tracking_uri)
    run = client.get_run(run_id)
    model = client.create_logged_model(run.info.experiment_id, name="adapter", source_run_id=run_id,
                                       model_type="memlora-lora-adapter", params=dict(run.data.params))
    with _staged(adapter_dir) as staged, _use_tracking_uri(tracking_uri), warnings.catch_warnings():
        # no input example on purpose: MLflow would load the base and the adapter to check it
        warnings.filterwarnings("ignore", message=".*input example was not provided", category=UserWarning)
        Model.log(artifact_path=None, name="adapter", flavor=mlflow.pyfunc, run_id=run_id, model_id=model.model_id,
                  **_model_kwargs(staged))
    return model.model_id


def _model_kwargs(staged: Path) -> dict:
    return dict(python_model=str(Path(__file__).with_name("pyfunc_entry.py")), artifacts={ARTIFACT: str(staged)},
                signature=signature(), pip_requirements=requirements())


class _staged:
    """A copy of the adapter named `adapter` (MLflow keeps the source's basename) in a temporary directory."""

    def __init__(self, adapter_dir: Path):
        self.adapter_dir = Path(adapter_dir)

    def __enter__(self) -> Path:
        import shutil
        import tempfile

        self._tmp = tempfile.TemporaryDirectory()
        staged = Path(self._tmp.name) / ARTIFACT
        shutil.copytree(self.adapter_dir, staged)
        return staged

    def __exit__(self, *exc) -> None:
        self._tmp.cleanup()
