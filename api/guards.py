"""What every request passes through: a bound on the size of its body, and a last word for an error nobody
expected (logged with an incident number, answered without its trace or any path of the machine)."""

from __future__ import annotations

import logging
from uuid import uuid4

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("beslutsgraf.api")


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse with 413 a request whose body is larger than `limit` bytes: at once when its Content-Length says so,
    else as soon as the bytes read pass the limit, before they fill memory or disk."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, send)
            return
        received, started = 0, False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        logger.warning("refused %s %s: a body over %s bytes", scope["method"], scope["path"], f"{self.limit:,}")
        detail = {"detail": f"request bodies are limited to {self.limit:,} bytes"}
        await JSONResponse(detail, status_code=413)(scope, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    incident = uuid4().hex[:12]
    logger.error("incident %s: %s %s failed", incident, request.method, request.url.path, exc_info=error)
    return JSONResponse({"detail": f"an internal error, logged as incident {incident}"}, status_code=500)
