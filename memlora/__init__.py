"""memlora: parametric memory as per-tenant LoRA adapters."""
__version__ = "0.1.0"
