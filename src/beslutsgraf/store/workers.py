"""Users' SPARQL queries, answered in worker processes the server can stop.

Oxigraph cannot cancel a query once begun, and an answer that sorts, groups or counts is made whole before its
first row is written: a thread past its time limit ran on, growing 400 MB a second until the server died, and two
counting queries held both slots for hours. So each /sparql query is answered by one of a few worker processes:

- past the time limit the worker is killed, and another started in its place;
- each runs under a bound on its memory (RLIMIT_AS), so a query that outgrows it costs that worker, not the server;
- each reads the store on its own (the embedded store's published snapshots, or the store server), so the
  server's event loop and its other requests never wait on a query;
- on the embedded store each has no network at all (a network namespace of its own, with nothing in it): the
  parse refuses SERVICE, and an engine that met one the parse missed could reach nothing.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import resource
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from beslutsgraf.errors import BeslutsgrafError
from beslutsgraf.store.base import Answer, AnswerLimits, AnswerTooLarge, GraphStore, NotWritable, QueryRefused
from beslutsgraf.store.datasets import dataset_of
from beslutsgraf.store.querytext import QueryReachesOutside, read_query

logger = logging.getLogger("beslutsgraf.store")

_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000
_START_ALLOWANCE = 60.0  # seconds to wait, beyond the time limit, for a worker being started


@dataclass(frozen=True)
class Question:
    """A user's query and how its answer is wanted."""

    query: str
    results_type: str
    graph_type: str
    boolean_type: str  # a results type for an ASK: CSV and TSV are for tables
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int | None = None
    base_iri: str | None = None
    allow_service: bool = False


def answer(store: GraphStore, question: Question) -> Answer:
    """The question answered from `store`, or QueryRefused (QueryReachesOutside for SERVICE)."""
    reading = read_query(question.query)
    if reading.service and not question.allow_service:
        raise QueryReachesOutside("SERVICE")
    dataset = dataset_of(
        (reading.default_graphs, reading.named_graphs), list(question.default_graphs), list(question.named_graphs)
    )
    limits = AnswerLimits(max_bytes=question.max_bytes)
    results_type = question.boolean_type if reading.form == "ASK" else question.results_type
    return store.sparql(question.query, results_type, question.graph_type, dataset, limits, question.base_iri)


class WorkerStopped(BeslutsgrafError, RuntimeError):
    """The worker answering a query died; the message says why, in words."""


class WorkerOutOfMemory(WorkerStopped):
    """The worker answering a query was stopped at its memory bound: the server's limit, not the query's fault."""


@dataclass(frozen=True)
class StoreAccess:
    """How another process opens the store a server reads: the embedded store's folder, or the store server."""

    path: Path | None = None
    server: object | None = None  # store.server.ServerEndpoints

    @classmethod
    def of(cls, store: GraphStore) -> StoreAccess | None:
        from beslutsgraf.store.oxigraph import FollowingStore, OxigraphStore
        from beslutsgraf.store.server import ServerStore

        if isinstance(store, ServerStore):
            return cls(server=store.endpoints)
        if isinstance(store, OxigraphStore | FollowingStore) and store.path is not None:
            return cls(path=store.path)
        return None  # a store in memory: no other process can read it

    def open(self) -> GraphStore:
        from beslutsgraf.store.oxigraph import FollowingStore
        from beslutsgraf.store.server import ServerStore

        if self.server is not None:
            return ServerStore(self.server, read_only=True)  # type: ignore[arg-type]
        return FollowingStore(self.path)  # type: ignore[arg-type,return-value]


