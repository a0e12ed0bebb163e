"""The fleet's one HTTP door: the single server's handlers, with the worker queue swapped for Ray Serve.

`FleetSpec` subclasses the LitServe server's `MemloraSpec` and replaces only its three plumbing
methods (`_submit`, `_command`, `_cancel`) plus /health and /metrics: request parsing, auth, error
bodies, response shapes and streaming are the very same code, so a client cannot tell one server from
the fleet. Chat requests go to one replica, routed by tenant (`multiplexed_model_id`); forget, reload
and evict are broadcast and count only when every replica acknowledged; prefetch goes to the replica
the router would pick for that tenant.
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator

import ray.exceptions
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from ray import serve
from ray.serve.handle import DeploymentHandle

from memlora.serving.auth import KeyRing
from memlora.serving.codes import Code, ErrorType
from memlora.serving.http_errors import error_response, install_error_handlers
from memlora.serving.metrics import render
from memlora.serving.openapi import publish_request_models
from memlora.serving.protocol import ERROR, ApiError, ChatJob, Command
from memlora.serving.server import COMPLETIONS_PATH, MemloraSpec
from memlora.settings import Settings

from .forgotten import record_started
from .stats import merge_stats

log = logging.getLogger(__name__)
BROADCAST_OPS = ("forget", "reload", "evict")
CHAT_PATH = "/v1/chat/completions"
HEALTH_TIMEOUT = 5.0


def _replica_lost(e: Exception) -> dict:
    return {"kind": ERROR, "status": 503, "message": f"the replica serving this request stopped ({type(e).__name__}); retry",
            "type": ErrorType.SERVER, "param": None, "code": Code.REPLICA_UNAVAILABLE}


class FleetSpec(MemloraSpec):
    def __init__(self, settings: Settings, replicas: DeploymentHandle):
        super().__init__(settings)
        self.replicas = replicas
        self.response_buffer: dict = {}  # the inherited handlers pop from it; nothing else uses it here
        self._streams: dict[str, object] = {}

    def _route(self, tenant: str | None) -> DeploymentHandle:
        affine = self.settings.fleet.routing == "affinity" and tenant
        return self.replicas.options(multiplexed_model_id=tenant) if affine else self.replicas

    def _submit(self, payload: ChatJob):
        uid = str(uuid.uuid4())
        return uid, self._stream(uid, payload)

    async def _stream(self, uid: str, job: ChatJob) -> AsyncIterator[dict]:
        """A replica that is gone before it answered anything is retried once on another; one that dies
        mid-answer fails this request with 503 (its tokens cannot be resumed elsewhere)."""
        handle = self._route(job.tenant).options(stream=True)
        try:
            for attempt in (0, 1):
                gen = handle.generate.remote(job)
                self._streams[uid] = gen
                started = False
                try:
                    async for ev in gen:
                        started = True
                        yield ev
                    return
                except ray.exceptions.RayError as e:
                    if started or attempt:
                        yield _replica_lost(e)
                        return
                    log.warning("replica unavailable before answering %s (%s); retrying on another", uid, type(e).__name__)
        finally:
            self._streams.pop(uid, None)

    def _cancel(self, uid: str) -> None:
        gen = self._streams.pop(uid, None)
        if gen is not None:
            gen.cancel()

    async def _command(self, cmd: Command, timeout: float | None = None) -> dict:
        timeout = timeout or self.settings.fleet.ack_timeout_seconds
        if cmd.op in BROADCAST_OPS:
            return await self._broadcast(cmd, timeout)
        handle = self._route(cmd.tenant) if cmd.op == "prefetch" else self.replicas
        try:
            answer = await asyncio.wait_for(handle.command.remote(cmd), timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"no replica answered '{cmd.op}' within {timeout:.0f} s", type=ErrorType.SERVER,
                           code=Code.TIMEOUT) from None
        except ray.exceptions.RayError as e:
            raise ApiError(503, f"the replica asked for '{cmd.op}' stopped ({type(e).__name__})", type=ErrorType.SERVER,
                           code=Code.REPLICA_UNAVAILABLE) from None
        if "error" in answer:
            raise ApiError.from_dict(answer["error"])
        return {**answer["result"], "replica": answer["replica"]}

    async def _answers(self, cmd: Command, timeout: float) -> list:
        try:
            return await self.replicas.broadcast("command", cmd).results_async(timeout_s=timeout, return_exceptions=True)
        except TimeoutError:
            return []
        except ray.exceptions.RayError as e:  # no replica is running at all
            return [e]

    async def _broadcast(self, cmd: Command, timeout: float) -> dict:
        """Every replica must acknowledge: a forget that reached 3 of 4 replicas is a failed forget (5xx naming
        the replicas that did not answer), because the fourth may still serve the tenant."""
        if cmd.op == "forget":
            record_started(self.settings, cmd.tenant)
        answers = await self._answers(cmd, timeout)
        acks = [a for a in answers if isinstance(a, dict) and "result" in a]
        refused = [a for a in answers if isinstance(a, dict) and "error" in a]
        expected = self.settings.fleet.replicas
        if refused and not acks and len({a["error"]["status"] for a in refused}) == 1 and refused[0]["error"]["status"] < 500:
            raise ApiError.from_dict(refused[0]["error"])  # every replica refused it the same way (e.g. unknown tenant)
        if len(acks) >= expected and not refused:
            return {**acks[0]["result"], "replicas": sorted(a["replica"] for a in acks)}
        missing = expected - len(acks)
        failed = [f"{a['replica']} ({a['error']['status']} {a['error']['message']})" for a in refused]
        lost = [type(a).__name__ for a in answers if isinstance(a, BaseException)]
        raise ApiError(503, f"{cmd.op} of tenant {cmd.tenant!r} was acknowledged by {len(acks)} of {expected} replicas "
                            f"({', '.join(sorted(a['replica'] for a in acks)) or 'none'}); {missing} did not acknowledge"
                            + (f": refused by {'; '.join(failed)}" if failed else "")
                            + (f"; lost: {', '.join(lost)}" if lost else "")
                            + ("; it is recorded, so restarting replicas refuse the tenant" if cmd.op == "forget" else ""),
                       type=ErrorType.SERVER, code=Code.BROADCAST_INCOMPLETE)

    async def replica_stats(self) -> list[dict]:
        answers = await self._answers(Command(op="stats"), HEALTH_TIMEOUT * 2)
        return [{"replica": a["replica"], "pid": a["pid"], **a["result"]} for a in answers if isinstance(a, dict) and "result" in a]

    async def health(self, request: Request):
        """Ready while at least one replica answers; says how many of the configured replicas do."""
        answers = await self._answers(Command(op="health"), HEALTH_TIMEOUT)
        ok = [a for a in answers if isinstance(a, dict) and "result" in a]
        if not ok:
            return Response(content="no replica ready", status_code=503)
        return JSONResponse({"status": "ok", **ok[0]["result"], "replicas_ready": len(ok), "replicas": self.settings.fleet.replicas})

    async def prometheus(self, request: Request):
        per_replica = await self.replica_stats()
        snap = merge_stats([{"api": r["api"], "engine": r["engine"]} for r in per_replica]) if per_replica else None
        return Response(render(self.metrics, snap), media_type="text/plain; version=0.0.4; charset=utf-8")

    async def replicas_view(self, request: Request):
        """Admin only: each replica's own stats (slot hits, disk loads, resident tenants)."""
        try:
            KeyRing.require_admin(self.keys.authenticate(request.headers))
        except ApiError as e:
            return error_response(e)
        return JSONResponse({"replicas": await self.replica_stats()})


