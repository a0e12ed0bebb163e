"""Writers of real PEFT adapters for the serving tests (random LoRA weights, saved by PEFT itself)."""
from __future__ import annotations

from pathlib import Path


def write_peft_adapter(model, out_dir: Path, seed: int, r: int = 8, alpha: int = 16, targets="all-linear",
                       base_fingerprint: str | None = None, tenant: str = "t", std: float = 0.05) -> Path:
    """Save a LoRA adapter for `model` with random A and B (B is zero at PEFT init), leaving `model` unchanged."""
    import torch
    from peft import LoraConfig, get_peft_model

    cfg = LoraConfig(r=r, lora_alpha=alpha, target_modules=targets, task_type="CAUSAL_LM")
    torch.manual_seed(seed)
    pm = get_peft_model(model, cfg, adapter_name="tmp")
    for name, p in pm.named_parameters():
        if "lora_B" in name or "lora_A" in name:
            torch.nn.init.normal_(p, std=std)
    tmp = Path(out_dir).with_name(Path(out_dir).name + ".peft")
    pm.save_pretrained(str(tmp), selected_adapters=["tmp"])
    pm.unload()
    src = tmp / "tmp" if (tmp / "tmp").is_dir() else tmp
    out = Path(out_dir)
    src.rename(out)
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    if base_fingerprint is not None:
        from types import SimpleNamespace

        from memlora.adapters.manifest import import_adapter

        import_adapter(out, tenant, SimpleNamespace(model=model, fingerprint=base_fingerprint))
    return out
