"""One nightly job per store at a time.

The lock is a kernel lock (`flock`, through filelock's UnixFileLock) on `nightly.lock` in the state directory,
on the store's volume: the kernel drops it the moment the holding process ends, however it ends (SIGKILL,
OOM, a pod evicted past its deadline), so a killed job never blocks the next night, whichever host it runs
on. What the file holds is only the owner (pid, host, start time, command), written after the lock is taken,
so a refused job can say who holds it and a taker can say whose lock it found. Liveness is never guessed
from that text (a pid means nothing on another host): the kernel lock alone decides.

The descriptor is not inheritable (Python's default), so `mlflow server` or Ray processes a job starts do not
keep the lock alive after it; a child forked without exec would. On NFS, Linux maps flock to POSIX locks,
which the server releases when the client's lease ends.
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from filelock import Timeout, UnixFileLock

from memlora.errors import JobError


@dataclass
class LockInfo:
    pid: int
    host: str
    started_at: float
    command: str = ""

    def describe(self) -> str:
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(self.started_at))
        return f"pid {self.pid} on host {self.host}, started {started}" + (f", {self.command!r}" if self.command else "")


def pid_alive(pid: int) -> bool:
    """Whether a pid runs on this host (tests use it to show a killed job is gone; the lock does not need it)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed child not yet reaped) is dead for our purpose
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def _parse(text: str) -> LockInfo | None:
    if not text.strip():
        return None
    try:
        data = json.loads(text)
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["started_at"]), str(data.get("command", "")))
    except (ValueError, KeyError, TypeError):
        return LockInfo(-1, "?", 0.0, "unreadable owner record")


def read_lock(path: Path) -> LockInfo | None:
    """The owner recorded in the lock file (the current holder, or the last one if nobody holds it)."""
    try:
        return _parse(Path(path).read_text(errors="replace"))
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo(-1, "?", 0.0, "unreadable owner record")


class JobLock:
    """Context manager: `with JobLock(path): ...`; raises JobError (exit 3) while another job holds it."""

    def __init__(self, path: Path, command: str = "memlora nightly", say: Callable[[str], None] = print):
        self.path = Path(path)
        self.command = command
        self.say = say
        self.info: LockInfo | None = None
        self._lock = UnixFileLock(str(self.path), timeout=0, on_acquired=self._record_owner, fallback_to_soft=False)

    def _record_owner(self, fd: int) -> None:
        found = _parse(os.pread(fd, 65536, 0).decode(errors="replace"))
        if found is not None:
            self.say(f"taking over stale lock {self.path}: {found.describe()} is no longer running "
                     f"(the kernel released its lock when it ended)")
        me = LockInfo(os.getpid(), socket.gethostname(), time.time(), self.command)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(me)).encode(), 0)
        os.fsync(fd)
        self.info = me

    def acquire(self) -> LockInfo:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            held = read_lock(self.path)
            owner = held.describe() if held else "owner not yet recorded"
            raise JobError(f"another nightly job is running ({owner}); lock file {self.path}") from None
        except OSError as e:
            raise JobError(f"cannot lock {self.path}: {e.strerror or e} (the state volume must support flock)") from None
        return self.info

    def release(self) -> None:
        """Clear the owner record, then unlock: an empty file means nobody holds it and nothing is stale."""
        if self._lock.is_locked:
            try:
                with open(self.path, "r+b") as f:
                    f.truncate(0)
            finally:
                self._lock.release()
        self.info = None

    def __enter__(self) -> "JobLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
