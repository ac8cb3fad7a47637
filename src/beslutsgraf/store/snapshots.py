"""What readers in other processes read: snapshots of the embedded store that no one writes.

RocksDB, under Oxigraph, lets one process write a store; another may open it read-only, but only as it was when
opened, and what the writer compacts away afterwards leaves that reader's view undefined (a server reading beside
an ingest was seen to answer stale, then allocate 22 GB and die). So the writer publishes: after its writes (at
most one snapshot a second, and always when it closes) it makes a RocksDB checkpoint of the store — hard links to
its files, ~15 ms at 1M triples — beside it in `STORE.snapshots/`, and names the newest in `CURRENT`. A checkpoint
is a store of its own that nobody ever writes, so every reader opens one read-only and sees each committed change,
never half of one, as soon as it is published. A reader holds a shared lock on the snapshot it has open; the
writer deletes the snapshots no reader holds.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CURRENT = "CURRENT"
_IN_USE = ".in-use"
logger = logging.getLogger("beslutsgraf.store")


def snapshots_folder(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".snapshots")


def current_snapshot(store_path: Path) -> Path | None:
    """The newest published snapshot of the store at `store_path`, or None if none was ever published."""
    folder = snapshots_folder(store_path)
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return folder / name if name else None


class Publisher:
    """The writer's side: `changed()` after every committed write; a snapshot follows within `delay` seconds, or
    at `close()`. `backup(path)` makes the checkpoint (pyoxigraph's `Store.backup`)."""

    def __init__(self, store_path: Path, backup: Callable[[str], Any], delay: float = 1.0) -> None:
        self.folder = snapshots_folder(store_path)
        self._backup, self._delay = backup, delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._last = 0.0

    def changed(self) -> None:
        with self._lock:
            if self._timer is not None:
                return  # one is due already, and will hold this change too
            wait = self._last + self._delay - time.monotonic()
            if wait <= 0:
                self._publish_locked()
                return
            self._timer = threading.Timer(wait, self._publish_due)
            self._timer.daemon = True
            self._timer.start()

    def close(self) -> None:
        """Publish what is due now, before the store closes; then let go of the store (a reference kept here would
        keep it open, and its lock held)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._publish_locked()
            self._backup = _closed

    def publish(self) -> Path | None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            return self._publish_locked()

    def _publish_due(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._publish_locked()

    def _publish_locked(self) -> Path | None:
        """The new snapshot; None if it could not be made (a full disk): the change is in the store, and the next
        change or the close publishes it."""
        self._timer = None
        name = f"{time.time_ns():020d}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._backup(str(self.folder / name))
            (self.folder / name / _IN_USE).touch()
        except OSError as error:
            logger.warning("no snapshot of the store could be published for its readers: %s", error)
            shutil.rmtree(self.folder / name, ignore_errors=True)
            return None
        pointer = self.folder / f".{CURRENT}.{os.getpid()}"
        pointer.write_text(name, encoding="utf-8")
        pointer.replace(self.folder / CURRENT)  # readers see the old name or the new one, never half of one
        self._last = time.monotonic()
        self._prune(keep=name)
        return self.folder / name

    def _prune(self, keep: str) -> None:
        """Delete every snapshot but `keep` that no reader holds (a reader that opens one as it goes tries again)."""
        for snapshot in self.folder.iterdir():
            if snapshot.name == keep or not snapshot.is_dir():
                continue
            try:
                with (snapshot / _IN_USE).open("rb") as marker:
                    fcntl.flock(marker, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    shutil.rmtree(snapshot, ignore_errors=True)
            except BlockingIOError:
                continue  # a reader has it open
            except FileNotFoundError:
                shutil.rmtree(snapshot, ignore_errors=True)  # left half-made by a writer that died


def _closed(path: str) -> None:
    raise OSError("the store was closed")


class Held:
    """A snapshot held open by this process: the shared lock keeps the writer from deleting it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._marker = (path / _IN_USE).open("rb")
        fcntl.flock(self._marker, fcntl.LOCK_SH)

    def release(self) -> None:
        self._marker.close()


def hold_current(store_path: Path, tries: int = 5) -> Held | None:
    """Hold the newest snapshot, or None if none was published; a snapshot deleted between reading its name and
    holding it is passed over for the one that replaced it."""
    for _ in range(tries):
        path = current_snapshot(store_path)
        if path is None:
            return None
        try:
            held = Held(path)
        except FileNotFoundError:
            continue
        if path.exists():
            return held
        held.release()
    raise OSError(f"no snapshot of {store_path} could be held: they are replaced faster than they can be opened")
