"""The HTML pages' templates (`api/templates/`), loaded once for every router that renders a page."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
