"""MLflow client setup shared by the registry modules: URIs, experiment, bounded retries.

Why retries and a file lock: the embedded store is one SQLite file, and two
processes (nightly workers) writing to it at once get `database is locked`, and
two processes creating a fresh store at once both try to run MLflow's schema
migrations. The lock serialises only store creation; writes retry with backoff.

Why the client is wrapped: left alone, MLflow retries a refused connection 7
times with exponential backoff and a 120 s timeout, silently: an unreachable
tracking server cost 251 s of silence before exit 3. `make_client` sets MLflow's
own HTTP knobs from `settings.registry` (`http_max_retries`, default 0, and
`http_timeout_seconds`) and returns a client whose every call is retried by
memlora.retry within `retry_attempts` and `retry_max_seconds`, logging each retry
("retrying search_runs (attempt 2/4): ..."), then fails as `RegistryUnavailable`
(exit 3) naming the store. A call that creates something (`create_*`) is
repeated only when the request never reached the server (connection refused or
not established): after a timeout or a 5xx it may have been done once already.
"""
from __future__ import annotations

import fcntl
import logging
import math
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, TypeVar

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException
from memlora import retry
from memlora.errors import JobError, MemloraError
from memlora.settings import Settings

T = TypeVar("T")
log = logging.getLogger("memlora.registry")

# the request never reached the server: safe to repeat any call
_NOT_SENT = re.compile(r"connection refused|newconnectionerror|failed to establish a new connection|connecttimeout|"
                       r"name or service not known|temporary failure in name resolution|nodename nor servname", re.I)
# the server may have acted on it: repeat only calls that change nothing or set a value
_MAYBE_SENT = re.compile(r"read timed out|readtimeout|remotedisconnected|connection aborted|connection reset|"
                         r"too many 5\d\d error responses|too many 429 error responses|error code (5\d\d|429)\b|"
                         r"temporarily_unavailable|bad gateway|service unavailable|gateway time-?out", re.I)


class RegistryUnavailable(JobError):
    """The tracking server did not answer within the configured retries (exit 3)."""


def _first_line(e: BaseException) -> str:
    """The error in one line, its cause kept: MLflow buries "Connection refused" after a long URL."""
    text = " ".join(str(e).split())
    cause = re.search(r"\(Caused by (.*)\)\s*$", text)
    if cause:
        reason = re.search(r"(\[Errno [^\]]*\] [^\"')]*|Read timed out[^\"')]*|too many \d+ error responses)", cause.group(1))
        text = text[:cause.start()].split(" failed with exception")[0] + ": " + (reason.group(1) if reason else cause.group(1)[:160])
    return f"{type(e).__name__}: {text[:300]}"


def _transient(e: BaseException, repeatable: bool) -> bool:
    if isinstance(e, MemloraError):
        return False
    text = f"{type(e).__name__} {e}"
    return bool(_NOT_SENT.search(text)) or (repeatable and bool(_MAYBE_SENT.search(text)))


def bounded(settings: Settings, what: str, fn: Callable[[], T], repeatable: bool = True) -> T:
    """Run one MLflow call with the retry budget of `settings.registry`; RegistryUnavailable when it is spent."""
    policy = retry.registry_policy(settings)
    said: list[retry.Retry] = []
    t0 = time.monotonic()

    def say(r: retry.Retry) -> None:
        said.append(r)
        log.warning("retrying %s (attempt %d/%d): %s", r.what, r.attempt, r.attempts, _first_line(r.error))

    try:
        return retry.call(fn, what, policy, lambda e: _transient(e, repeatable), say)
    except Exception as e:
        if not _transient(e, repeatable):
            raise
        r = settings.registry
        raise RegistryUnavailable(
            f"MLflow store unreachable at {settings.tracking_uri}: {what} failed {len(said) + 1} time(s) in {time.monotonic() - t0:.1f}s "
            f"(registry.retry_attempts={policy.attempts}, retry_max_seconds={r.retry_max_seconds:g}): {_first_line(e)}"
        ) from None


class RetryingClient:
    """An MlflowClient whose public methods run through `bounded`, named by the method, so every call of every
    module (registry, forget, the nightly's summary run, the server's polls) has the same bound and log."""

    def __init__(self, client: MlflowClient, settings: Settings):
        self._client = client
        self._settings = settings

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if name.startswith("_") or not callable(attr):
            return attr
        return partial(self._call, name, attr)

    def _call(self, method: str, fn: Callable, /, *args, **kwargs):  # positional-only: MLflow calls take `name=`
        return bounded(self._settings, method, lambda: fn(*args, **kwargs), repeatable=not method.startswith("create_"))


