"""docs/measurements.md is what bench/results/ give: no figure on it is copied by hand."""

from __future__ import annotations

import pytest

from bench.report import PAGE, comparable, render

pytestmark = pytest.mark.unit


def test_the_measurements_page_is_written_from_the_results() -> None:
    assert comparable(PAGE.read_text(encoding="utf-8")) == comparable(render()), (
        "docs/measurements.md differs from what bench/results/ give: run python -m bench.report"
    )
