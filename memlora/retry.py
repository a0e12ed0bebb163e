"""The one retry loop: bounded attempts within a time budget, exponential backoff, every retry said.

Why one helper: registry calls, a nightly's steps and the store's purge all meet
the same passing failures (a busy SQLite file, a tracking server restarting, a
refused connection). Each caller names which errors are worth another try and
where a retry is said (the registry's log, a job's notes); how often, how long
and how far apart the tries are is this module's `Policy`, built from settings,
and tenacity does the looping.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential_jitter

from memlora.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    """At most `attempts` tries within `max_seconds`; waits start at `initial_seconds`, double, stay under
    `max_wait_seconds`, plus up to `jitter_seconds` of noise so parallel workers do not retry in step."""

    attempts: int
    initial_seconds: float
    max_seconds: float = math.inf
    max_wait_seconds: float = math.inf
    jitter_seconds: float = 0.0


@dataclass(frozen=True)
class Retry:
    """One retry about to happen: the caller's `say` turns it into a log line or a job note."""

    what: str
    attempt: int  # the attempt about to start, from 2
    attempts: int
    error: BaseException
    wait_seconds: float


def registry_policy(settings: Settings) -> Policy:
    """Calls to the tracking store: `registry.retry_*`, waits at most 8 s apart (and a quarter of the budget)."""
    r = settings.registry
    return Policy(attempts=max(1, r.retry_attempts), initial_seconds=r.retry_initial_seconds,
                  max_seconds=max(0.0, r.retry_max_seconds),
                  max_wait_seconds=min(8.0, max(r.retry_initial_seconds, r.retry_max_seconds / 4)),
                  jitter_seconds=r.retry_initial_seconds)


def lock_policy(settings: Settings) -> Policy:
    """An embedded store busy with another process's write: `registry.lock_retries` short tries, at most 2 s apart."""
    return Policy(attempts=max(1, settings.registry.lock_retries), initial_seconds=0.05, max_wait_seconds=2.0, jitter_seconds=0.05)


def job_policy(settings: Settings) -> Policy:
    """A nightly step (distill, register, promote): `jobs.retries` more tries, waits from `jobs.backoff_seconds`, doubling."""
    return Policy(attempts=settings.jobs.retries + 1, initial_seconds=settings.jobs.backoff_seconds)


def call(fn: Callable[[], T], what: str, policy: Policy, transient: Callable[[BaseException], bool],
         say: Callable[[Retry], None] | None = None) -> T:
    """`fn()`, tried again while it raises an error `transient` accepts and the policy allows; then that error
    is raised as it is, so the caller reports it in its own words."""

    def before_sleep(state: RetryCallState) -> None:
        if say is not None:
            say(Retry(what, state.attempt_number + 1, policy.attempts, state.outcome.exception(), state.upcoming_sleep))

    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts) | stop_after_delay(policy.max_seconds),
        wait=wait_exponential_jitter(multiplier=policy.initial_seconds, max=policy.max_wait_seconds, jitter=policy.jitter_seconds),
        retry=retry_if_exception(transient), before_sleep=before_sleep, reraise=True,
    )
    return retrying(fn)
