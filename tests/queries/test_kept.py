"""Answers to the questions over the whole store, kept beside it until the store changes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from beslutsgraf.queries import answer, catalogue, get
from beslutsgraf.queries.cache import KeptAnswers, fingerprint
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.conftest import EXAMPLES, SEED, Ingest

pytestmark = pytest.mark.integration

REGISTRY = (EXAMPLES / "exempelkommun.toml",)


class Counted:
    """The store's select, counting how often the store is actually asked."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store, self.asked = store, 0

    def __call__(self, sparql: str, bindings: dict) -> list[dict]:
        self.asked += 1
        return self.store.select(sparql, bindings).rows


def test_an_answer_is_kept_for_every_reader_until_the_store_changes(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris
) -> None:
    ingest(SEED, registries=REGISTRY)
    select, now = Counted(store), lambda: fingerprint(Counted(store), iris.deletions_graph())
    network = get("referral-network")
    asked = answer(network, {}, select)
    assert asked[1], "the seed has referral responses"
    first = KeptAnswers(tmp_path / "answers").answer(network, {}, select, now)
    assert first == asked and select.asked == 2
    # another process, the same store unchanged: the file, not the store
    again = KeptAnswers(tmp_path / "answers").answer(network, {}, select, now)
    assert again == asked and select.asked == 2
    kept = json.loads((tmp_path / "answers" / "referral-network.json").read_text(encoding="utf-8"))
    assert kept["columns"] == list(network.columns) and len(kept["rows"]) == len(asked[1])
    # the store changes: asked again, and the answer is the new store's
    ingest(EXAMPLES / "kf-2026-06-17-71.txt", registries=REGISTRY)
    links = get("citation-links")
    before = select.asked
    changed = KeptAnswers(tmp_path / "answers").answer(links, {}, select, now)
    assert select.asked > before and changed == answer(links, {}, select)
    assert KeptAnswers(tmp_path / "answers").answer(network, {}, select, now) == answer(network, {}, select)


def test_a_new_version_of_a_question_is_asked_again(tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris) -> None:
    ingest(SEED, registries=REGISTRY)
    select, now = Counted(store), lambda: fingerprint(Counted(store), iris.deletions_graph())
    network = get("referral-network")
    KeptAnswers(tmp_path / "answers").answer(network, {}, select, now)
    asked = select.asked
    changed = replace(network, sparql=network.sparql + "\n# reworded\n")
    KeptAnswers(tmp_path / "answers").answer(changed, {}, select, now)
    assert select.asked > asked


def test_a_question_with_parameters_is_asked_every_time(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris
) -> None:
    ingest(SEED, registries=REGISTRY)
    select, now = Counted(store), lambda: fingerprint(Counted(store), iris.deletions_graph())
    kept = KeptAnswers(tmp_path / "answers")
    for _ in range(2):
        kept.answer(get("referral-network"), {"body": "KS"}, select, now)
    assert select.asked >= 2 and not (tmp_path / "answers").exists()


def test_refresh_keeps_every_question_over_the_whole_store(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris
) -> None:
    ingest(SEED, registries=REGISTRY)
    select, now = Counted(store), lambda: fingerprint(Counted(store), iris.deletions_graph())
    names = KeptAnswers(tmp_path / "answers").refresh(select, now)
    whole_store = {q.name for q in catalogue().values() if q.over_whole_store}
    assert set(names) == whole_store and {"referral-network", "citation-links", "meetings"} <= whole_store
    assert {p.stem for p in (tmp_path / "answers").glob("*.json")} == set(names)
    asked = select.asked
    KeptAnswers(tmp_path / "answers").refresh(select, now)
    assert select.asked == asked  # nothing changed, nothing asked


def test_a_folder_that_cannot_be_written_only_costs_the_question(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris
) -> None:
    ingest(SEED, registries=REGISTRY)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    select, now = Counted(store), lambda: fingerprint(Counted(store), iris.deletions_graph())
    network = get("referral-network")
    assert KeptAnswers(blocked / "answers").answer(network, {}, select, now) == answer(network, {}, select)
