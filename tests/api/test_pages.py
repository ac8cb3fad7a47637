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
    assert '<table class="triples">' in every and "Kommunstyrelsen 2025-03-12" in every
    assert '<th scope="row">hölls av<br><code class="curie">besluit:isGehoudenDoor</code></th>' in every  # a label


def test_a_meeting_page_in_english(client: TestClient) -> None:
    page = client.get(MEETING, params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert '<html lang="en">' in page and '<h2 id="present">Present</h2>' in page
    assert "<h3>Serving substitutes</h3>" in page  # the parts of the attendance in the page's language


def test_a_case_page_draws_its_trail_and_lists_its_decisions(client: TestClient) -> None:
    page = client.get("/arende/tidaholm/ks-2025-164", headers={"Accept": BROWSER}).text
    assert "<h1>KS 2025/164</h1>" in page and "<svg" in page
    assert re.search(r'href="http://127.0.0.1:8000/paragraf/tidaholm/ks/2025-03-12/13">KS 2025-03-12 § 13</a>', page)
    assert "förslag till fullmäktige" in page
    assert "<summary>2 handlingar, 1 remissvar</summary>" in page  # each §'s basis, the referral responses counted
    assert re.search(r'<span class="kind">remissvar</span> <a href="[^"]+/dokument/tidaholm/ks/2025-03-12/13/1">', page)


def test_a_body_page_shows_its_meetings_members_and_referrals(client: TestClient) -> None:
    page = client.get("/organ/tidaholm/ks", headers={"Accept": BROWSER}).text
    assert "<h1>Kommunstyrelsen</h1>" in page and ">styrelse<" in page  # its kind by its label
    assert '<link rel="alternate" type="text/turtle" href="http://127.0.0.1:8000/organ/tidaholm/ks.ttl">' in page
    assert re.search(
        r'<summary>2025 \(1\)</summary>\s*<ul><li><a href="[^"]+/sammantrade/tidaholm/ks/2025-03-12">', page
    )
    members = re.findall(
        r'<tr><td><a href="[^"]+/person/tidaholm/([a-z-]+)">[^<]+</a></td><td>(\w*)</td><td>([^<]+)</td>', page
    )
    assert ("olle-sand", "S", "tjänstgörande ersättare") in members and ("per-holm", "M", "ledamot") in members
    assert "johan-bro" not in page  # the secretary, an official, is no member
    asked = page.split('id="referrals_asked"')[1]  # who answered the body's referrals
    assert re.search(r'/organ/tidaholm/sn">Socialnämnden</a></td><td>1</td><td>1</td><td>51</td>', asked)


def test_a_person_page_shows_what_they_did(client: TestClient) -> None:
    page = client.get("/person/tidaholm/olle-sand", headers={"Accept": BROWSER}).text
    assert "<h1>Olle Sand</h1>" in page and ">Socialdemokraterna</a>" in page
    attended = page.split('id="attended"')[1].split("</section>")[0]
    assert re.search(
        r'href="[^"]+/sammantrade/tidaholm/ks/2025-03-12">KS 2025-03-12</a></td><td>tjänstgörande ersättare', attended
    )
    votes = page.split('id="vote"')[1].split("</section>")[0]
    assert re.search(r'href="[^"]+/paragraf/tidaholm/ks/2025-03-12/14">KS 2025-03-12 § 14</a></td><td>ja<', votes)
    english = client.get("/person/tidaholm/olle-sand", params={"lang": "en"}, headers={"Accept": BROWSER}).text
    assert ">Votes (1)</h2>" in english and "</a></td><td>yes<" in english


def test_a_document_page_shows_its_kind_author_and_the_decision_that_used_it(client: TestClient) -> None:
    page = client.get("/dokument/tidaholm/ks/2025-03-12/13/1", headers={"Accept": BROWSER}).text
    assert "<h1>Remissvar från Socialnämnden 2025-01-20</h1>" in page
    assert re.search(r'<dt>Från</dt><dd><a href="[^"]+/organ/tidaholm/sn">Socialnämnden</a>', page)
    used = page.split('id="used_by"')[1]
    assert re.search(r'href="[^"]+/paragraf/tidaholm/ks/2025-03-12/13">KS 2025-03-12 § 13</a>', used)
    assert re.search(
        r'<a href="/kalla/[0-9a-f]{64}/sida/1\?tecken=\d+-\d+">sida 1, rad 61</a>', page
    )  # where it was read
    assert client.get("/dokument/tidaholm/ks/2025-03-12/13/99", headers={"Accept": BROWSER}).status_code == 404


def test_the_start_page_speaks_one_language_at_a_time(client: TestClient) -> None:
    swedish = client.get("/", headers={"Accept": BROWSER, "Accept-Language": "sv"}).text
    assert '<html lang="sv">' in swedish and "Vad gjorde en person" in swedish and "What did a person do" not in swedish
    assert '<a href="/sparql#person-activity">' in swedish  # each question opens in the SPARQL editor
    english = client.get("/", headers={"Accept": BROWSER, "Accept-Language": "en-GB,en;q=0.9,sv;q=0.5"}).text
    assert '<html lang="en">' in english and "What did a person do" in english and "Vad gjorde" not in english


def test_every_triple_in_english_names_each_property_by_its_label(client: TestClient) -> None:
    every = client.get(MEETING, params={"vy": "alla", "lang": "en"}, headers={"Accept": BROWSER}).text
    assert '<html lang="en">' in every and "<h2>Links here</h2>" in every
    assert '<th scope="row">held by<br><code class="curie">besluit:isGehoudenDoor</code></th>' in every
    assert '<p class="types">meeting</p>' in every  # the type by its label, not besluit:Zitting


@pytest.mark.parametrize(
    ("number", "location"),
    [
        ("KS 2025/164", "http://127.0.0.1:8000/arende/tidaholm/ks-2025-164"),
        ("ks  2025/164", "http://127.0.0.1:8000/arende/tidaholm/ks-2025-164"),  # case and spacing aside
        ("KS 1999/1", "/search?q=KS+1999%2F1"),  # no such case: what the search finds of it
    ],
)
def test_a_case_number_from_the_start_page_goes_to_its_case(client: TestClient, number: str, location: str) -> None:
    response = client.get("/arende", params={"nummer": number}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == location
