"""The README's Python example runs as written, on the seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def test_the_readme_example_answers_the_founding_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (example,) = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    monkeypatch.chdir(ROOT)
    names: dict = {}
    exec(example.replace('"data/my-store"', repr(str(tmp_path / "store"))), names)  # noqa: S102 the README's own example, as a reader runs it
    assert names["columns"][:2] == ["document", "title"]
    responders = {str(row["authorLabel"]) for row in names["rows"]}
    assert {"Miljö- och byggnämnden", "Centerpartiet", "Barn- och utbildningsnämnden"} <= responders
