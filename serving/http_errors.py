"""Every error this server answers has OpenAI's shape, including FastAPI's own 404/405/validation errors.

LitServe builds the FastAPI app; these handlers replace FastAPI's `{"detail": ...}` bodies, which an
OpenAI client cannot read, with `{"error": {message, type, param, code}}`.
"""
from __future__ import annotations

import logging

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .codes import Code, ErrorType
from .protocol import ApiError, error_body

log = logging.getLogger(__name__)
_HTTP_ERROR_TYPES = {401: ErrorType.AUTHENTICATION, 403: ErrorType.PERMISSION, 404: ErrorType.NOT_FOUND}


def error_response(e: ApiError) -> JSONResponse:
    """An `ApiError` as the handlers answer it: its OpenAI-style body under its own status code."""
    return JSONResponse(e.body(), status_code=e.status)


def install_error_handlers(app) -> None:
    """Every error this server answers has OpenAI's shape, including FastAPI's own 404/405/validation errors."""

    async def http_error(request, exc: StarletteHTTPException):
        kind = _HTTP_ERROR_TYPES.get(exc.status_code, ErrorType.INVALID_REQUEST)
        if exc.status_code >= 500:
            kind = ErrorType.SERVER
        return JSONResponse(error_body(str(exc.detail), kind), status_code=exc.status_code, headers=getattr(exc, "headers", None))

    async def validation_error(request, exc: RequestValidationError):
        return JSONResponse(error_body(f"invalid request: {exc.errors()[0].get('msg', 'malformed')}"), status_code=400)

    async def unexpected(request, exc: Exception):
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(error_body("internal server error", ErrorType.SERVER, None, Code.INTERNAL_ERROR), status_code=500)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
