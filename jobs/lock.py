"""One nightly job per store at a time.

A lock file holds who owns it (pid, host, start time). It is created with
write-to-temp + `os.link`, which fails if the lock exists, so creation is atomic
and the file is never seen half-written. A lock whose pid is dead on this host is
stale (the job was killed): it is taken over with a message. A lock from another
host cannot be checked and is refused, naming the owner and the file to delete.
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, asdict
from pathlib import Path
from typing import Callable

from memlora.errors import JobError


@dataclass
class LockInfo:
    pid: int
    host: str
    started_at: float
    command: str = ""


def pid_alive(pid: int) -> bool:
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


def read_lock(path: Path) -> LockInfo | None:
    try:
        data = json.loads(Path(path).read_text())
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["started_at"]), str(data.get("command", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo(-1, socket.gethostname(), 0.0, "unreadable lock file")


class JobLock:
    """Context manager: `with JobLock(path): ...`; raises JobError (exit 3) when another live job holds it."""

    def __init__(self, path: Path, command: str = "memlora nightly", say: Callable[[str], None] = print):
        self.path = Path(path)
        self.command = command
        self.say = say
        self.info: LockInfo | None = None

    def acquire(self) -> LockInfo:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        me = LockInfo(os.getpid(), socket.gethostname(), time.time(), self.command)
        for _ in range(5):
            tmp = self.path.with_name(f".{self.path.name}.{me.pid}.tmp")
            tmp.write_text(json.dumps(asdict(me)))
            try:
                os.link(tmp, self.path)
                self.info = me
                return me
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
            held = read_lock(self.path)
            if held is None:
                continue
            started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(held.started_at))
            if held.host != me.host:
                raise JobError(
                    f"another nightly job holds the lock {self.path} (pid {held.pid} on host {held.host}, started {started}); "
                    f"if that job is gone, delete the file"
                )
            if pid_alive(held.pid):
                raise JobError(f"another nightly job is running (pid {held.pid}, started {started}); lock file {self.path}")
            self.say(f"taking over stale lock {self.path}: pid {held.pid} on {held.host} (started {started}) is no longer running")
            # rename first so two takers cannot both delete a fresh lock
            stale = self.path.with_name(f".{self.path.name}.stale.{me.pid}")
            try:
                os.rename(self.path, stale)
                stale.unlink(missing_ok=True)
            except FileNotFoundError:
                pass
        raise JobError(f"could not acquire the job lock {self.path} (contended)")

    def release(self) -> None:
        held = read_lock(self.path)
        if self.info and held and held.pid == self.info.pid and held.host == self.info.host:
            self.path.unlink(missing_ok=True)
        self.info = None

    def __enter__(self) -> "JobLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