class QueryWorkers:
    """`count` worker processes for one store; `answer` hands a question to an idle one and waits at most `timeout`
    seconds for its answer."""

    def __init__(self, access: StoreAccess, count: int, memory_bytes: int, *, isolate: bool) -> None:
        self.access, self.memory_bytes = access, memory_bytes
        self.isolate = isolate and access.server is None  # a store server is reached over the network
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._starting = 0
        self._lock = threading.Lock()
        for _ in range(count):
            self._start_in_background()

    def answer(self, question: Question, timeout: float) -> Answer:
        """The answer, or TimeoutError when no worker was free, or the answer not made, within `timeout` seconds;
        a worker still starting (a second or two, once at start and after a kill) is waited for besides."""
        try:
            worker = self._idle.get(timeout=timeout + (_START_ALLOWANCE if self._starting else 0))
        except queue.Empty:
            raise TimeoutError("every query worker is busy") from None
        deadline = time.monotonic() + timeout
        try:
            worker.connection.send(question)
            answered = worker.connection.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.connection.recv() if answered else None
        except (EOFError, OSError):
            worker.process.join(timeout=1)
            stopped = _why_it_stopped(worker.process.exitcode, self.memory_bytes)
            self._replace(worker)
            raise stopped from None
        if reply is None:
            self._replace(worker)
            raise TimeoutError("the query took longer than the time limit")
        self._give_back(worker)
        return _read_reply(reply)

    def _give_back(self, worker: _Worker) -> None:
        if self._closed:
            worker.stop()  # closed while it worked: nothing will ask it again
        else:
            self._idle.put(worker)

    def idle_processes(self) -> list[int]:
        """The process ids of the workers waiting for a question."""
        return [worker.process.pid for worker in list(self._idle.queue) if worker.process.pid is not None]

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            worker.stop()

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self._start_in_background()

    def _start_in_background(self) -> None:
        with self._lock:
            self._starting += 1
        threading.Thread(target=self._start_one, daemon=True, name="query-worker-start").start()

    def _start_one(self) -> None:
        try:
            if not self._closed:
                self._give_back(_Worker.start(self.access, self.memory_bytes, self.isolate))
        except (OSError, EOFError) as error:
            logger.error("a query worker could not be started: %s", error)
        finally:
            with self._lock:
                self._starting -= 1


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    @classmethod
    def start(cls, access: StoreAccess, memory_bytes: int, isolate: bool) -> _Worker:
        context = multiprocessing.get_context("spawn")  # never fork a server that holds threads and a store
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve, args=(theirs, access, memory_bytes, isolate), daemon=True, name="beslutsgraf-query"
        )
        process.start()
        theirs.close()
        ready = ours.recv()  # ("ready", cut off from the network or not), or an error while opening the store
        if ready[0] != "ready":
            process.join(timeout=5)
            raise OSError(ready[1])
        if isolate and not ready[1]:
            logger.warning("query workers could not be cut off from the network; SERVICE is refused by the parse")
        return cls(process, ours)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _read_reply(reply: tuple) -> Answer:
    kind, *said = reply
    if kind == "answer":
        return Answer(*said)
    if kind == "outside":
        raise QueryReachesOutside(said[0])
    if kind == "too-large":
        raise AnswerTooLarge(said[0])
    if kind == "not-writable":
        raise NotWritable(said[0])
    if kind == "refused":
        raise QueryRefused(said[0])
    raise RuntimeError(f"a query worker failed: {said[0]}")


def _why_it_stopped(exitcode: int | None, memory_bytes: int) -> WorkerStopped:
    if exitcode in (-6, -9, 134, 137):  # an allocation past the bound aborts; the kernel's OOM killer kills
        return WorkerOutOfMemory(f"the query needed more memory than the limit of {memory_bytes // 2**20:,} MiB")
    return WorkerStopped("the SPARQL engine failed on the query")


# ---------------------------------------------------------------------------- in the worker process


def _serve(connection: Connection, access: StoreAccess, memory_bytes: int, isolate: bool) -> None:
    isolated = _cut_off_from_the_network() if isolate else False  # first: a user namespace needs one thread
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    sys.setrecursionlimit(20_000)  # the parse descends some 30 calls a bracket; the main thread has the stack
    try:
        store = access.open()
    except Exception as error:
        connection.send(("failed", f"the store cannot be opened: {error}"))
        return
    connection.send(("ready", isolated))
    while True:
        try:
            question = connection.recv()
        except EOFError:
            return
        try:
            given = answer(store, question)
            reply: tuple = ("answer", given.body, given.media_type, given.kind)
        except QueryReachesOutside as refused:
            reply = ("outside", refused.keyword)
        except AnswerTooLarge as refused:
            reply = ("too-large", str(refused))
        except NotWritable as refused:
            reply = ("not-writable", str(refused))
        except QueryRefused as refused:
            reply = ("refused", str(refused))
        except MemoryError:
            reply = ("refused", f"the query needed more memory than the limit of {memory_bytes // 2**20:,} MiB")
        except Exception as error:  # said to the server, which logs it as an incident; the worker stays
            reply = ("error", f"{error.__class__.__name__}: {error}")
        connection.send(reply)


def _cut_off_from_the_network() -> bool:
    """Move this process into a network namespace of its own, which has no interface but a loopback that is down.
    As root, directly; otherwise inside a user namespace of its own that maps this user to itself."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        return False
    return True
