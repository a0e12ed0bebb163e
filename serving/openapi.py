"""The request models the handlers validate against, published in /openapi.json.

FastAPI cannot see them: the handlers take the raw Request so that every error keeps OpenAI's shape,
so the schema is completed here through FastAPI's documented `openapi` override.
"""
from __future__ import annotations

from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from .admin import ADMIN_OPS
from .protocol import ChatRequest, CompletionRequest, TenantBody


def _error_schema() -> dict:
    item = {"type": ["string", "null"]}
    return {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["message", "type", "param", "code"],
        "properties": {"message": {"type": "string"}, "type": {"type": "string"}, "param": item, "code": item}}}}


def publish_request_models(app, chat_path: str, completions_path: str) -> None:
    """Put the request models the handlers validate against into /openapi.json (FastAPI cannot see them: the
    handlers take the raw Request so that every error keeps OpenAI's shape)."""

    bodies = {chat_path: ChatRequest, completions_path: CompletionRequest, **{f"/admin/{op}": TenantBody for op in ADMIN_OPS}}

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        refs, defs = models_json_schema([(m, "validation") for m in set(bodies.values())],
                                        ref_template="#/components/schemas/{model}")
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        comps.update(defs.get("$defs", {}))
        comps["Error"] = _error_schema()
        err = {"description": "OpenAI-style error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for path, model in bodies.items():
            op = schema["paths"][path]["post"]
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": refs[(model, "validation")]}}}
            op["responses"] = {"200": {"description": "OK"}, **{str(c): err for c in (400, 401, 403, 404, 413, 500, 503)}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
