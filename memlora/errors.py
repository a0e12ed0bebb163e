"""Errors a user can act on. The CLI prints them as one line and exits with `exit_code`."""
from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1  # the job ran, some tenants failed
EXIT_USER = 2  # bad input, configuration or model path
EXIT_JOB = 3  # the job could not run at all (lock held, store unreachable)


class MemloraError(Exception):
    """A problem with input, configuration or environment, stated in one line."""

    exit_code = EXIT_USER


class ConfigError(MemloraError):
    """A setting that does not validate or a config file that cannot be read (exit 2)."""


class JobError(MemloraError):
    exit_code = EXIT_JOB
