"""The HTTP side: routes, auth, admin endpoints, /metrics, on LitServe.

`MemloraSpec` extends LitServe's `OpenAISpec` (its endpoint registration, request queue and response
buffer plumbing; response bodies come from `openai.types`, responses.py) but replaces its `chat_completion` handler, because
the stock one cannot do what this server must: it answers malformed bodies with 422 `{"detail"}`
instead of OpenAI's 400 `{"error": ...}`, reports every error as a 500, always says
`finish_reason: "stop"`, cannot set a response header from what the worker decided (which adapter
served the request), and keeps per-request queues on `self`. Here the worker's first message tells
the handler which adapter serves the request (or the error) before any header is sent, so even a
streamed answer gets a real status code.

Admin commands, the model list and stats are sent through the same LitServe request queue as chat
requests, so they reach the worker process that holds the engine.

The handlers read the raw body (so every error keeps OpenAI's shape and a body over
`serving.max_request_bytes` is refused before it is read or parsed), and the request models they
validate against are published in `/openapi.json` through FastAPI's documented `openapi` override.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections import deque
from pathlib import Path

import litserve as ls
from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from litserve.specs.openai import OpenAISpec
from litserve.utils import LitAPIStatus, ResponseBufferItem, WorkerSetupStatus

from memlora import __version__, audit
from memlora.runtime.provision import DEFAULT_NAME
from memlora.settings import Settings

from .admin import ADMIN_OPS
from .api import MemloraAPI
from .auth import KeyRing
from .codes import Code, ErrorType
from .http_errors import error_response, install_error_handlers
from .metrics import HttpMetrics, Timing, render
from .openapi import publish_request_models
from .protocol import (
    DONE, ERROR, META, RESULT, TEXT, ApiError, ChatJob, Command, error_body,
    parse_chat_request, parse_completion_request, parse_tenant_body,
)
from .responses import Shape

log = logging.getLogger(__name__)
COMMAND_TIMEOUT = 60.0
COMPLETIONS_PATH = "/v1/completions"
HEALTH_TIMEOUT = 5.0


class MemloraSpec(OpenAISpec):
    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings
        self.keys = KeyRing(settings.serving.api_keys)
        self._metrics: HttpMetrics | None = None

    def __getstate__(self):
        state = super().__getstate__()
        state["_metrics"] = None  # prometheus registries hold locks; the worker does not need them
        return state

    @property
    def metrics(self) -> HttpMetrics:
        if self._metrics is None:  # created in the HTTP process, after LitServe forked it
            self._metrics = HttpMetrics()
        return self._metrics

    def pre_setup(self, lit_api) -> None:
        # OpenAISpec.pre_setup insists on a generator `predict`; the continuous batching loop calls `step` instead.
        self.add_endpoint(self.api_path, self.chat_completion, ["POST"])
        self.add_endpoint(self.api_path, self.options_chat_completions, ["OPTIONS"])
        self.add_endpoint(COMPLETIONS_PATH, self.completion, ["POST"])
        self.add_endpoint("/v1/models", self.list_models, ["GET"])
        self.add_endpoint("/v1/models/{model_id:path}", self.retrieve_model, ["GET"])
        self.add_endpoint("/version", self.version, ["GET"])
        for op in ADMIN_OPS:
            self.add_endpoint(f"/admin/{op}", self.admin, ["POST"])
        self.add_endpoint("/metrics", self.prometheus, ["GET"])
        self.add_endpoint("/health", self.health, ["GET"])

    # ------------------------------------------------------------------ plumbing to the worker
    def _submit(self, payload):
        uid = str(uuid.uuid4())
        q: deque = deque()
        ev = asyncio.Event()
        self.response_buffer[uid] = ResponseBufferItem(event=ev, response_queue=q)
        self.request_queue.put((self.response_queue_id, uid, time.monotonic(), payload))

        async def events():
            try:
                async for data, status in self.data_streamer(q, ev, send_status=True):
                    if status == LitAPIStatus.ERROR:
                        yield {"kind": ERROR, "status": 500, "message": "the inference worker failed this request", "type": ErrorType.SERVER, "code": Code.INTERNAL_ERROR}
                        return
                    yield json.loads(data)
            finally:
                self.response_buffer.pop(uid, None)

        return uid, events()

    async def _command(self, cmd: Command, timeout: float = COMMAND_TIMEOUT) -> dict:
        _, events = self._submit(cmd)

        async def first():
            async for ev in events:
                if ev["kind"] == RESULT:
                    return ev["result"]
                if ev["kind"] == ERROR:
                    raise ApiError.from_dict(ev)
            raise ApiError(500, "the worker ended the command without an answer", type=ErrorType.SERVER)

        try:
            return await asyncio.wait_for(first(), timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"the worker did not answer '{cmd.op}' within {timeout:.0f} s", type=ErrorType.SERVER, code=Code.TIMEOUT) from None

    def _cancel(self, uid: str) -> None:
        """Fire and forget: the worker stops generating for a client that went away."""
        try:
            self.request_queue.put((self.response_queue_id, f"cancel-{uid}", time.monotonic(), Command(op="cancel", target=uid)))
        except Exception:
            log.exception("could not send cancel for %s", uid)

    def _count(self, endpoint: str, code: int) -> None:
        self.metrics.requests.labels(endpoint, str(code)).inc()

    async def _body(self, request: Request) -> bytes:
        """The raw body, refused with 413 past `serving.max_request_bytes` without reading (or parsing) the rest."""
        cap = self.settings.serving.max_request_bytes
        too_big = ApiError(413, f"request body exceeds this server's limit of {cap} bytes", code=Code.REQUEST_TOO_LARGE)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_big
        buf = bytearray()
        async for chunk in request.stream():
            buf += chunk
            if len(buf) > cap:
                raise too_big
        return bytes(buf)

    # ------------------------------------------------------------------ /v1/chat/completions, /v1/completions
    async def chat_completion(self, request: Request):
        return await self._generate(request, "chat", parse_chat_request)

    async def completion(self, request: Request):
        return await self._generate(request, "completions", parse_completion_request)

    async def _generate(self, request: Request, endpoint: str, parse):
        """One handler for both endpoints: they differ only in how the prompt is built (the worker) and in
        the response shape (`responses.Shape`)."""
        t0 = time.perf_counter()
        try:
            req, uid, meta, first, events = await self._start(request, parse)
        except ApiError as e:
            self._count(endpoint, e.status)
            return error_response(e)
        adapter = meta.get("adapter")
        enforced = list(meta.get("enforced") or [])
        headers = {"x-memlora-adapter": str(adapter) if adapter is not None else "none",
                   "x-memlora-residual-tokens": str(int(meta.get("residual_tokens") or 0)),
                   "x-memlora-enforced": ",".join(enforced) or "none",
                   "x-memlora-residual-added": str(int(meta.get("residual_added") or 0))}
        self.metrics.enforced_items(enforced)
        self.metrics.added.inc(int(meta.get("residual_added") or 0))
        shape = Shape(chat=endpoint == "chat", uid=uid, model=req.model, adapter=adapter)
        timing = Timing(t0, time.perf_counter())
        if req.stream:
            self._count(endpoint, 200)
            return StreamingResponse(
                self._sse(req, shape, first, events, uid, timing), media_type="text/event-stream", headers=headers
            )
        try:
            parts, ev = await self._collect(first, events)
        except ApiError as e:
            self._count(endpoint, e.status)
            return error_response(e)
        self.response_buffer.pop(uid, None)
        resp = shape.full("".join(parts), ev["finish_reason"], ev["usage"])
        resp["adapter"] = headers["x-memlora-adapter"]
        resp["residual_tokens"] = int(headers["x-memlora-residual-tokens"])
        resp["enforced"] = enforced
        resp["residual_added"] = int(headers["x-memlora-residual-added"])
        self._count(endpoint, 200)
        self.metrics.finished(timing, ev, stream=False)
        return JSONResponse(resp, headers=headers)

    async def _start(self, request: Request, parse):
        """Authenticate, parse and submit; wait for the worker's first answer event so an error known before
        any text (a bad tenant, an evicted slot) is still a plain HTTP error, not a broken stream."""
        principal = self.keys.authenticate(request.headers)
        req = parse(await self._body(request), self.settings.serving.max_new_tokens_limit)
        tenant = None if req.model == "base" else req.model
        self.keys.authorize_tenant(principal, tenant)
        uid, events = self._submit(ChatJob(request=req, tenant=tenant))
        meta, first = {}, None
        async for ev in events:
            if ev["kind"] == META:
                meta = ev
                continue
            first = ev
            break
        if first is None:
            raise ApiError(500, "the worker ended the request without an answer", type=ErrorType.SERVER)
        if first["kind"] == ERROR:
            raise ApiError.from_dict(first)
        return req, uid, meta, first, events

    @staticmethod
    async def _collect(first, events) -> tuple[list[str], dict]:
        """A non-streamed answer: the text events up to DONE; a worker error mid-answer becomes the response."""
        parts, ev = [], first
        while True:
            if ev["kind"] == TEXT:
                parts.append(ev["text"])
            elif ev["kind"] == ERROR:
                raise ApiError.from_dict(ev)
            elif ev["kind"] == DONE:
                return parts, ev
            ev = await anext(events, None)
            if ev is None:
                raise ApiError(500, "the worker ended the request without finishing it", type=ErrorType.SERVER)

    async def _sse(self, req, shape: Shape, first, events, uid, timing: "Timing"):
        done = False
        try:
            if shape.chat:
                yield shape.chunk(first=True)
            ev = first
            while ev is not None:
                if ev["kind"] == TEXT:
                    yield shape.chunk(ev["text"])
                elif ev["kind"] == ERROR:
                    done = True
                    e = ApiError.from_dict(ev)
                    yield f"data: {json.dumps(e.body())}\n\n"
                    return
                elif ev["kind"] == DONE:
                    done = True
                    yield shape.chunk("" if not shape.chat else None, finish=ev["finish_reason"])
                    if req.include_usage():
                        yield shape.usage_chunk(ev["usage"])
                    yield "data: [DONE]\n\n"
                    self.metrics.finished(timing, ev, stream=True)
                    return
                ev = await anext(events, None)
            done = True
            yield f"data: {json.dumps(error_body('the worker ended the stream early', ErrorType.SERVER))}\n\n"
        finally:
            self.response_buffer.pop(uid, None)
            if not done:  # the client went away: stop generating for it
                self._cancel(uid)

    # ------------------------------------------------------------------ /v1/models, /version
    async def _models(self, request: Request) -> list[dict]:
        principal = self.keys.authenticate(request.headers)
        tenants = (await self._command(Command(op="models")))["tenants"]
        data = [{"id": "base", "object": "model", "created": 0, "owned_by": "memlora"}]
        return data + [
            {"id": t, "object": "model", "created": 0, "owned_by": "memlora", "adapter_version": tenants[t]}
            for t in KeyRing.visible(principal, list(tenants))
        ]

    async def list_models(self, request: Request):
        try:
            data = await self._models(request)
        except ApiError as e:
            self._count("models", e.status)
            return error_response(e)
        self._count("models", 200)
        return JSONResponse({"object": "list", "data": data})

    async def retrieve_model(self, request: Request):
        """`GET /v1/models/{id}`: a model this caller may see (the base or a tenant with a champion), else 404."""
        model_id = request.path_params.get("model_id", "")
        try:
            found = [m for m in await self._models(request) if m["id"] == model_id]
            if not found:
                raise ApiError(404, f"The model {model_id!r} does not exist", param="model", code=Code.MODEL_NOT_FOUND)
        except ApiError as e:
            self._count("models", e.status)
            return error_response(e)
        self._count("models", 200)
        return JSONResponse(found[0])

    async def version(self, request: Request):
        return JSONResponse({"version": __version__})

    # ------------------------------------------------------------------ /admin/*
    async def admin(self, request: Request):
        op = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        principal, tenant = None, None
        try:
            principal = self.keys.authenticate(request.headers)
            KeyRing.require_admin(principal)
            tenant = parse_tenant_body(await self._body(request))
            result = await self._command(Command(op=op, tenant=tenant))
        except ApiError as e:
            self._count(f"admin_{op}", e.status)
            _audit(self.settings, op, tenant, principal.key_id if principal else None, f"{e.status} {e.code or e.type}")
            return error_response(e)
        self._count(f"admin_{op}", 200)
        _audit(self.settings, op, tenant, principal.key_id, "ok")
        return JSONResponse({"ok": True, **result})

    # ------------------------------------------------------------------ /health
    async def health(self, request: Request):
        """LitServe's liveness (200 once the worker is ready) plus whether the registry answers: an unreachable
        registry keeps the server serving what it has, so it is reported here, not as a failed probe."""
        status = getattr(getattr(self, "_server", None), "workers_setup_status", None)
        if not status or not all(v == WorkerSetupStatus.READY for v in status.values()):
            return Response(content="not ready", status_code=503)
        try:
            reg = await self._command(Command(op="health"), timeout=HEALTH_TIMEOUT)
        except ApiError as e:
            reg = {"registry": "unknown", "registry_error": e.message}
        return JSONResponse({"status": "ok", **reg})

    # ------------------------------------------------------------------ /metrics
    async def prometheus(self, request: Request):
        try:
            snap = await self._command(Command(op="stats"), timeout=10.0)
        except ApiError as e:
            log.warning("metrics without worker stats: %s", e.message)
            snap = None
        return Response(render(self.metrics, snap), media_type="text/plain; version=0.0.4; charset=utf-8")


def _audit(settings: Settings, action: str, tenant: str | None, key_id: str | None, outcome: str) -> None:
    """The one place an admin action (prefetch/reload/evict/forget over HTTP) is recorded in the audit log:
    who (key id, never the key), on whom (a keyed hash), and how it ended. A failed write is logged, not
    raised: the action itself already happened and its answer must still reach the operator."""
    if action not in audit.ACTIONS:
        return
    try:
        audit.record(settings, action, tenant, key_id or "anonymous", outcome, actor="http")
    except Exception as e:  # noqa: BLE001 - the audit trail must not turn a done action into a 500
        log.error("audit log write failed for admin %s: %s", action, e)


def base_model_name(settings: Settings) -> str:
    """What /info calls the base: the provisioned model's name, or the last part of a local path (never the
    whole path, which says nothing to a client about the model and something about the server's disk)."""
    if settings.base_model == "default":
        return DEFAULT_NAME
    return Path(settings.base_model).name or settings.base_model


