"""Every address a person can type is answered sensibly: a case number, a citation or a meeting as printed goes on
to its IRI (303), anything else is a 404 that says what to type, never a 5xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

BASE = "http://127.0.0.1:8000/"


@pytest.mark.parametrize(
    ("typed", "goes_to"),
    [
        ("/arende/exempelkommun/KS 2025/164", "arende/exempelkommun/ks-2025-164"),
        ("/arende/exempelkommun/KS%202025%2F164", "arende/exempelkommun/ks-2025-164"),
        ("/arende/exempelkommun/ks 2025/164", "arende/exempelkommun/ks-2025-164"),
        ("/arende/exempelkommun/KS 2025/164.ttl", "arende/exempelkommun/ks-2025-164.ttl"),
        ("/paragraf/exempelkommun/KS 2026-06-03 § 138", "paragraf/exempelkommun/ks/2026-06-03/138"),
        ("/paragraf/exempelkommun/KS 2026-06-03 §138", "paragraf/exempelkommun/ks/2026-06-03/138"),
        ("/beslut/exempelkommun/KS 2026-06-03 § 138", "beslut/exempelkommun/ks/2026-06-03/138"),
        ("/sammantrade/exempelkommun/KS 2026-06-03", "sammantrade/exempelkommun/ks/2026-06-03"),
    ],
)
def test_an_address_typed_as_printed_goes_on_to_its_iri(client: TestClient, typed: str, goes_to: str) -> None:
    answer = client.get(typed, headers={"Accept": "text/html"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == BASE + goes_to
    assert client.get(typed, headers={"Accept": "text/turtle"}).status_code == 200  # where it went, answered


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("/arende/exempelkommun/KS 2099/1", "a case number as printed"),
        ("/arende/goteborg/KS 2025/164", "a case number as printed"),  # another municipality's
        ("/paragraf/exempelkommun/KS 2026-06-03 § 999", "a citation as printed"),
        ("/paragraf/exempelkommun/§§§", "a citation as printed"),
        ("/sammantrade/exempelkommun/KS 1999-01-01", "a meeting as printed"),
        ("/arende/exempelkommun/%ZZ", "a case number as printed"),
        ("/arende/exempelkommun/", "a case number as printed"),
        ("/dokument/exempelkommun/nothing", None),
    ],
)
def test_an_address_that_names_nothing_is_a_404_that_says_what_to_type(
    client: TestClient, typed: str, hint: str | None
) -> None:
    answer = client.get(typed, headers={"Accept": "text/html"}, follow_redirects=False)
    assert answer.status_code == 404
    detail = answer.json()["detail"]
    assert detail.startswith("no such resource") and (hint is None or hint in detail)
