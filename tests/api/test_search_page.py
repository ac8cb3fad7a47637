"""/search as a page when a browser asks for one: the hits with their snippets, filters, paging, in Swedish or English;
JSON stays for everyone else."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from beslutsgraf.api.dependencies import get_search
from beslutsgraf.ontology import Iris
from beslutsgraf.services.maintaining import reindex
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.search import SearchIndex
from tests.api.conftest import app_over

pytestmark = pytest.mark.integration

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def pages(store: OxigraphStore) -> Iterator[TestClient]:
    index = SearchIndex(None)
    reindex(store, index, Iris())
    app = app_over(store)
    app.dependency_overrides[get_search] = lambda: index
    with TestClient(app) as client:
        yield client


class Hits(HTMLParser):
    """The page's hits (their links and the words marked in their snippets) and its form's fields."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.marked: list[str] = []
        self.fields: list[str] = []
        self._in_hits = self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ol" and found.get("class") == "hits":
            self._in_hits = True
        elif tag == "a" and self._in_hits:
            self.links.append(found.get("href") or "")
        elif tag == "mark":
            self._in_mark = True
        elif tag in ("input", "select"):
            self.fields.append(found.get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_hits = self._in_hits and tag != "ol"
        self._in_mark = self._in_mark and tag != "mark"

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marked.append(data)


def read(html: str) -> Hits:
    page = Hits()
    page.feed(html)
    return page


def test_a_browser_gets_a_page_of_hits_with_the_words_marked(pages: TestClient) -> None:
    answer = pages.get("/search", params={"q": "remiss"}, headers={"Accept": BROWSER})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    page = read(answer.text)
    assert len(page.links) >= 9 and all(link.startswith("http://127.0.0.1:8000/") for link in page.links)
    assert page.marked and all(word.lower().startswith("remiss") for word in page.marked)
    assert page.fields == ["q", "body", "kind", "from", "to"]
    assert '<html lang="sv">' in answer.text and "Organ" in answer.text


def test_json_stays_for_everyone_else(pages: TestClient) -> None:
    for accept in (None, "application/json", "*/*"):
        headers = {"Accept": accept} if accept else {}
        answer = pages.get("/search", params={"q": "remiss"}, headers=headers)
        assert answer.headers["content-type"] == "application/json" and answer.json()["hits"]


def test_the_filters_and_paging_of_the_page(pages: TestClient) -> None:
    kf = "http://127.0.0.1:8000/organ/exempelkommun/kf"
    # a form's fields left empty are no filter
    empty = {"q": "remiss", "body": "", "kind": "", "from": "", "to": ""}
    assert len(read(pages.get("/search", params=empty, headers={"Accept": BROWSER}).text).links) >= 9
    documents = pages.get("/search", params={"q": "remiss", "kind": "document"}).json()["hits"]
    assert documents and all(h["kind"] == "document" for h in documents)
    only_kf = read(pages.get("/search", params={"q": "remiss", "body": kf}, headers={"Accept": BROWSER}).text)
    every = read(pages.get("/search", params={"q": "remiss"}, headers={"Accept": BROWSER}).text)
    assert 0 < len(only_kf.links) < len(every.links)
    first = pages.get("/search", params={"q": "remiss", "limit": 4}).json()["hits"]
    second = pages.get("/search", params={"q": "remiss", "limit": 4, "page": 2}).json()["hits"]
    assert len(first) == 4 and second and not {h["iri"] for h in first} & {h["iri"] for h in second}


@pytest.mark.parametrize(
    ("language", "query", "lang", "word"),
    [
        ("en-GB,en;q=0.9,sv;q=0.5", {}, "en", "Search"),
        ("sv-SE,sv;q=0.9,en;q=0.8", {}, "sv", "Sök"),
        ("de, fr;q=0.5", {}, "sv", "Sök"),  # no language the pages have: Swedish
        ("en;q=0, sv;q=0.1", {}, "sv", "Sök"),
        ("sv", {"lang": "en"}, "en", "Search"),  # ?lang= wins
    ],
)
def test_one_language_a_page(pages: TestClient, language: str, query: dict, lang: str, word: str) -> None:
    headers = {"Accept": BROWSER, "Accept-Language": language}
    answer = pages.get("/search", params={"q": "remiss", **query}, headers=headers)
    assert f'<html lang="{lang}">' in answer.text and f"<h1>{word}</h1>" in answer.text


def test_the_start_page_has_a_search_box(pages: TestClient) -> None:
    start = pages.get("/", headers={"Accept": BROWSER}).text
    assert 'action="/search"' in start and 'name="q"' in start
