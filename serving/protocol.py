"""What crosses the wire: OpenAI request validation, OpenAI error bodies, and the messages between
the HTTP process and the worker process.

Why our own request model instead of LitServe's `ChatCompletionRequest`: that one lets FastAPI answer
malformed bodies with 422 and a `{"detail": ...}` body, accepts any role and silently ignores `n`,
tools and unknown fields. OpenAI clients expect 400 with `{"error": {message, type, param, code}}`
naming the offending field, so we validate the raw JSON here.

Validation is strict (no lax coercion: `"stream": "yes"`, `"max_tokens": true`, `"n": "1"` are
refused) and every number is bounded, because whatever passes here reaches the engine's batched
step, where one bad value would otherwise fail every tenant's stream (a seed beyond 64 bits did).
The same models are published in `/openapi.json` (server.py), so the schema is the contract.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .codes import Code, ErrorType

ROLES = ("system", "user", "assistant", "developer")
SEED_MAX = 2**63 - 1  # torch.Generator.manual_seed takes a signed 64-bit value
MAX_TOKENS_BOUND = 2**31 - 1  # a sanity bound; the server's own limit (serving.max_new_tokens_limit) is checked after
_ABS_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^\s'\"/,;:()]+/)*[^\s'\"/,;:()]*")
# Fields OpenAI defines that we accept and ignore (they do not change what is generated).
IGNORED_FIELDS = {"user", "metadata", "store", "parallel_tool_calls", "service_tier", "reasoning_effort", "modalities", "prediction"}
# Sampling fields (OpenAI's and vLLM's) this engine does not implement: accepted at their neutral value, refused by
# name otherwise, so a client never believes a penalty was applied when it was not.
NEUTRAL_ONLY = {"min_tokens": 0, "logit_bias": {}}


class ApiError(Exception):
    """An error answered to one client as an OpenAI-style body; never affects other requests."""

    def __init__(self, status: int, message: str, type: str = ErrorType.INVALID_REQUEST, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type, param, code

    def body(self) -> dict:
        """The client's view: a server error never carries server paths (those stay in the server log)."""
        message = public_message(self.message) if self.status >= 500 else self.message
        return error_body(message, self.type, self.param, self.code)

    def to_dict(self) -> dict:
        return {"status": self.status, "message": self.message, "type": self.type, "param": self.param, "code": self.code}

    @classmethod
    def from_dict(cls, d: dict) -> "ApiError":
        return cls(d["status"], d["message"], d.get("type") or ErrorType.SERVER, d.get("param"), d.get("code"))


def public_message(message: str) -> str:
    """`message` with absolute server paths replaced by `<path>`."""
    return _ABS_PATH.sub("<path>", message)


