"""Bad input: a clear error naming the file, the place and the reason, and the store exactly as it was."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest

from beslutsgraf.store.oxigraph import OxigraphStore
from tests.conftest import SEED, Ingest

pytestmark = pytest.mark.integration


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
        ({"kommun": "X", "organ": "Gnesta Bygg"}, "'Gnesta Bygg' is neither in the registries nor a body's name"),
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


def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path: Path, store: OxigraphStore, ingest: Ingest) -> None:
    """A FIFO hung the ingest for ever; /dev/zero behind a link filled memory at a gigabyte a second."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    good = tmp_path / "good.txt"
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "good.meta.toml").symlink_to("/dev/zero")
    outcomes = ingest(fifo, zero, good, kommun="Exempelkommun")
    assert [o.status for o in outcomes] == ["failed"] * 3
    assert all("not a regular file" in (o.error or "") for o in outcomes)


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        ('kommun = ["a", "b"]', "kommun must be text"),
        ('kommun = "中文"', "gives no name its IRIs can hold"),
        ('kommun = "\\u0000"', "gives no name its IRIs can hold"),
        (f'kommun = "{"x" * 1_000}"', "at most 200 characters"),
        (f'kommun = "{"x" * 100_000}"', "over the limit of 65,536 bytes"),
        ('date = "0001-01-01"', "is not one minutes can have"),
        ('date = "9999-12-31"', "is not one minutes can have"),
    ],
)
def test_metadata_that_makes_no_sense_is_refused(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, meta: str, reason: str
) -> None:
    protocol = tmp_path / "ks.txt"
    protocol.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ks.meta.toml").write_text(meta + "\n", encoding="utf-8")
    ingest(SEED, kommun="Exempelkommun")
    before = snapshot(store)
    (outcome,) = ingest(protocol, **({} if "kommun" in meta else {"kommun": "Exempelkommun"}))
    assert outcome.status == "failed" and reason in (outcome.error or ""), outcome.error
    assert snapshot(store) == before


def test_a_file_of_thousands_of_paragraphs_is_refused_before_it_is_mapped(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    """20,000 minimal §§ (2 MB) once needed some 12 GB to validate."""
    many = tmp_path / "many.txt"
    many.write_text(
        "\n".join(
            f"§ {n} Dnr KS 2025/{n}\nRubrik {n}\nBeslut\nKommunstyrelsen beslutar att bifalla förslaget.\n"
            for n in range(1, 20_001)
        ),
        encoding="utf-8",
    )
    (outcome,) = ingest(many, kommun="Exempelkommun", date="2025-01-01")
    assert outcome.status == "failed" and "§ headings, more than the 2,000" in (outcome.error or "")


@pytest.mark.system  # processes stopped at a limit or killed: a fault test
def test_a_worker_that_dies_costs_only_its_file(
    tmp_path: Path, store: OxigraphStore, iris, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -j 2 a worker killed for its memory once aborted the run, losing files already prepared, naming none."""
    import beslutsgraf.services.ingesting as loading
    from beslutsgraf.ingest.resolve import Resolver
    from beslutsgraf.ingest.source import SourceMetadata
    from beslutsgraf.ontology.registry import load_registry
    from beslutsgraf.services.ingesting import ingest_files
    from tests.conftest import DATA, EXAMPLES
    from tests.dying import DyingPreparation

    monkeypatch.setattr(loading, "Preparation", DyingPreparation)
    dies = tmp_path / "dies-here.txt"
    dies.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    files = [SEED, DATA / "bun-2025-11-11.txt", dies, EXAMPLES / "kf-2026-06-17-71.txt", DATA / "sbn-2024-03-12.txt"]
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    outcomes = ingest_files(files, store, resolver, iris, SourceMetadata(), jobs=2)
    assert [o.path.name for o in outcomes] == [f.name for f in files]
    assert [o.status for o in outcomes] == ["loaded", "loaded", "failed", "loaded", "loaded"]
    assert "dies-here.txt" in (outcomes[2].error or "") and "process reading it died" in (outcomes[2].error or "")
    assert len([g for g in store.graph_names() if "/graf/" in str(g) and "vokabular" not in str(g)]) == 4
