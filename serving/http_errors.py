"""Every error this server answers has OpenAI's shape, including FastAPI's own 404/405/validation errors.

LitServe builds the FastAPI app; these handlers replace FastAPI's `{"detail": ...}` bodies, which an
OpenAI client cannot read, with `{"error": {message, type, param, code}}`.
"""
from __future__ import annotations

import logging

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .codes import Code
from .protocol import error_body

log = logging.getLogger(__name__)


def install_error_handlers(app) -> None:
    """Every error this server answers has OpenAI's shape, including FastAPI's own 404/405/validation errors."""

    async def http_error(request, exc: StarletteHTTPException):
        code = {401: "authentication_error", 403: "permission_error", 404: "not_found_error"}.get(exc.status_code, "invalid_request_error")
        if exc.status_code >= 500:
            code = "server_error"
        return JSONResponse(error_body(str(exc.detail), code), status_code=exc.status_code, headers=getattr(exc, "headers", None))

    async def validation_error(request, exc: RequestValidationError):
        return JSONResponse(error_body(f"invalid request: {exc.errors()[0].get('msg', 'malformed')}"), status_code=400)

    async def unexpected(request, exc: Exception):
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("internal server error", "server_error", None, Code.INTERNAL_ERROR), status_code=500)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
