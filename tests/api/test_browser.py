"""The HTML pages in a real browser: Debian's chromium, headless, driven by Playwright, against a real server.

The graph's IRIs name http://127.0.0.1:8000/; the browser's requests there are sent to the test server's port,
so that following a link on a page is what a reader does.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from csv import DictReader
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.api.test_api import IRI, PARAGRAPH
from tests.standards import standard

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = shutil.which("chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make system-deps)"),
]
MINTED_BASE = "http://127.0.0.1:8000"
AXE = standard("axe/axe.min.js")  # axe-core from npm (`make standards`); without it the pages' rules are not run
SCRIPT_ERRORS: list[str] = []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser: Browser, server: str) -> Iterator[Page]:
    opened = _reader(browser, server)
    opened.on("pageerror", lambda error: SCRIPT_ERRORS.append(str(error)))
    yield opened
    opened.context.close()


def test_a_decision_page_reads_and_its_links_lead_on(page: Page) -> None:
    response = page.goto(IRI)
    assert response.status == 200 and response.headers["content-type"].startswith("text/html")
    assert page.locator("h1").inner_text().startswith("Ansvar, roller och samspel")
    assert page.get_by_text("KS 2026-06-03 § 138").first.is_visible()
    assert page.get_by_text("sida 1, rad").first.is_visible()
    page.get_by_role("link", name="Kommunstyrelsens arbetsutskott").first.click()  # a basis document's author
    page.wait_for_load_state()
    assert page.url.endswith("/organ/exempelkommun/ksau")
    page.go_back()
    page.get_by_role("link", name="Alla uppgifter").click()  # every triple, one click away
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("KS 2026-06-03 § 138")
    page.get_by_role("link", name="Kommunstyrelsens arbetsutskott").first.click()  # a mention, traced to its text
    page.wait_for_load_state()
    assert "/omnamnande/" in page.url and "Kommunstyrelsens arbetsutskott" in page.content()
    page.go_back()
    page.locator("a[href*='/sammantrade/']").first.click()  # up to the meeting, then to the body that met
    page.wait_for_load_state()
    assert "/sammantrade/" in page.url
    page.locator("a[href*='/organ/']").first.click()
    page.wait_for_load_state()
    assert "/organ/" in page.url and page.locator("h1").inner_text() == "Kommunstyrelsen"
    page.go_back()
    page.get_by_role("link", name="Turtle").click()  # the same resource as data, from its page
    assert page.url.endswith(".ttl")
    assert SCRIPT_ERRORS == []


def test_the_start_page_leads_to_a_meeting_and_the_vocabulary(page: Page, server: str) -> None:
    page.goto(server + "/", wait_until="load")
    assert page.locator("h1").inner_text() == "beslutsgraf"
    page.locator("ul li a[href*='/sammantrade/']").first.click()
    page.wait_for_load_state()
    assert "/sammantrade/" in page.url and page.locator("h1").inner_text()
    page.goto(server + "/ns#paragraphNumber")
    assert page.locator("dt#paragraphNumber").is_visible()
    assert PARAGRAPH.startswith("/paragraf/")
    assert SCRIPT_ERRORS == []


def test_a_case_page_draws_its_trail_and_each_decision_opens(page: Page) -> None:
    page.goto(f"{MINTED_BASE}/arende/exempelkommun/ks-2025-164")
    assert page.get_by_role("heading", name="Ärendets väg").is_visible()
    decisions = page.locator("figure.trail svg circle")
    assert decisions.count() >= 2  # the styrelse's proposal and the fullmäktige's decision
    decisions.first.click()
    page.wait_for_load_state()
    assert "/arende/" not in page.url and page.locator("h1").inner_text()
    assert SCRIPT_ERRORS == []


def test_the_api_documentation_draws_without_the_network(page: Page, server: str) -> None:
    """/docs once loaded Swagger UI from a CDN: blank on a host without the internet. Every request the page makes
    must go to the server itself."""
    elsewhere: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(server) else elsewhere.append(request.url))
    page.goto(server + "/docs", wait_until="networkidle")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    assert elsewhere == []


def test_the_sparql_editor_answers_offline_and_downloads_csv(browser: Browser, server: str, tmp_path: Path) -> None:
    """YASGUI on /sparql, from the package's own files: the first query answers as a table, the answer downloads
    as CSV, a named question opens as an example, and no request leaves the server."""
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    elsewhere: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(server) else elsewhere.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/sparql", wait_until="networkidle")
    assert page.get_by_text("Exempel: de namngivna frågorna").is_visible()
    assert "PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>" in page.evaluate(
        "window.beslutsgrafEditor.getTab().getQuery()"
    )
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() == 2 and "KS 2026-06-03" in page.locator(".yasr table").inner_text()
    with page.expect_download() as downloading:
        page.locator(".yasr_downloadIcon").click()
    csv = (tmp_path / "answer.csv").resolve()
    downloading.value.save_as(csv)
    rows_read = list(DictReader(csv.open(encoding="utf-8")))
    assert [row["citation"] for row in rows_read] == ["KF 2026-06-17", "KS 2026-06-03"]
    page.select_option("#example", "referral-responses")
    query = page.evaluate("window.beslutsgrafEditor.getTab().getQuery()")
    assert "@title Which referral responses" in query and "bg:isReferralResponse" in query
    context.close()
    assert elsewhere == [] and errors == []


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over a store of its own: the seed ingested as a PDF, its file kept, its search index made."""
    from beslutsgraf.api import create_app
    from beslutsgraf.ingest.source import SourceMetadata
    from beslutsgraf.services import Services
    from beslutsgraf.settings import Settings
    from beslutsgraf.testing.pdfs import protocol_pdf
    from beslutsgraf.testing.servers import serving
    from tests.conftest import EXAMPLES, SEED

    folder = tmp_path_factory.mktemp("archive")
    pdf = folder / "ks-2026-06-03-138.pdf"
    protocol_pdf(SEED.read_text(encoding="utf-8"), pdf)
    settings = Settings(store_path=folder / "store", registry_files=(EXAMPLES / "exempelkommun.toml",))
    with Services.opened(settings, read_only=False) as services:
        services.ingest([pdf], SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03"))
        services.ingest([EXAMPLES / "kf-2026-06-17-71.txt"], SourceMetadata())  # the council's decision, its motions
    with serving(create_app(settings)) as url:
        yield url


def _reader(browser: Browser, server: str, width: int = 1280) -> Page:
    """A new page in a Swedish browser of `width`, whose requests to the minted IRIs go to `server`."""
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.route(
        f"{MINTED_BASE}/**", lambda route: route.continue_(url=route.request.url.replace(MINTED_BASE, server))
    )
    return context.new_page()


def test_a_referral_response_leads_to_its_line_marked_on_the_pdf_page(browser: Browser, archive: str) -> None:
    """The archivist's path: from the § page's referral response to the PDF page it stands on, the line marked."""
    page = _reader(browser, archive)
    page.goto(archive + PAGE_KINDS["§"])
    assert page.get_by_text("10 av handlingarna är remissvar, från 7 remissinstanser.").is_visible()
    response = page.locator("li.referral", has_text="Remissvar från Centerpartiet").locator("a[href*='/sida/']")
    response.click()
    page.wait_for_load_state("load")
    assert "/kalla/" in page.url and "tecken=" in page.url
    assert page.locator("img.page").evaluate("image => image.complete && image.naturalWidth > 0")
    page.context.close()


def test_from_a_decision_to_its_responders_documents_and_people_and_back(browser: Browser, archive: str) -> None:
    """The pages lead to one another: from the § to a body that answered its referral, to a basis document and the §
    it was used by, and from the council's decision to a person who moved there and back to that §."""
    page = _reader(browser, archive)
    page.goto(archive + PAGE_KINDS["§"])
    page.locator("ul.responders").get_by_role("link", name="Socialnämnden", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Socialnämnden" and "/organ/" in page.url
    page.go_back()
    page.locator("li.referral", has_text="Remissvar från Centerpartiet").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Remissvar från Centerpartiet" and "/dokument/" in page.url
    assert page.get_by_role("link", name="Centerpartiet").is_visible()  # its author
    page.locator("#used_by + ul a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(PAGE_KINDS["§"])
    page.goto(archive + "/paragraf/exempelkommun/kf/2026-06-17/71")
    page.get_by_role("link", name="Lisa Berg (SD)").click()  # who moved, linked to her page
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Lisa Berg"
    page.get_by_role("link", name="KF 2026-06-17 § 71").click()
    page.wait_for_load_state()
    assert page.url.endswith("/paragraf/exempelkommun/kf/2026-06-17/71")
    page.context.close()


def test_the_keyboard_alone_reaches_search_and_a_hit(browser: Browser, archive: str) -> None:
    """With the keyboard only: Tab to the start page's search box, type, Enter; Tab to the first hit, Enter. Each
    focused control shows where the focus is."""
    page = _reader(browser, archive)
    page.goto(archive + "/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q", "the search box is not reached by Tab"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("remissvar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=remissvar" in page.url
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('ol.hits') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('ol.hits') !== null"), "no hit is reached by Tab"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search" not in page.url and page.locator("h1").inner_text()
    page.context.close()


PAGE_KINDS = {
    "start": "/",
    "§": "/paragraf/exempelkommun/ks/2026-06-03/138",
    "decision": "/beslut/exempelkommun/ks/2026-06-03/138",
    "every triple": "/paragraf/exempelkommun/ks/2026-06-03/138?vy=alla",
    "meeting": "/sammantrade/exempelkommun/ks/2026-06-03",
    "case": "/arende/exempelkommun/ks-2025-164",
    "body": "/organ/exempelkommun/ks",
    "person": "/person/exempelkommun/lisa-berg",
    "document": "/dokument/exempelkommun/ks/2026-06-03/138/5",
    "search": "/search?q=remiss",
    "SPARQL editor": "/sparql",
}


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_kind_fits_the_window_at_two_widths(
    browser: Browser, archive: str, width: int, tmp_path: Path
) -> None:
    """No page scrolls sideways on a phone or a desktop; each is drawn (a screenshot of it is taken) without a
    script error, and axe-core finds nothing serious or critical on it. The source page, reached from the § page's
    "Ur källan", shows the page with its quote marked."""
    page = _reader(browser, archive, width)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    paths = dict(PAGE_KINDS)
    found: dict[str, list[str]] = {}
    page.goto(archive + PAGE_KINDS["§"])
    paths["source page"] = page.locator("a[href*='/sida/']").first.get_attribute("href") or ""
    for kind, path in paths.items():
        response = page.goto(archive + path, wait_until="load")
        assert response is not None and response.status == 200, kind
        page.screenshot(path=tmp_path / f"{kind}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the {kind} page scrolls sideways by {overflow} px at {width} px"
        if AXE is not None:
            found[kind] = _serious(page)
    assert page.locator("img.page").evaluate("image => image.complete && image.naturalWidth > 0")
    page.context.close()
    assert errors == []
    assert {kind: rules for kind, rules in found.items() if rules} == {}  # axe-core: no serious or critical finding


def _serious(page: Page) -> list[str]:
    """The axe-core rules the page breaks with a serious or critical impact, each with the first place it does."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [
        f"{v['id']}: {v['nodes'][0]['target'] if v['nodes'] else ''}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]
