"""Start the fleet: Ray (local, or a cluster at `fleet.ray_address`), Serve's HTTP proxy, the application."""
from __future__ import annotations

import logging
import signal
import time

import ray
from ray import serve
from ray.serve.handle import DeploymentHandle

from memlora.settings import Settings

from .ingress import Ingress
from .replica import Replica

log = logging.getLogger(__name__)
APP_NAME = "memlora"
REPLICA_QUEUE_FACTOR = 2  # requests Ray may hand one replica at once, per batch row: the rest wait at the router


def build_app(settings: Settings):
    """The bound application: N replicas, each a whole engine with `serving.*` budgets, behind one ingress."""
    f = settings.fleet
    replica = Replica.options(
        num_replicas=f.replicas, ray_actor_options={"num_cpus": f.replica_cpus},
        max_ongoing_requests=settings.serving.max_batch_size * REPLICA_QUEUE_FACTOR,
        health_check_period_s=2, graceful_shutdown_timeout_s=5,
    )
    ingress = Ingress.options(num_replicas=1, ray_actor_options={"num_cpus": 0}, max_ongoing_requests=10_000)
    return ingress.bind(replica.bind(settings), settings)


def start_fleet(settings: Settings, host: str, port: int, num_cpus: float | None = None) -> DeploymentHandle:
    """Deploys and returns once every replica has loaded the base (Serve's `run` waits for readiness)."""
    init_ray(settings, num_cpus)
    serve.start(http_options={"host": host, "port": port})
    return serve.run(build_app(settings), name=APP_NAME, route_prefix="/", blocking=False)


def init_ray(settings: Settings, num_cpus: float | None = None) -> None:
    if not ray.is_initialized():
        addr = settings.fleet.ray_address
        ray.init(address=addr, num_cpus=None if addr else num_cpus, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)


def stop_fleet() -> None:
    serve.delete(APP_NAME, _blocking=True)
    serve.shutdown()


def run_fleet(settings: Settings, host: str, port: int) -> None:
    """`memlora serve --replicas N` in the foreground, until Ctrl+C or SIGTERM (also while it is still deploying)."""
    init_ray(settings)
    signal.signal(signal.SIGTERM, _interrupt)  # after ray.init, whose own handler dumps a stack and kills the process
    try:
        start_fleet(settings, host, port)
        while True:
            time.sleep(1.0)
    except KeyboardInterrupt:
        log.warning("stopping the fleet")
    finally:
        stop_fleet()
        ray.shutdown()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
