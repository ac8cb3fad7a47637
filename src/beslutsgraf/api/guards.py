"""What every request passes through: a bound on the size of its body; HEAD answered as GET without the body, and
OPTIONS with the methods a path takes; refusals answered 400; and a last word for an error nobody expected (logged
with an incident number, answered without its trace or any path of the machine, and the connection kept)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterator
from uuid import uuid4

from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("beslutsgraf.api")


class _HttpGuard(ABC):
    """What every guard shares: it wraps the app, and lets anything but an HTTP request (lifespan) pass."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.guard(scope, receive, send)

    @abstractmethod
    async def guard(self, scope: Scope, receive: Receive, send: Send) -> None:
        """What the guard does with an HTTP request: answer it, or pass it on to `self.app`."""


class _TooLarge(Exception):
    pass


class BodyLimit(_HttpGuard):
    """Refuse with 413 a request whose body is larger than `limit` bytes: at once when its Content-Length says so,
    else as soon as the bytes read pass the limit, before they fill memory or disk."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def guard(self, scope: Scope, receive: Receive, send: Send) -> None:
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


class LastWord(_HttpGuard):
    """An error nobody expected, answered 500 with an incident number, and logged with its trace. Answered here, and
    not re-raised, as Starlette's own handler does: a re-raised error makes the server drop the connection, and a
    proxy or client that shares connections sees an unrelated request fail."""

    async def guard(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if started:
                raise  # half an answer is out: only dropping the connection says it is broken
            incident = uuid4().hex[:12]
            logger.error("incident %s: %s %s failed", incident, scope["method"], scope["path"], exc_info=error)
            answer = JSONResponse({"detail": f"an internal error, logged as incident {incident}"}, status_code=500)
            await answer(scope, receive, send)


class UploadGate(_HttpGuard):
    """Uploads (`POST /ingest`) are let in by their bearer token before a byte of their body is read: a client
    without it cannot make the server receive and spool 50 MB. The scheme is `Bearer`, in any case (RFC 9110);
    tokens are compared as digests, in the same time whatever is offered, and a refusal is logged, never the token."""

    def __init__(self, app: ASGIApp, path: str, token: str | None) -> None:
        super().__init__(app)
        self.path = path
        self._digest = _digest(token) if token else None

    async def guard(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if self._digest is None:
            await JSONResponse({"detail": "uploads are not enabled on this server"}, status_code=403)(
                scope, _nothing, send
            )
            return
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        scheme, _, offered = header.strip().partition(" ")
        given = offered.strip() if scheme.lower() == "bearer" else ""
        if not secrets.compare_digest(_digest(given), self._digest):
            client = scope["client"][0] if scope.get("client") else "an unknown client"
            logger.warning("refused an upload from %s: %s token", client, "a wrong" if given else "no")
            await JSONResponse(
                {"detail": "a valid bearer token is needed"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )(scope, _nothing, send)
            return
        await self.app(scope, receive, send)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


class _HeadDone(Exception):
    pass


class HeadAndOptions(_HttpGuard):
    """HEAD as GET, its body left unsent (RFC 9110: link checkers and harvesters ask HEAD before they download);
    OPTIONS, when it is not a CORS preflight, answered with the methods the path takes; and a 405's Allow header
    naming all of them, not only the first route's."""

    async def guard(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method == "OPTIONS" and b"access-control-request-method" not in dict(scope["headers"]):
            allowed = ", ".join(self._methods(scope))
            await Response(status_code=204 if allowed != "OPTIONS" else 404, headers={"Allow": allowed})(
                scope, receive, send
            )
            return
        if method == "HEAD":
            await self._head(scope, receive, send)
            return

        async def allowing(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"allow"]
                message = {**message, "headers": [*headers, (b"allow", ", ".join(self._methods(scope)).encode())]}
            await send(message)

        await self.app(scope, receive, allowing)

    async def _head(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.start":
                await send(message)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                raise _HeadDone  # the rest of a streamed answer (a dump) is never made

        with contextlib.suppress(_HeadDone):
            await self.app({**scope, "method": "GET"}, receive, headers_only)

    def _methods(self, scope: Scope) -> list[str]:
        methods: set[str] = set()
        for route in _leaf_routes(scope["app"].router.routes):
            if route.path_regex.match(scope["path"]):
                methods |= set(getattr(route, "methods", None) or ())
        if "GET" in methods:
            methods.add("HEAD")
        return sorted(methods | {"OPTIONS"})


def _leaf_routes(routes: list) -> Iterator:
    """The routes that answer, through routers included in others (FastAPI wraps those in a router of its own)."""
    for route in routes:
        inner = getattr(route, "routes", None) or getattr(getattr(route, "original_router", None), "routes", None)
        if inner:
            yield from _leaf_routes(inner)
        elif hasattr(route, "path_regex"):
            yield route
