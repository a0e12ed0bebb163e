"""Every status, finish reason and error code the serving side says, each spelled once.

Slots, engine and API pass these between each other and the HTTP process writes them into
OpenAI-style bodies, so a typo is a silent wire change. `StrEnum` members are `str`s: a JSON
body, a pickled event and a Prometheus label read exactly as the bare string did.
"""
from __future__ import annotations

from enum import StrEnum


class SlotStatus(StrEnum):
    """What `SlotManager.acquire` found for a tenant."""

    READY = "ready"  # pinned in a device slot
    WAIT = "wait"  # loading, or every slot is pinned
    NO_ADAPTER = "no_adapter"  # the registry has none
    ERROR = "error"  # the load failed
    FORGOTTEN = "forgotten"  # refused until reloaded


class Finish(StrEnum):
    """Why a request stopped: the first two are OpenAI's finish_reason, the others never reach a client as one."""

    STOP = "stop"
    LENGTH = "length"
    ERROR = "error"
    CANCELLED = "cancelled"


class Code(StrEnum):
    """Error codes: the engine's reasons for failing a request, and the `code` of OpenAI-style error bodies."""

    # the engine's reasons (StepOutput.code), mapped to a wire code by the API
    NO_ADAPTER = "no_adapter"
    FORGOTTEN = "forgotten"
    BAD_ADAPTER = "bad_adapter"
    INTERNAL = "internal"
    CANCELLED = "cancelled"
    # on the wire
    MODEL_NOT_FOUND = "model_not_found"
    TENANT_FORGOTTEN = "tenant_forgotten"
    REGISTRY_UNAVAILABLE = "registry_unavailable"
    ADAPTER_ERROR = "adapter_error"
    GENERATION_ERROR = "generation_error"
    INTERNAL_ERROR = "internal_error"
    CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded"
    INVALID_PARAMETER = "invalid_parameter"
    INVALID_REQUEST = "invalid_request"
    OVERLOADED = "overloaded"
    TIMEOUT = "timeout"
    REQUEST_TOO_LARGE = "request_too_large"
    INVALID_JSON = "invalid_json"
    UNSUPPORTED_PARAMETER = "unsupported_parameter"
    MISSING_API_KEY = "missing_api_key"
    INVALID_API_KEY = "invalid_api_key"
    TENANT_FORBIDDEN = "tenant_forbidden"
    ADMIN_REQUIRED = "admin_required"
    # the fleet (serving/fleet): a broadcast not every replica acknowledged, a replica gone mid-request
    BROADCAST_INCOMPLETE = "broadcast_incomplete"
    REPLICA_UNAVAILABLE = "replica_unavailable"


class ErrorType(StrEnum):
    """The `type` of an OpenAI-style error body: the class of failure a client can act on."""

    INVALID_REQUEST = "invalid_request_error"
    AUTHENTICATION = "authentication_error"
    PERMISSION = "permission_error"
    NOT_FOUND = "not_found_error"
    SERVER = "server_error"
