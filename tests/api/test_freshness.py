"""A running server sees what another process writes: each committed change within seconds, never half of one.

The writer is the command line, in processes of its own, as a user runs it beside `beslutsgraf serve`; the server
reads published snapshots of the store (`store.snapshots`)."""

from __future__ import annotations

import datetime as real
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import beslutsgraf.services.ingesting as loading
from beslutsgraf.api import create_app
from beslutsgraf.settings import Settings
from tests.conftest import DATA, EXAMPLES, SEED

pytestmark = pytest.mark.system

REGISTRY = str(EXAMPLES / "exempelkommun.toml")
KF_PARAGRAPH = "/paragraf/exempelkommun/kf/2026-06-17/71"
KF_DECISION = "/beslut/exempelkommun/kf/2026-06-17/71"


def cli(*args: str) -> None:
    """`beslutsgraf ARGS` in a process of its own, as a user in another terminal runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "beslutsgraf.cli", *args], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr


def within(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    cli("ingest", str(SEED), "--registry", REGISTRY, "--store", str(path))
    return path


@pytest.fixture
def client(store_path: Path) -> Iterator[TestClient]:
    """A server without an upload token: it opens the store read-only, as `beslutsgraf serve` does by default."""
    with TestClient(create_app(Settings(store_path))) as test_client:
        yield test_client


def test_a_running_server_sees_an_ingest_and_a_removal_by_another_process(client: TestClient, store_path: Path) -> None:
    assert client.get(KF_PARAGRAPH).status_code == 404
    meetings = client.get("/queries/meetings", params={"format": "csv"}).text
    assert "KF 2026-06-17" not in meetings
    cli("ingest", str(EXAMPLES / "kf-2026-06-17-71.txt"), "--registry", REGISTRY, "--store", str(store_path))
    assert within(5, lambda: client.get(KF_PARAGRAPH).status_code == 200)
    assert "KF 2026-06-17" in client.get("/queries/meetings", params={"format": "csv"}).text
    listed = client.get("/listings/meetings").json()["totalItems"]
    asked = client.get("/sparql", params={"query": f"ASK {{ <http://127.0.0.1:8000{KF_DECISION}> ?p ?o }}"})
    assert asked.json()["boolean"] is True

    cli("remove", str(EXAMPLES / "kf-2026-06-17-71.txt"), "--store", str(store_path))
    assert within(5, lambda: client.get(KF_DECISION).status_code == 410)
    assert client.get("/listings/meetings").json()["totalItems"] == listed - 1
    assert "KF 2026-06-17" not in client.get("/queries/meetings", params={"format": "csv"}).text


def test_a_server_reading_beside_forced_reingests_and_compaction_stays_whole(
    client: TestClient, store_path: Path
) -> None:
    """What the red team saw take a read-only server to 22 GB and a kill: a forced re-ingest of many files, whose
    bulk loads and compaction delete the store's old files, while the server pages through listings."""
    files = [str(p) for p in sorted(DATA.glob("*.txt"))] + [str(SEED), str(EXAMPLES / "kf-2026-06-17-71.txt")]
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "beslutsgraf.cli",
            "ingest",
            *files,
            "--registry",
            REGISTRY,
            "--organ",
            "KS",
            "--date",
            "2024-02-07",
            "--store",
            str(store_path),
            "--force",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        seen = set()
        while writer.poll() is None:
            page = client.get("/listings/decisions", params={"page_size": 7, "page": 2})
            assert page.status_code == 200
            seen.add(page.json()["totalItems"])
    finally:
        writer.wait(timeout=300)
    assert writer.returncode in (0, 1)  # a file of tests/data may be refused; the others load
    assert within(5, lambda: client.get("/listings/decisions").json()["totalItems"] > max(seen | {0}) - 1)
    for page in range(1, 5):
        assert client.get("/listings/decisions", params={"page_size": 7, "page": page}).status_code == 200


def extract(numbers: range) -> bytes:
    return "\n".join(
        f"§ {n} Dnr KS 2026/{n}\nRubrik nummer {n}\nBeslut\nKommunstyrelsen beslutar att bifalla förslaget.\n"
        for n in numbers
    ).encode("utf-8")


def test_two_uploads_in_one_second_are_two_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second upload only adds (§ 7): no tombstone, as many ingest runs; only the runs' times tell."""
    moments = iter(
        [real.datetime(2027, 1, 1, 12, 0, 0, 100_000, real.UTC), real.datetime(2027, 1, 1, 12, 0, 0, 600_000, real.UTC)]
    )

    class Clock(real.datetime):
        @classmethod
        def now(cls, tz: real.tzinfo | None = None) -> real.datetime:  # type: ignore[override]
            return next(moments)

    monkeypatch.setattr(loading, "datetime", Clock)
    app = create_app(Settings(tmp_path / "store", ingest_token="t"))
    form = {"kommun": "Exempelkommun", "organ": "KS", "date": "2027-01-01"}
    with TestClient(app) as client:
        auth = {"Authorization": "Bearer t"}
        for numbers, listed in ((range(5, 7), 2), (range(5, 8), 3)):
            answer = client.post("/ingest", files={"file": ("fp.txt", extract(numbers))}, data=form, headers=auth)
            assert answer.status_code == 200, answer.text
            assert client.get("/listings/decisions").json()["totalItems"] == listed
