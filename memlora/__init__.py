"""memlora: parametric memory as per-tenant LoRA adapters."""
import os as _os

# torch's OpenMP threads busy-wait by default; beside a server, a client or another job on the same cores that
# spin made one tiny-model decode step 30x slower here. Set before torch is imported; an explicit value wins.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"
