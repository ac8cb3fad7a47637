"""Bad input: a clear error naming the file, the place and the reason, and the store exactly as it was."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from store.oxigraph import OxigraphStore
from tests.conftest import SEED, Ingest


def snapshot(store: OxigraphStore) -> bytes:
    out = BytesIO()
    store.export(out, "nquads")
    return b"\n".join(sorted(out.getvalue().splitlines()))


BAD_FILES = [
    ("empty.txt", b"", "the file is empty", None),
    ("blank.txt", b"  \n\n \t\n", "the file is empty", None),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", "line 3, column 1"),
    (
        "latin1.txt",
        "§ 1 Beslut\nKommunstyrelsen beslutar att godkänna.\n".encode("latin-1"),
        "not UTF-8",
        "line 1, column 1",
    ),
    ("no-paragraph.txt", "Kallelse till sammanträde\nDagordning följer.\n".encode(), "no § heading found", None),
    ("cut.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a truncated PDF", None),
    ("fake.pdf", b"%PDF-1.7\nnothing here\n%%EOF\n", "is not a readable PDF", None),
    ("nobody.txt", "§ 4\nTitel\nBeslut\nÄrendet läggs till handlingarna.\n".encode(), "which body decided", None),
]


@pytest.mark.parametrize(("name", "content", "reason", "place"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_and_the_store_unchanged(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, name: str, content: bytes, reason: str, place: str | None
) -> None:
    ingest(SEED, kommun="Exempelkommun")
    before = snapshot(store)
    bad = tmp_path / name
    bad.write_bytes(content)
    (outcome,) = ingest(bad, kommun="Exempelkommun", date="2026-06-03")
    assert outcome.status == "failed"
    assert str(bad) in outcome.error
    assert reason in outcome.error
    if place:
        assert place in outcome.error
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({}, "municipality is not stated"),
        ({"kommun": "X", "date": "3 juni"}, "--date '3 juni' is not a date"),
        ({"kommun": "X", "organ": "Socialförvaltningen"}, "is an administration, not a body"),
        ({"kommun": "X", "organ": "Gnestanämnden"}, "'Gnestanämnden' is not in the registries"),
    ],
)
def test_facts_the_file_does_not_give_are_asked_for(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, options: dict[str, str], reason: str
) -> None:
    copy = tmp_path / "seed.txt"  # without the metadata file that names the seed's municipality
    copy.write_bytes(SEED.read_bytes())
    ingest(SEED, kommun="Exempelkommun")
    before = snapshot(store)
    (outcome,) = ingest(copy, **options)
    assert outcome.status == "failed"
    assert reason in outcome.error
    assert snapshot(store) == before


def test_missing_file(tmp_path: Path, ingest: Ingest) -> None:
    (missing,) = ingest(tmp_path / "nowhere.txt")
    assert missing.error == f"{tmp_path / 'nowhere.txt'}: no such file"


def test_a_failing_file_does_not_stop_the_others(tmp_path: Path, store: OxigraphStore, ingest: Ingest) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    outcomes = ingest(bad, SEED, kommun="Exempelkommun")
    assert [o.status for o in outcomes] == ["failed", "loaded"]
