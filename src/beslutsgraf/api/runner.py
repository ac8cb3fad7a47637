"""Run SPARQL answers in daemon threads, a bounded number at once, and stop waiting at a time limit.

The engine cannot cancel a query once begun. A daemon thread lets the client have its answer (503) at the
limit and never holds up the server's shutdown; the slots bound how much of the machine runaway queries
can take: once every slot is busy, new queries are refused at the limit instead of piling up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


class QueryRunner:
    def __init__(self, slots: int) -> None:
        self._slots = threading.BoundedSemaphore(slots)

    def run(self, work: Callable[[], T], timeout: float) -> T:
        """`work()`'s value, or TimeoutError when the slot and the value did not both come within `timeout` s."""
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=timeout):
            raise TimeoutError("every query slot is busy")
        future: Future[T] = Future()

        def target() -> None:
            try:
                future.set_result(work())
            except BaseException as error:
                future.set_exception(error)
            finally:
                self._slots.release()

        threading.Thread(target=target, daemon=True, name="sparql-answer").start()
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
