"""MLflow client setup shared by the registry modules: URIs, experiment, SQLite lock retries.

Why retries and a file lock: the embedded store is one SQLite file, and two
processes (nightly workers) writing to it at once get `database is locked`, and
two processes creating a fresh store at once both try to run MLflow's schema
migrations. The lock serialises only store creation; writes retry with backoff.
"""
from __future__ import annotations

import fcntl
import random
import time
from contextlib import contextmanager
from typing import Callable, TypeVar

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from memlora.errors import JobError, MemloraError
from memlora.settings import Settings

T = TypeVar("T")


def is_embedded(settings: Settings) -> bool:
    return settings.tracking_uri.startswith("sqlite:")


def backend_store_uri(settings: Settings) -> str | None:
    """The database to purge in: the embedded store, or the one configured for a remote server."""
    if settings.registry.backend_store_uri:
        return settings.registry.backend_store_uri
    uri = settings.tracking_uri
    return uri if not uri.startswith(("http:", "https:", "databricks")) else None


def _locked(e: BaseException) -> bool:
    s = str(e).lower()
    return "database is locked" in s or "database table is locked" in s or "sqlite_busy" in s


def retry(settings: Settings, fn: Callable[[], T]) -> T:
    n = max(1, settings.registry.lock_retries)
    for attempt in range(n):
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - only lock errors are retried
            if not _locked(e) or attempt == n - 1:
                raise
            time.sleep(min(0.05 * 2**attempt, 2.0) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def store_lock(settings: Settings):
    if not is_embedded(settings):
        yield
        return
    settings.mlflow_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.mlflow_dir / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def make_client(settings: Settings) -> MlflowClient:
    """A client on the configured store; an embedded store is created (schema migrations) under the file lock."""
    uri = settings.tracking_uri
    if not is_embedded(settings):
        return MlflowClient(tracking_uri=uri, registry_uri=uri)
    with store_lock(settings):
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        retry(settings, lambda: client.search_experiments(max_results=1))
        retry(settings, lambda: client.search_registered_models(max_results=1))
    return client


def ensure_experiment(settings: Settings, client: MlflowClient) -> str:
    """Get or create the one `memlora` experiment; its artifacts go under settings.artifact_root when embedded."""
    name = settings.registry.experiment

    def get_or_create() -> str:
        exp = client.get_experiment_by_name(name)
        if exp is not None:
            if exp.lifecycle_stage == "deleted":
                client.restore_experiment(exp.experiment_id)
            return exp.experiment_id
        location = None
        if is_embedded(settings):
            settings.artifact_root.mkdir(parents=True, exist_ok=True)
            location = settings.artifact_root.resolve().as_uri()
        try:
            return client.create_experiment(name, artifact_location=location)
        except MlflowException as e:
            if "already exists" in str(e).lower() or "unique constraint" in str(e).lower():
                return client.get_experiment_by_name(name).experiment_id
            raise

    with store_lock(settings):
        return wrap(settings, lambda: retry(settings, get_or_create))


def wrap(settings: Settings, fn: Callable[[], T]) -> T:
    """Turn an unreachable store into a JobError naming the URI, not a traceback."""
    try:
        return fn()
    except MemloraError:
        raise
    except MlflowException as e:
        msg = str(e)
        if "API request to" in msg or "Max retries exceeded" in msg or "Connection refused" in msg:
            raise JobError(f"MLflow store unreachable at {settings.tracking_uri}: {msg.splitlines()[0][:200]}") from None
        raise


def not_found(e: BaseException) -> bool:
    if not isinstance(e, MlflowException):
        return False
    return e.error_code in ("RESOURCE_DOES_NOT_EXIST", "NOT_FOUND") or "not found" in str(e).lower()