def error_body(message: str, type: str = ErrorType.INVALID_REQUEST, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


class TextPart(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    type: Literal["text"]
    text: str


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    role: Literal["system", "user", "assistant", "developer"]
    content: str | list[TextPart] = Field(union_mode="left_to_right")
    name: str | None = Field(default=None, max_length=256)

    def text(self) -> str:
        return self.content if isinstance(self.content, str) else "".join(p.text for p in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    include_usage: bool = False


class _Sampling(BaseModel):
    """The fields chat and legacy completions share, with the same bounds."""

    model_config = ConfigDict(extra="forbid", strict=True)
    model: str = Field(min_length=1, max_length=400)
    temperature: float = Field(default=1.0, ge=0.0, le=2.0, allow_inf_nan=False)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0, allow_inf_nan=False)
    top_k: int = Field(default=-1, ge=-1, le=2**31 - 1)  # vLLM's extra: -1 or 0 = every token
    frequency_penalty: float = Field(default=0.0, ge=-2.0, le=2.0, allow_inf_nan=False)
    presence_penalty: float = Field(default=0.0, ge=-2.0, le=2.0, allow_inf_nan=False)
    repetition_penalty: float = Field(default=1.0, gt=0.0, le=10.0, allow_inf_nan=False)  # vLLM's extra, HF's formula
    stop: str | list[str] | None = Field(default=None, union_mode="left_to_right")
    seed: int | None = Field(default=None, ge=0, le=SEED_MAX)
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

    def include_usage(self) -> bool:
        return bool(self.stream_options and self.stream_options.include_usage)


class ChatRequest(_Sampling):
    """An OpenAI chat completion request, as far as this server honours it."""

    messages: list[Message] = Field(min_length=1)
    max_tokens: int | None = Field(default=None, ge=1, le=MAX_TOKENS_BOUND)
    max_completion_tokens: int | None = Field(default=None, ge=1, le=MAX_TOKENS_BOUND)

    def wanted_tokens(self, default: int) -> int:
        return self.max_completion_tokens or self.max_tokens or default


class CompletionRequest(_Sampling):
    """A legacy OpenAI completion request (`POST /v1/completions`): one prompt string, no chat template."""

    prompt: str = Field(min_length=1)
    max_tokens: int = Field(default=16, ge=1, le=MAX_TOKENS_BOUND)  # OpenAI's default for this endpoint
    echo: Literal[False] = False
    best_of: int = Field(default=1, ge=1, le=1)

    def wanted_tokens(self, default: int) -> int:
        return self.max_tokens


def load_json(raw: bytes):
    """Parse a request body; any failure (including nesting deeper than Python's recursion limit) is one 400."""
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"request body is not valid JSON: {e}", code=Code.INVALID_JSON) from None
    except RecursionError:
        raise ApiError(400, "request body is nested too deeply", code=Code.INVALID_JSON) from None


def _union_tag(part) -> bool:
    """Pydantic names the union member tried (`str`, `list[TextPart]`) in an error's location; a client's param never does."""
    return isinstance(part, str) and (part in ("str", "int", "float", "bool", "none") or "[" in part)


def parse_chat_request(raw: bytes, max_tokens_limit: int) -> ChatRequest:
    """Raw body -> ChatRequest, or ApiError(400) naming the field, like OpenAI does."""
    return _parse(ChatRequest, raw, max_tokens_limit)


def parse_completion_request(raw: bytes, max_tokens_limit: int) -> CompletionRequest:
    """Raw body -> CompletionRequest (legacy `/v1/completions`), or ApiError(400) naming the field."""
    return _parse(CompletionRequest, raw, max_tokens_limit)


def _parse(model: type[BaseModel], raw: bytes, max_tokens_limit: int):
    data = load_json(raw)
    if not isinstance(data, dict):
        raise ApiError(400, "request body must be a JSON object", code=Code.INVALID_JSON)
    for k in [k for k in data if k in IGNORED_FIELDS]:
        data.pop(k)
    for k, neutral in NEUTRAL_ONLY.items():
        if k in data and data[k] not in (None, neutral):
            raise ApiError(400, f"'{k}' is not supported by this server (only {neutral!r})", param=k, code=Code.UNSUPPORTED_PARAMETER)
        data.pop(k, None)
    for k in ("tools", "tool_choice", "functions", "function_call", "response_format", "logprobs", "top_logprobs", "audio", "suffix"):
        if data.get(k) not in (None, False, [], {"type": "text"}, "none", "auto"):
            raise ApiError(400, f"'{k}' is not supported by this server", param=k, code=Code.UNSUPPORTED_PARAMETER)
        data.pop(k, None)
    try:
        req = model.model_validate(data)
    except RecursionError:
        raise ApiError(400, "request body is nested too deeply", code=Code.INVALID_JSON) from None
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"] if not _union_tag(x)) or None
        if err["type"] == "extra_forbidden":
            msg = f"Unrecognized request argument supplied: {loc}"
        elif err["type"] == "missing":
            msg = f"missing required parameter: '{loc}'"
        else:
            msg = f"invalid value for '{loc}': {err['msg']}"
        raise ApiError(400, msg, param=loc, code=Code.INVALID_PARAMETER) from None
    if req.wanted_tokens(1) > max_tokens_limit:
        raise ApiError(400, f"max_tokens {req.wanted_tokens(1)} exceeds this server's limit of {max_tokens_limit}", param="max_tokens", code=Code.INVALID_PARAMETER)
    return req


class TenantBody(BaseModel):
    """The body of every admin endpoint."""

    model_config = ConfigDict(extra="ignore", strict=True)
    tenant: str = Field(min_length=1, max_length=400, pattern=r"\S")


def parse_tenant_body(raw: bytes) -> str:
    """Admin bodies are `{"tenant": "..."}`."""
    data = load_json(raw or b"null")
    try:
        return TenantBody.model_validate(data).tenant
    except (ValidationError, RecursionError):
        raise ApiError(400, "body must be a JSON object with a non-empty string 'tenant' (at most 400 characters)",
                       param="tenant", code=Code.INVALID_PARAMETER) from None


# ---- HTTP process -> worker (through LitServe's request queue, so they reach the process that holds the engine)


@dataclass
class ChatJob:
    request: ChatRequest | CompletionRequest
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
