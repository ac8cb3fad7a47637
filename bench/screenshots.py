"""The README's pictures of the pages for people, taken in Debian's chromium from a real server over the seed
ingested as a PDF: the § page, and the source page its "Ur källan" leads to, the quote marked.

    .venv/bin/python -m bench.screenshots [--output docs/images]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from beslutsgraf.api import create_app
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.services import Services
from beslutsgraf.settings import Settings
from beslutsgraf.testing.pdfs import protocol_pdf
from beslutsgraf.testing.servers import serving

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "ks-2026-06-03-138.txt"
MINTED_BASE = "http://127.0.0.1:8000"
PARAGRAPH = "/paragraf/exempelkommun/ks/2026-06-03/138"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images")
    output = parser.parse_args().output
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "ks-2026-06-03-138.pdf"
        protocol_pdf(SEED.read_text(encoding="utf-8"), pdf)
        settings = Settings(
            store_path=Path(folder) / "store", registry_files=(ROOT / "examples" / "exempelkommun.toml",)
        )
        with Services.opened(settings, read_only=False) as services:
            services.ingest([pdf], SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03"))
        with serving(create_app(settings)) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            context = browser.new_context(locale="sv-SE", viewport={"width": 1100, "height": 1400})
            context.route(
                f"{MINTED_BASE}/**", lambda route: route.continue_(url=route.request.url.replace(MINTED_BASE, url))
            )
            page = context.new_page()
            page.goto(url + PARAGRAPH, wait_until="load")
            page.screenshot(path=output / "paragraph.png", full_page=False)
            source = page.locator("a[href*='/sida/']").first.get_attribute("href") or ""
            page.goto(url + source, wait_until="load")
            page.screenshot(path=output / "source-page.png", full_page=False)
            browser.close()
    print(f"wrote {output / 'paragraph.png'} and {output / 'source-page.png'}")


if __name__ == "__main__":
    main()
