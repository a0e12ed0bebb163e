"""`memlora serve` (owned by serving/)."""
import click

from memlora.errors import MemloraError
from memlora.settings import get_settings


@click.command("serve")
@click.option("--host", default=None, help="Interface to bind (default: serving.host, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: serving.port, 8000).")
@click.option("--log-level", default="warning", show_default=True, type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--slots", type=click.IntRange(min=1), default=None,
              help="Adapters resident on the device at once (default: serving.slots, 8; like vLLM --max-loras).")
@click.option("--slot-rank", type=click.IntRange(min=1), default=None,
              help="Largest LoRA rank a slot holds (default: serving.slot_rank, 16; like vLLM --max-lora-rank).")
@click.option("--host-cache", default=None, metavar="SIZE",
              help="Host-memory cache for adapters not in a slot, e.g. 512MiB, 2GB (default: serving.host_cache_bytes; "
                   "like vLLM --max-cpu-loras, but in bytes).")
@click.option("--replicas", type=click.IntRange(min=1), default=None,
              help="Run the engine as N Ray Serve replicas behind one endpoint, routed by tenant (default: fleet.replicas, 1 = "
                   "one LitServe server). Each replica gets the slot and host-cache budgets above.")
def serve_cmd(host, port, log_level, slots, slot_rank, host_cache, replicas) -> None:
    """Serve every tenant whose champion is in the registry (MEMLORA_HOME), OpenAI-compatible, on one base model."""
    import os
    import signal

    from .server import run_server  # LitServe and FastAPI: only `serve` pays their import

    s = get_settings()
    capacity = {"slots": slots, "slot_rank": slot_rank, "host_cache_bytes": _size(host_cache) if host_cache else None}
    s = s.model_copy(update={"serving": s.serving.model_copy(update={k: v for k, v in capacity.items() if v is not None})})
    host = host or s.serving.host
    if host not in ("127.0.0.1", "0.0.0.0", "::"):
        raise MemloraError(f"serve: --host must be 127.0.0.1, 0.0.0.0 or :: (LitServe binds only these), got {host!r}")
    port = port or s.serving.port
    if not 1024 <= port <= 65535:
        raise MemloraError(f"serve: --port must be between 1024 and 65535, got {port}")

    main_pid = os.getpid()

    def _term(signum, frame):  # SIGTERM shuts down like Ctrl+C: LitServe then stops its worker processes
        if os.getpid() == main_pid:  # LitServe's forked HTTP process inherits this handler; it exits on its own
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    if replicas is not None:
        s = s.model_copy(update={"fleet": s.fleet.model_copy(update={"replicas": replicas})})
    click.echo(f"memlora: serving on http://{host}:{port}/v1 (base {s.base_model}, home {s.home})", err=True)
    if replicas is not None or s.fleet.replicas > 1:
        from .fleet.deploy import run_fleet  # ray[serve] is the `ray` extra: imported only for a fleet

        click.echo(f"memlora: {s.fleet.replicas} Ray Serve replica(s), routing {s.fleet.routing}", err=True)
        run_fleet(s, host, port)
        return
    try:
        run_server(s, host=host, port=port, log_level=log_level)
    except RuntimeError as e:  # LitServe: the worker could not load the base model, the registry or the engine
        raise MemloraError(f"serve: {e} (the worker's error is in the log above)") from None


def _size(text: str) -> int:
    """`512MiB`, `2GB`, `1048576`: pydantic's ByteSize reads the units."""
    from pydantic import ByteSize, TypeAdapter, ValidationError


    try:
        return int(TypeAdapter(ByteSize).validate_python(text))
    except ValidationError:
        raise MemloraError(f"serve: --host-cache must be a size like 512MiB or 2GB, got {text!r}") from None
