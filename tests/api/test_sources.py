"""The source files as the archivist sees them: each ingested file kept as it came, by its sha256; a § page's "Ur
källan" leads to the page it was read from, the quoted span marked; a removed source's file goes with it."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from beslutsgraf.api import create_app
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.services import Services
from beslutsgraf.settings import Settings
from beslutsgraf.testing.pdfs import protocol_pdf
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.integration

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PARAGRAPH = "/paragraf/exempelkommun/ks/2026-06-03/138"
SEED_OPTIONS = SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03")


def settings_for(folder: Path) -> Settings:
    return Settings(store_path=folder / "store", registry_files=(EXAMPLES / "exempelkommun.toml",))


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Path]]:
    folder = tmp_path_factory.mktemp("sources-pdf")
    pdf = folder / "ks-2026-06-03-138.pdf"
    protocol_pdf(SEED.read_text(encoding="utf-8"), pdf)
    settings = settings_for(folder)
    with Services.opened(settings, read_only=False) as services:
        (outcome,) = services.ingest([pdf], SEED_OPTIONS)
        assert outcome.status == "loaded", outcome.error
    yield settings, pdf


def test_the_file_is_kept_and_served_as_it_came(pdf_store: tuple[Settings, Path]) -> None:
    settings, pdf = pdf_store
    sha256 = hashlib.sha256(pdf.read_bytes()).hexdigest()
    with TestClient(create_app(settings)) as client:
        original = client.get(f"/kalla/{sha256}", headers={"Accept": BROWSER})
        assert original.status_code == 200 and original.headers["content-type"] == "application/pdf"
        assert original.content == pdf.read_bytes()
        described = client.get(f"/kalla/{sha256}", headers={"Accept": "text/turtle"})
        assert described.headers["content-type"].startswith("text/turtle") and "SourceFile" in described.text
        assert client.get(f"/kalla/{sha256}.html").headers["content-type"].startswith("text/html")
        assert client.get("/kalla/" + "0" * 64, headers={"Accept": BROWSER}).status_code == 404


def test_from_the_source_to_the_page_with_the_span_marked(pdf_store: tuple[Settings, Path]) -> None:
    settings, _ = pdf_store
    with TestClient(create_app(settings)) as client:
        paragraph = client.get(PARAGRAPH, headers={"Accept": BROWSER}).text
        from_source = paragraph.split('<h2 id="source">')[1]  # "Ur källan": where the § itself was read
        (on_page,) = re.findall(r'href="(/kalla/[0-9a-f]{64}/sida/\d+\?tecken=\d+-\d+)"', from_source)
        page = client.get(on_page.replace("&amp;", "&"), headers={"Accept": BROWSER})
        assert page.status_code == 200 and "<blockquote>" in page.text
        (image_link,) = re.findall(r'src="(/kalla/[^"]+\.png[^"]*)"', page.text)
        marked = client.get(image_link.replace("&amp;", "&"))
        plain = client.get(image_link.split("?")[0])
        assert marked.headers["content-type"] == "image/png" and plain.headers["content-type"] == "image/png"
        assert _yellow(marked.content) > 1000 > _yellow(plain.content)  # the quote's characters, marked
        assert client.get(image_link.split("/sida/")[0] + "/sida/99.png").status_code == 404


def _yellow(png: bytes) -> int:
    """Pixels a highlighter's yellow has coloured: red and green high, blue low."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if r > 200 and g > 180 and b < 150)


def test_a_text_source_page_marks_the_span_in_the_text(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    text = tmp_path / SEED.name
    shutil.copy(SEED, text)
    with Services.opened(settings, read_only=False) as services:
        services.ingest([text], SEED_OPTIONS)
    with TestClient(create_app(settings)) as client:
        paragraph = client.get(PARAGRAPH, headers={"Accept": BROWSER}).text
        from_source = paragraph.split('<h2 id="source">')[1]  # "Ur källan": where the § itself was read
        (on_page,) = re.findall(r'href="(/kalla/[0-9a-f]{64}/sida/\d+\?tecken=\d+-\d+)"', from_source)
        page = client.get(on_page, headers={"Accept": BROWSER}).text
        (marked,) = re.findall(r'<mark id="span">(.*?)</mark>', page, re.DOTALL)
        assert marked.startswith("Ansvar, roller och samspel")


def test_a_removed_source_takes_its_file_with_it(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    text = tmp_path / SEED.name
    shutil.copy(SEED, text)
    sha256 = hashlib.sha256(text.read_bytes()).hexdigest()
    kept = tmp_path / "store.sources" / sha256[:2] / sha256
    with Services.opened(settings, read_only=False) as services:
        services.ingest([text], SEED_OPTIONS)
        assert kept.read_bytes() == text.read_bytes()
        (removal,) = services.remove([str(text)])
        assert removal.removed and not kept.exists()
