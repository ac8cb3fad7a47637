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


def in_order(work: Callable[[Item], Result], items: Counted[Item], jobs: int, *, ahead: int = 2) -> Iterator[Result]:
    """`work(item)` for every item, yielded in order; with `jobs` > 1 in as many processes, at most `ahead` results
    per worker waiting for the caller, so that memory stays bounded however many items there are."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    context = multiprocessing.get_context("spawn")
    workers = min(jobs, len(items))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_set_work, initargs=(work,)) as pool:
        pending: deque[Future] = deque()
        upcoming = iter(items)

        def submit_next() -> None:
            item = next(upcoming, _END)
            if item is not _END:
                pending.append(pool.submit(_run, item))

        for _ in range(ahead * workers):
            submit_next()
        while pending:
            result = pending.popleft().result()
            submit_next()
            yield result


def _set_work(work: Callable) -> None:
    global _work
    _work = work


def _run(item: object) -> object:
    assert _work is not None, "the worker was started without its function"
    return _work(item)
