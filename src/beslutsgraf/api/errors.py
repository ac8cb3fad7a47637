"""Every error a route lets through, mapped once to its HTTP status (Prez's exception catchers).

A route raises what the layer below said (`beslutsgraf.errors`); the table here says what each kind means to a
client. The most specific kind is found first. A kind the table does not name is not the client's to mend: it goes
on to the last word (`api.guards.LastWord`), which answers 500 with an incident number and never the error's text.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from beslutsgraf.errors import BeslutsgrafError
from beslutsgraf.queries import NotFound, QueryError
from beslutsgraf.store import AnswerTooLarge, NotWritable, QueryRefused, QueryTimedOut
from beslutsgraf.store.querytext import QueryReachesOutside
from beslutsgraf.store.workers import WorkerOutOfMemory, WorkerStopped

STATUS: dict[type[BeslutsgrafError], int] = {
    NotFound: 404,  # a question, or a parameter's value, that names nothing here
    QueryError: 400,  # parameters that do not fit their question
    QueryTimedOut: 503,  # the server's time limit, not the query's fault
    WorkerOutOfMemory: 503,  # the server's memory bound
    WorkerStopped: 400,  # the engine failed on this query
    QueryReachesOutside: 403,  # SERVICE or DEFINE, refused unless the server allows it
    AnswerTooLarge: 422,
    NotWritable: 406,  # the answer has no form in the format asked for
    QueryRefused: 400,  # an update, a syntax error, an IRI the store cannot read
}


def status_of(error: BeslutsgrafError) -> int | None:
    """The status of the nearest kind in the table, or None where the error is not the client's to mend."""
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]  # type: ignore[index]
    return None


def detail_of(error: BeslutsgrafError) -> str:
    if isinstance(error, QueryReachesOutside) and error.keyword == "SERVICE":
        return f"{error} unless the server is started with BESLUTSGRAF_ALLOW_SERVICE=1"
    return str(error)


async def _answer(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, BeslutsgrafError)  # registered for these kinds only
    status = status_of(error)
    if status is None:
        raise error  # to the last word
    headers = {"Vary": "Accept"} if isinstance(error, NotWritable) else None
    return JSONResponse({"detail": detail_of(error)}, status_code=status, headers=headers)


def register(app: FastAPI) -> None:
    app.add_exception_handler(BeslutsgrafError, _answer)
