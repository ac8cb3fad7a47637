"""Mutated real protocols (hypothesis): lines deleted and duplicated, sections shuffled, files cut short, random
bytes, enormous lines, control characters, mixed encodings. The only outcomes allowed: a graph that conforms to its
own shapes, or an error naming the file; never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import Preparation
from tests.conftest import DATA, EXAMPLES, SEED

pytestmark = pytest.mark.unit

ORIGINALS = [
    SEED,
    EXAMPLES / "kf-2026-06-17-71.txt",
    DATA / "goteborg-ks-2024-02-07-102.txt",
    DATA / "ksau-2018-03-06.txt",
    DATA / "sbn-2024-03-12.txt",
]
PREPARE = Preparation(
    Resolver(load_registry([EXAMPLES / "exempelkommun.toml"])),
    Iris(),
    SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03"),
    frozenset(),
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(data: bytes, rng: st.DataObject) -> bytes:
    lines = _lines(data)
    start = rng.draw(st.integers(0, len(lines) - 1))
    return b"\n".join(lines[:start] + lines[start + rng.draw(st.integers(1, 40)) :])


def duplicate_lines(data: bytes, rng: st.DataObject) -> bytes:
    lines = _lines(data)
    start = rng.draw(st.integers(0, len(lines) - 1))
    chunk = lines[start : start + rng.draw(st.integers(1, 40))]
    return b"\n".join(lines[:start] + chunk * rng.draw(st.integers(2, 4)) + lines[start:])


def shuffle_sections(data: bytes, rng: st.DataObject) -> bytes:
    sections = data.split(b"\n\xc2\xa7")  # at the § signs that begin a line
    return b"\n\xc2\xa7".join(rng.draw(st.permutations(sections)))


def truncate(data: bytes, rng: st.DataObject) -> bytes:
    return data[: rng.draw(st.integers(0, len(data)))]


def random_bytes(data: bytes, rng: st.DataObject) -> bytes:
    at = rng.draw(st.integers(0, len(data)))
    return data[:at] + rng.draw(st.binary(min_size=1, max_size=200)) + data[at:]


def enormous_line(data: bytes, rng: st.DataObject) -> bytes:
    at = rng.draw(st.integers(0, len(data)))
    piece = rng.draw(st.sampled_from([b"\xc2\xa7 12 ", b"x", b"Beslut ", b"KS 2025/164 "]))
    return data[:at] + piece * rng.draw(st.integers(2_000, 20_000)) + data[at:]


CONTROLS = [0, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x202E, 0xFEFF]


def control_characters(data: bytes, rng: st.DataObject) -> bytes:
    text = data.decode("utf-8", errors="surrogateescape")  # bytes an earlier mutation broke stay as they were
    for _ in range(rng.draw(st.integers(1, 20))):
        at = rng.draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + chr(rng.draw(st.sampled_from([0, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x202E, 0xFEFF])))
            + text[at:]
        )
    return text.encode("utf-8", errors="surrogateescape")


def mixed_encodings(data: bytes, rng: st.DataObject) -> bytes:
    lines = _lines(data)
    at = rng.draw(st.integers(0, len(lines) - 1))
    encoding = rng.draw(st.sampled_from(["latin-1", "cp1252", "utf-16"]))
    recoded = lines[at].decode("utf-8", errors="replace").encode(encoding, errors="replace")
    return b"\n".join([*lines[:at], recoded, *lines[at + 1 :]])


MUTATIONS = [
    delete_lines,
    duplicate_lines,
    shuffle_sections,
    truncate,
    random_bytes,
    enormous_line,
    control_characters,
    mixed_encodings,
]


def outcome(data: bytes) -> str:
    """What the ingest's own per-file step (the one its workers run) makes of the bytes: "loaded" means a graph that
    passed its shapes, "failed" an error naming the file; any other exception fails the test."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutated.txt"
        path.write_bytes(data)
        result = PREPARE(path).outcome
        if result.status == "failed":
            assert result.error and result.error.startswith(str(path)), result.error  # the file named first
        else:
            assert result.status == "loaded" and result.triples > 0, result
        return result.status


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    original=st.sampled_from(ORIGINALS),
    mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
    rng=st.data(),
)
def test_a_mutated_protocol_gives_a_valid_graph_or_a_clear_error(original: Path, mutations: list, rng) -> None:
    data = original.read_bytes()
    for mutate in mutations:
        data = mutate(data, rng)
    event(outcome(data))  # shown by --hypothesis-show-statistics


@pytest.mark.parametrize("mutate", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
def test_each_mutation_once_on_the_seed(mutate) -> None:  # type: ignore[no-untyped-def]
    """One fixed example a mutation, in the quick suite."""

    @settings(
        max_examples=2,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(rng=st.data())
    def check(rng) -> None:  # type: ignore[no-untyped-def]
        outcome(mutate(SEED.read_bytes(), rng))

    check()
