"""What crosses the wire: OpenAI request validation, OpenAI error bodies, and the messages between
the HTTP process and the worker process.

Why our own request model instead of LitServe's `ChatCompletionRequest`: that one lets FastAPI answer
malformed bodies with 422 and a `{"detail": ...}` body, accepts any role and silently ignores `n`,
tools and unknown fields. OpenAI clients expect 400 with `{"error": {message, type, param, code}}`
naming the offending field, so we validate the raw JSON here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

ROLES = ("system", "user", "assistant", "developer")
# Fields OpenAI defines that we accept and ignore (they have no effect on a greedy/sampled LoRA decode).
IGNORED_FIELDS = {
    "presence_penalty", "frequency_penalty", "user", "logit_bias", "metadata", "store",
    "parallel_tool_calls", "service_tier", "reasoning_effort", "modalities", "prediction",
}


class ApiError(Exception):
    """An error answered to one client as an OpenAI-style body; never affects other requests."""

    def __init__(self, status: int, message: str, type: str = "invalid_request_error", param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type, param, code

    def body(self) -> dict:
        return error_body(self.message, self.type, self.param, self.code)

    def to_dict(self) -> dict:
        return {"status": self.status, "message": self.message, "type": self.type, "param": self.param, "code": self.code}

    @classmethod
    def from_dict(cls, d: dict) -> "ApiError":
        return cls(d["status"], d["message"], d.get("type") or "server_error", d.get("param"), d.get("code"))


def error_body(message: str, type: str = "invalid_request_error", param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


class TextPart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["text"]
    text: str


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant", "developer"]
    content: str | list[TextPart]
    name: str | None = None

    def text(self) -> str:
        return self.content if isinstance(self.content, str) else "".join(p.text for p in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    include_usage: bool = False


class ChatRequest(BaseModel):
    """An OpenAI chat completion request, as far as this server honours it."""

    model_config = ConfigDict(extra="forbid")
    model: str = Field(min_length=1, max_length=400)
    messages: list[Message] = Field(min_length=1)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    temperature: float = Field(default=1.0, ge=0.0, le=2.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    stop: str | list[str] | None = None
    seed: int | None = None
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int = Field(default=1, ge=1, le=1)

    @field_validator("stop")
    @classmethod
    def _stops(cls, v):
        stops = [v] if isinstance(v, str) else (v or [])
        if len(stops) > 4:
            raise ValueError("at most 4 stop sequences")
        if any(s == "" for s in stops):
            raise ValueError("stop sequences must be non-empty")
        return v

    def stop_list(self) -> list[str]:
        return [self.stop] if isinstance(self.stop, str) else list(self.stop or [])

    def wanted_tokens(self, default: int) -> int:
        return self.max_completion_tokens or self.max_tokens or default


def parse_chat_request(raw: bytes, max_tokens_limit: int) -> ChatRequest:
    """Raw body -> ChatRequest, or ApiError(400) naming the field, like OpenAI does."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"request body is not valid JSON: {e}", code="invalid_json") from None
    if not isinstance(data, dict):
        raise ApiError(400, "request body must be a JSON object", code="invalid_json")
    for k in [k for k in data if k in IGNORED_FIELDS]:
        data.pop(k)
    for k in ("tools", "tool_choice", "functions", "function_call", "response_format", "logprobs", "top_logprobs", "audio"):
        if data.get(k) not in (None, False, [], {"type": "text"}, "none", "auto"):
            raise ApiError(400, f"'{k}' is not supported by this server", param=k, code="unsupported_parameter")
        data.pop(k, None)
    try:
        req = ChatRequest.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"]) or None
        if err["type"] == "extra_forbidden":
            msg = f"Unrecognized request argument supplied: {loc}"
        elif err["type"] == "missing":
            msg = f"missing required parameter: '{loc}'"
        else:
            msg = f"invalid value for '{loc}': {err['msg']}"
        raise ApiError(400, msg, param=loc, code="invalid_parameter") from None
    if req.wanted_tokens(1) > max_tokens_limit:
        raise ApiError(400, f"max_tokens {req.wanted_tokens(1)} exceeds this server's limit of {max_tokens_limit}", param="max_tokens", code="invalid_parameter")
    return req


def parse_tenant_body(raw: bytes) -> str:
    """Admin bodies are `{"tenant": "..."}`."""
    try:
        data = json.loads(raw or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"request body is not valid JSON: {e}", code="invalid_json") from None
    tenant = data.get("tenant") if isinstance(data, dict) else None
    if not isinstance(tenant, str) or not tenant.strip():
        raise ApiError(400, "body must be a JSON object with a non-empty string 'tenant'", param="tenant", code="invalid_parameter")
    return tenant


# ---- HTTP process -> worker (through LitServe's request queue, so they reach the process that holds the engine)


@dataclass
class ChatJob:
    request: ChatRequest
    tenant: str | None  # None = the base model


@dataclass
class Command:
    """An admin or housekeeping command for the worker: prefetch/reload/evict/forget/cancel/models/stats."""

    op: str
    tenant: str | None = None
    target: str | None = None  # uid of the request to cancel
    args: dict = field(default_factory=dict)


# ---- worker -> HTTP process: one JSON dict per message, `kind` is one of these.
META, TEXT, DONE, ERROR, RESULT = "meta", "text", "done", "error", "result"


def event(kind: str, **payload: Any) -> dict:
    return {"kind": kind, **payload}
