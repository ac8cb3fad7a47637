"""Pages designed around what a thing is: a meeting with who was present in which role, its §§ with their outcomes,
its times, justering and notice; every triple one click away."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.api.conftest import app_over
from tests.conftest import DATA

pytestmark = pytest.mark.integration

MEETING = "/sammantrade/tidaholm/ks/2025-03-12"
BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = OxigraphStore(tmp_path_factory.mktemp("pages") / "store")
    (outcome,) = ingest_files(
        [DATA / "ks-2025-03-12-full.txt"], store, Resolver(load_registry()), Iris(), SourceMetadata()
    )
    assert outcome.status == "loaded", outcome.error
    with TestClient(app_over(store)) as test_client:
        yield test_client
    store.close()


def test_a_meeting_page_shows_who_was_there_and_what_it_decided(client: TestClient) -> None:
    page = client.get(MEETING, headers={"Accept": BROWSER}).text
    assert "<h1>Kommunstyrelsen 2025-03-12</h1>" in page
    assert "Stadshuset, sammanträdesrum Hökensås" in page and "13:00–16:30" in page
    assert "2025-03-18 – 2025-04-09" in page  # the notice, posted and taken down
    numbers = re.findall(r'href="http://127.0.0.1:8000/paragraf/tidaholm/ks/2025-03-12/(\d+)">§ \1</a>', page)
    assert numbers == ["12", "13", "14", "15"]
    assert "förslag till fullmäktige" in page  # an outcome by its label, not its IRI
    assert re.search(
        r">Olle Sand</a> \(S\), tjänstgörande ersättare ersätter <a href=\"[^\"]+karin-berg\">Karin Berg", page
    )
    assert ">Johan Bro</a>, sekreterare" in page
    assert f"{MEETING}?vy=alla" in page


def test_every_triple_stays_one_click_away(client: TestClient) -> None:
    every = client.get(MEETING, params={"vy": "alla"}, headers={"Accept": BROWSER}).text
    assert "<table>" in every and "Kommunstyrelsen 2025-03-12" in every


def test_a_meeting_page_in_english(client: TestClient) -> None:
    page = client.get(MEETING, params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert '<html lang="en">' in page and '<h2 id="present">Present</h2>' in page


def test_a_case_page_draws_its_trail_and_lists_its_decisions(client: TestClient) -> None:
    page = client.get("/arende/tidaholm/ks-2025-164", headers={"Accept": BROWSER}).text
    assert "<h1>KS 2025/164</h1>" in page and "<svg" in page
    assert re.search(r'href="http://127.0.0.1:8000/paragraf/tidaholm/ks/2025-03-12/13">KS 2025-03-12 § 13</a>', page)
    assert "förslag till fullmäktige" in page