app = FastAPI(title="memlora fleet", description="OpenAI-compatible chat and completions with per-tenant LoRA memory, on Ray Serve")
install_error_handlers(app)


@serve.deployment
@serve.ingress(app)
class Ingress:
    def __init__(self, replicas: DeploymentHandle, settings: Settings):
        self.spec = FleetSpec(settings, replicas)

    @app.post(CHAT_PATH)
    async def chat(self, request: Request):
        return await self.spec.chat_completion(request)

    @app.post(COMPLETIONS_PATH)
    async def completion(self, request: Request):
        return await self.spec.completion(request)

    @app.get("/v1/models")
    async def models(self, request: Request):
        return await self.spec.list_models(request)

    @app.get("/v1/models/{model_id:path}")
    async def model(self, request: Request):
        return await self.spec.retrieve_model(request)

    @app.post("/admin/prefetch")
    async def prefetch(self, request: Request):
        return await self.spec.admin(request)

    @app.post("/admin/reload")
    async def reload(self, request: Request):
        return await self.spec.admin(request)

    @app.post("/admin/evict")
    async def evict(self, request: Request):
        return await self.spec.admin(request)

    @app.post("/admin/forget")
    async def forget(self, request: Request):
        return await self.spec.admin(request)

    @app.get("/admin/replicas")
    async def replicas(self, request: Request):
        return await self.spec.replicas_view(request)

    @app.get("/health")
    async def health(self, request: Request):
        return await self.spec.health(request)

    @app.get("/metrics")
    async def metrics(self, request: Request):
        return await self.spec.prometheus(request)

    @app.get("/version")
    async def version(self, request: Request):
        return await self.spec.version(request)


publish_request_models(app, CHAT_PATH, COMPLETIONS_PATH)