def configure_http(settings: Settings) -> None:
    """MLflow reads its HTTP retry and timeout knobs from the environment on every request; set them from settings
    (the one source of configuration) before a client talks to a server."""
    r = settings.registry
    os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = str(max(0, r.http_max_retries))
    os.environ["MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"] = "1"
    os.environ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = str(max(1, math.ceil(r.http_timeout_seconds)))


def is_embedded(settings: Settings) -> bool:
    return settings.tracking_uri.startswith("sqlite:")


def store_exists(settings: Settings) -> bool:
    """False only for an embedded store never created: nothing can be registered in it, and asking would create it."""
    uri = settings.tracking_uri
    return not is_embedded(settings) or not uri.startswith("sqlite:///") or Path(uri[len("sqlite:///"):]).exists()


def backend_store_uri(settings: Settings) -> str | None:
    """The database to purge in: the embedded store, or the one configured for a remote server."""
    if settings.registry.backend_store_uri:
        return settings.registry.backend_store_uri
    uri = settings.tracking_uri
    return uri if not uri.startswith(("http:", "https:", "databricks")) else None


def locked(e: BaseException) -> bool:
    """Another process holds the embedded store's write lock: worth another try in a moment."""
    s = str(e).lower()
    return "database is locked" in s or "database table is locked" in s or "sqlite_busy" in s


def retry_locked(settings: Settings, fn: Callable[[], T], what: str = "store write") -> T:
    """`fn()` retried while the embedded store is locked by another writer (`registry.lock_retries` tries)."""
    return retry.call(fn, what, retry.lock_policy(settings), locked)


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


@dataclass(frozen=True)
class Store:
    """The registry's MLflow connection as its modules share it: the settings, the retrying client, and `call`,
    which also waits out another writer's lock on an embedded store and names an unreachable one."""

    settings: Settings
    client: RetryingClient

    def call(self, fn: Callable[[], T]) -> T:
        return wrap(self.settings, lambda: retry_locked(self.settings, fn))


def make_client(settings: Settings) -> RetryingClient:
    """A client on the configured store; an embedded store is created (schema migrations) under the file lock."""
    uri = settings.tracking_uri
    configure_http(settings)
    if not is_embedded(settings):
        return RetryingClient(MlflowClient(tracking_uri=uri, registry_uri=uri), settings)
    with store_lock(settings):  # building the client may already create the store (schema migrations)
        client = RetryingClient(MlflowClient(tracking_uri=uri, registry_uri=uri), settings)
        retry_locked(settings, lambda: client.search_experiments(max_results=1))
        retry_locked(settings, lambda: client.search_registered_models(max_results=1))
    return client


# MLflow 3's UI opens an experiment without this tag in the GenAI traces view; memlora's runs are model training
EXPERIMENT_KIND = "mlflow.experimentKind"
KIND_MODELS = "custom_model_development"


def ensure_experiment(settings: Settings, client: MlflowClient) -> str:
    """Get or create the one `memlora` experiment, tagged as model development (the UI's runs view); its artifacts
    go under settings.artifact_root when embedded."""
    name = settings.registry.experiment

    def get_or_create() -> str:
        exp = client.get_experiment_by_name(name)
        if exp is not None:
            if exp.lifecycle_stage == "deleted":
                client.restore_experiment(exp.experiment_id)
            if (exp.tags or {}).get(EXPERIMENT_KIND) != KIND_MODELS:
                client.set_experiment_tag(exp.experiment_id, EXPERIMENT_KIND, KIND_MODELS)
            return exp.experiment_id
        location = None
        if is_embedded(settings):
            settings.artifact_root.mkdir(parents=True, exist_ok=True)
            location = settings.artifact_root.resolve().as_uri()
        try:
            return client.create_experiment(name, artifact_location=location, tags={EXPERIMENT_KIND: KIND_MODELS})
        except MlflowException as e:
            if "already exists" in str(e).lower() or "unique constraint" in str(e).lower():
                return client.get_experiment_by_name(name).experiment_id
            raise

    with store_lock(settings):
        return wrap(settings, lambda: retry_locked(settings, get_or_create))


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
