"""A function over many inputs in worker processes, its results back in input order, few of them held at once.

The workers are spawned, not forked: the parent may hold an open store and threads (the API's), which a fork
would copy mid-state. `work` is pickled once per worker, not once per input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

Item_co = TypeVar("Item_co", covariant=True)


class Counted(Protocol[Item_co]):
    """What the inputs must be: counted beforehand, then read in order (a list, or items made as they are read)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Item_co]: ...


_work: Callable | None = None  # the function, in a worker process
_END = object()


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_order(
    work: Callable[[Item], Result],
    items: Counted[Item],
    jobs: int,
    *,
    ahead: int = 2,
    on_death: Callable[[Item], Result] | None = None,
) -> Iterator[Result]:
    """`work(item)` for every item, yielded in order; with `jobs` > 1 in as many processes, at most `ahead` results
    per worker waiting for the caller, so that memory stays bounded however many items there are.

    A worker that dies (killed for its memory, say) takes every item then under way with it: each is worked again
    alone, in a process of its own, so that only the item that kills its process is lost, as `on_death(item)`'s
    result (without it, the pool's error is raised); the rest go on in a new pool."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    context = multiprocessing.get_context("spawn")
    workers = min(jobs, len(items))
    upcoming = iter(items)
    pending: deque[tuple[Item, Future]] = deque()
    while True:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_set_work, initargs=(work,)) as pool:

            def submit_next() -> None:
                item = next(upcoming, _END)
                if item is _END:
                    return
                try:
                    future = pool.submit(_run, item)
                except BrokenProcessPool as broken:  # a worker died since the last result: this item is stranded too
                    future = Future()
                    future.set_exception(broken)
                pending.append((item, future))  # type: ignore[arg-type]

            for _ in range(ahead * workers - len(pending)):
                submit_next()
            try:
                while pending:
                    result = pending[0][1].result()
                    pending.popleft()
                    submit_next()
                    yield result
                return
            except BrokenProcessPool:
                if on_death is None:
                    raise
                stranded = [item for item, _ in pending]
                pending.clear()
        for item in stranded:
            yield _alone(work, item, context, on_death)


def _alone(
    work: Callable[[Item], Result], item: Item, context: BaseContext, on_death: Callable[[Item], Result]
) -> Result:
    """`work(item)` in a process of its own; `on_death(item)` if that process dies."""
    with ProcessPoolExecutor(1, mp_context=context, initializer=_set_work, initargs=(work,)) as pool:
        try:
            return pool.submit(_run, item).result()  # type: ignore[return-value]
        except BrokenProcessPool:
            return on_death(item)


def _set_work(work: Callable) -> None:
    global _work  # noqa: PLW0603 a worker process's one task, set once when it starts
    _work = work


def _run(item: object) -> object:
    assert _work is not None, "the worker was started without its function"
    return _work(item)