def _drop_litserve_health(server: ls.LitServer, spec: MemloraSpec) -> None:
    """LitServe registers its own /health before the spec's routes; ours (which also reports the registry) replaces it."""
    path = server.healthcheck_path
    server.app.router.routes = [
        r for r in server.app.router.routes if getattr(r, "path", None) != path or getattr(r, "endpoint", None) == spec.health
    ]


def build_server(settings: Settings) -> ls.LitServer:
    """One engine in one worker process: admin commands and the registry poller must reach the process that
    holds the adapter slots, so the server never runs several inference workers (scale out with servers)."""
    spec = MemloraSpec(settings)
    api = MemloraAPI(settings, spec=spec)
    # accelerator "cpu" only tells LitServe to start one worker; the engine picks its device from settings.device.
    server = ls.LitServer(api, accelerator="cpu", devices=1, workers_per_device=1, timeout=False,
                          max_payload_size=settings.serving.max_request_bytes,
                          model_metadata={"base_model": base_model_name(settings), "memlora_version": __version__})
    server.app.title, server.app.version = "memlora", __version__
    server.app.description = "OpenAI-compatible chat and completions with per-tenant LoRA memory"
    install_error_handlers(server.app)
    _drop_litserve_health(server, spec)
    publish_request_models(server.app, spec.api_path, COMPLETIONS_PATH)
    return server


def run_server(settings: Settings, host: str | None = None, port: int | None = None, log_level: str = "warning") -> None:
    server = build_server(settings)
    server.run(
        host=host or settings.serving.host, port=port or settings.serving.port, num_api_servers=1,
        generate_client_file=False, log_level=log_level, api_server_worker_type="process",
    )
