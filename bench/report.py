"""docs/measurements.md, written from bench/results/ and never by hand: every figure there is read from the
results file the benchmark that measured it wrote, and each file is named with the commit and date that last
wrote it and the machine it was measured on.

    .venv/bin/python -m bench.report [--check]

`--check` writes nothing and fails if the page is not what the results give (`tests/test_measurements.py`); the
table of the files' commits is left out of the comparison, since a shallow clone has no history to read it from.
The prose around the figures is the template's (`bench/measurements.md.j2`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PAGE = ROOT / "docs" / "measurements.md"
TEMPLATE = "measurements.md.j2"
FIELDS = {"paragraphs": "§§", "case": "case numbers", "title": "titles", "attendance": "people present"}
EXCLUDED_FROM_DEVELOPMENT = ("Göteborg", "Exempelkommun")  # fitted from the start, at 1.00 on every field


def read(name: str) -> Any:
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


def written(name: str) -> str:
    """The commit and date that last wrote a results file."""
    log = subprocess.run(
        ["git", "log", "-1", "--format=%h, %cs", "--", f"bench/results/{name}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return log or "not committed"


def pair(precision: float | None, recall: float | None) -> str:
    return f"{'–' if precision is None else f'{precision:.2f}'} / {'–' if recall is None else f'{recall:.2f}'}"


def scored(counts: Counter) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return pair(tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None)


def summed(groups: list[dict], which: str) -> dict[str, str]:
    totals: dict[str, Counter] = {field: Counter() for field in FIELDS}
    for group in groups:
        for field in FIELDS:
            score = group[which][field]
            totals[field].update({k: score[k] for k in ("tp", "fp", "fn")})
    return {field: scored(counts) for field, counts in totals.items()}


def accuracy() -> dict:
    result = read("accuracy.json")
    development = [g for name, g in result["municipality"].items() if name not in EXCLUDED_FROM_DEVELOPMENT]
    recorded = read("recorded.json")
    batches = []
    for name, (number, about) in sorted(recorded["held_out_batch_labels"].items(), key=lambda kv: kv[1][0]):
        held_out = read(name)
        seen = held_out["all"]["first_sight"]
        cells = {field: pair(seen[field]["precision"], seen[field]["recall"]) for field in FIELDS}
        case = seen["case"]
        cells["case"] += f" ({case['tp']} of {case['tp'] + case['fn']})"
        batches.append({"batch": number, "about": about, "files": held_out["files"], "source": name, **cells})
    later = [read(name)["all"] for name in recorded["held_out_batch_labels"]]
    return {
        "parser": result["parser"],
        "files": sum(len(g["files"]) for g in development),
        "municipalities": len(development),
        "first_sight": summed(development, "first_sight"),
        "now": summed(development, "now"),
        "forms": {form: summed([result["form"][form]], "now") for form in ("first-pages", "flattened")},
        "early_batches": recorded["held_out_batches_before_files"],
        "batches": batches,
        "later_first_sight": summed(later, "first_sight"),
        "later_files": sum(read(name)["files"] for name in recorded["held_out_batch_labels"]),
    }


def context() -> dict:
    names = sorted(path.name for path in RESULTS.glob("*.json"))
    return {
        "sources": [
            {
                "name": name,
                "written": written(name),
                "machine": result.get("machine") if isinstance(result, dict) else None,
            }
            for name, result in ((name, read(name)) for name in names)
        ],
        "recorded": read("recorded.json"),
        "accuracy": accuracy(),
        "ingest": read("ingest.json"),
        "ingest_1m": read("ingest-synthetic-1m.json"),
        "scale": {
            "1M": read("scale-999k.json"),
            "10M": read("scale-9787k-no-rdflib.json"),
            "30M": read("scale-30726k.json"),
        },
        "api_load": read("api-load.json"),
        "api_soak": read("api-soak.json"),
        "stores": read("stores.json"),
        "pdf": read("pdf_libraries.json"),
    }


def render() -> str:
    environment = Environment(  # noqa: S701 Markdown is written, not HTML
        loader=FileSystemLoader(Path(__file__).parent),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(**context())


def comparable(page: str) -> str:
    """The page without the table of the results files' commits and dates."""
    before, _, rest = page.partition("<!-- sources -->")
    return before + rest.partition("<!-- /sources -->")[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/measurements.md is not what it would be")
    arguments = parser.parse_args()
    page = render()
    if arguments.check:
        if comparable(PAGE.read_text(encoding="utf-8")) != comparable(page):
            sys.exit(f"{PAGE.relative_to(ROOT)} is not what bench/results/ give: run python -m bench.report")
        return
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
