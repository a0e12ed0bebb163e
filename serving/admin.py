"""The worker's commands: admin operations (prefetch, reload, evict, forget), cancellations, the model
list, stats, health, and applying a registry snapshot.

Why they run in the worker: the engine and its adapter tiers live in that one process, so commands
travel the request queue like chat requests (`protocol.Command`) and are answered from the decode
thread. This is a part of `worker.Worker` (a mixin): it reads the worker's request queues and answers
through its `_reply`, so it holds no state of its own except the commands that wait for a snapshot.
"""
from __future__ import annotations

from dataclasses import dataclass

from .codes import Code, ErrorType
from .protocol import ApiError, Command

ADMIN_OPS = ("prefetch", "reload", "evict", "forget")


@dataclass
class Pending:
    """An admin command answered once a registry snapshot at least this new has been applied."""

    uid: str
    cmd: Command
    need_seq: int


def _forgotten_error(tenant: str) -> ApiError:
    return ApiError(404, f"tenant {tenant!r} was forgotten", param="model", code=Code.TENANT_FORGOTTEN)


class AdminCommands:
    def _command(self, uid: str | None, cmd: Command) -> None:
        op = cmd.op
        if op == "_snapshot":
            self._apply_snapshot(cmd.args["seq"], cmd.args["snap"], cmd.args["error"])
            return
        if op == "cancel":
            self._cancel_request(cmd.target)
            self._reply(uid, {"cancelled": cmd.target})
        elif op == "models":
            self._reply(uid, {"tenants": {t: v for t, v in self.catalog.snapshot.items() if not self.availability.forgotten(t)}})
        elif op == "stats":
            self._reply(uid, self._stats())
        elif op == "health":
            self._reply(uid, self.catalog.health())
        elif op in ADMIN_OPS:
            self._admin(uid, cmd)
        else:
            raise ApiError(400, f"unknown command {op!r}")

    def _admin(self, uid: str, cmd: Command) -> None:
        tenant = cmd.tenant
        if not tenant:
            raise ApiError(400, "admin command needs a tenant", param="tenant")
        if cmd.op == "forget":
            self._forget(uid, tenant)
        elif cmd.op == "reload":
            # A new champion: answered once a registry snapshot taken after this command has been applied.
            self.availability.unforget(tenant)
            self._reloads.append(Pending(uid, cmd, self.catalog.watcher.poke()))
        elif cmd.op == "evict":
            self.engine.evict(tenant)
            self._reply(uid, {"tenant": tenant, "op": "evict"})
        elif cmd.op == "prefetch":
            if self.availability.forgotten(tenant):
                raise ApiError(404, f"tenant {tenant!r} was forgotten", param="tenant", code=Code.MODEL_NOT_FOUND)
            if tenant not in self.catalog.snapshot:  # maybe registered since the last poll: ask the registry first
                self._reloads.append(Pending(uid, cmd, self.catalog.watcher.poke()))
                return
            self.engine.prefetch(tenant)
            self._reply(uid, {"tenant": tenant, "op": "prefetch", "version": self.catalog.snapshot[tenant]})

    def _forget(self, uid: str, tenant: str) -> None:
        """Never serve it again, even from cache: stop its running requests, purge every tier."""
        self.availability.forget(tenant)
        for c in [c for c in self._running.values() if c.gen is not None and c.gen.tenant == tenant]:
            self._cancel_engine(c.uid)
            self._fail(c.uid, _forgotten_error(tenant))
        for c in [c for c in self._waiting if c.gen is not None and c.gen.tenant == tenant]:
            self._waiting.remove(c)
            self._reply_error(c.uid, _forgotten_error(tenant))
        self.engine.forget(tenant)
        self._reply(uid, {"tenant": tenant, "op": "forget", "forgotten": True})

    def _apply_snapshot(self, seq: int, view, error: str | None) -> None:
        applied = self.catalog.apply(seq, view, error)
        for t in applied.reload:
            self.engine.reload(t)
        for t in applied.purge:  # deleted from the registry (e.g. `memlora registry forget`): purge every tier
            self.engine.forget(t)
        for p in [p for p in self._reloads if self.catalog.seq_applied >= p.need_seq]:
            self._reloads.remove(p)
            self._answer_pending(p, error)

    def _answer_pending(self, p: Pending, error: str | None) -> None:
        t = p.cmd.tenant
        try:
            if error is not None:
                raise ApiError(503, f"the adapter registry is unreachable: {error}", type=ErrorType.SERVER, code=Code.REGISTRY_UNAVAILABLE)
            if t not in self.catalog.snapshot:
                raise ApiError(404, f"tenant {t!r} has no champion adapter", param="tenant", code=Code.MODEL_NOT_FOUND)
            if p.cmd.op == "reload":
                self.engine.reload(t)
            else:
                self.engine.prefetch(t)
            self._reply(p.uid, {"tenant": t, "op": p.cmd.op, "version": self.catalog.snapshot[t]})
        except ApiError as e:
            self._reply_error(p.uid, e)
        except Exception as e:
            self._reply_error(p.uid, ApiError(500, f"{p.cmd.op} failed: {type(e).__name__}: {e}", type=ErrorType.SERVER))

    def _cancel_request(self, target: str | None) -> None:
        if target in self._running:
            self._cancel_engine(target)
            self._running.pop(target)
            self._emit(target, "", final=True)
            return
        for lst in (self._waiting, self._unresolved):
            for c in list(lst):
                if c.uid == target:
                    lst.remove(c)
                    self._emit(target, "", final=True)
                    return
        if target is not None:  # maybe still on the admission thread: drop it when it arrives
            self._cancelled_early[target] = None
            while len(self._cancelled_early) > 1024:
                self._cancelled_early.popitem(last=False)

    def _stats(self) -> dict:
        try:
            eng = self.engine.stats()
        except Exception as e:
            eng = {"error": str(e)}
        c = self._counters
        return {
            "api": {
                "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens, "residual_tokens": c.residual_tokens,
                "requests_finished": c.requests_finished, "requests_failed": c.requests_failed,
                "running": len(self._running), "waiting": len(self._waiting) + len(self._unresolved),
                "forgotten": self.availability.n_forgotten(), "champions": len(self.catalog.snapshot),
                "registry_up": 0 if self.catalog.error else 1, "finish_reasons": dict(c.finish_reasons),
                "running_adapters": sorted({c.gen.tenant for c in self._running.values() if c.gen is not None and c.gen.tenant}),
                "waiting_adapters": sorted({c.job.tenant for c in (*self._waiting, *self._unresolved) if c.job.tenant}),
            },
            "engine": eng,
        }
