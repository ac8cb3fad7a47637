"""PDF text extraction: PDFium (pypdfium2) against pypdf and pdfminer.six, on speed and fidelity.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python -m bench.pdf_libraries [--lines 1200]

A real Göteborg protocol's text is set on A4 pages with running headers and footers (tests/pdfs.py); each
library extracts it page by page. Speed is pages per second, as a ratio to PDFium measured in the same run;
fidelity is the similarity of the extracted text to the text set (rapidfuzz ratio, whitespace folded), and
whether the Swedish letters and typographic characters (å ä ö – ” §) survive.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from rapidfuzz import fuzz

from beslutsgraf.testing.pdfs import protocol_pdf

ROOT = Path(__file__).resolve().parents[1]
LICENCES = {"pypdfium2": "Apache-2.0 / BSD-3 (PDFium: BSD-3)", "pypdf": "BSD-3", "pdfminer.six": "MIT"}


def with_pdfium(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    document.close()
    return pages


def with_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]


def with_pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "".join(e.get_text() for e in page if isinstance(e, LTTextContainer)) for page in extract_pages(BytesIO(data))
    ]


LIBRARIES: dict[str, Callable[[bytes], list[str]]] = {
    "pypdfium2": with_pdfium,
    "pypdf": with_pypdf,
    "pdfminer.six": with_pdfminer,
}


def folded(text: str) -> str:
    """Whitespace folded; the running header and footer the PDF adds (not in the source text) left out."""
    lines = [ln for ln in text.splitlines() if "Sammanträdesprotokoll" not in ln and "Justerandes signatur" not in ln]
    return re.sub(r"\s+", " ", "\n".join(lines).replace("\x02", "-").replace("\ufffe", "-")).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=ROOT.parent / "shared/corpus/goteborg/ks-2024-06-12/protokoll.txt"
    )
    parser.add_argument("--lines", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "pdf_libraries.json")
    args = parser.parse_args()
    text = "\n".join(args.source.read_text(encoding="utf-8").splitlines()[3 : 3 + args.lines])
    with tempfile.TemporaryDirectory() as tmp:
        data = protocol_pdf(text, Path(tmp) / "protocol.pdf").read_bytes()
    results = {}
    for name, extract in LIBRARIES.items():
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            pages = extract(data)
            best = min(best, time.perf_counter() - started)
        got = folded("\n".join(page.replace("\r\n", "\n") for page in pages))
        results[name] = {
            "pages": len(pages),
            "seconds": round(best, 3),
            "pages_per_second": round(len(pages) / best, 1),
            "similarity": round(fuzz.ratio(got, folded(text)) / 100, 4),
            "characters_kept": {c: got.count(c) == folded(text).count(c) for c in "åäö–”§"},
            "licence": LICENCES[name],
        }
    base = results["pypdfium2"]["seconds"]
    for result in results.values():
        result["time_ratio_to_pypdfium2"] = round(result["seconds"] / base, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
