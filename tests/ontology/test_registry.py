"""Registry files are data from users, checked when loaded: what an IRI cannot hold, what is not a table, and a
body that is its own parent are refused with the file and the entry named, never a traceback or a loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ontology import GENERAL_REGISTRY_FILE
from beslutsgraf.ontology.registry import RegistryError, load_registry

pytestmark = pytest.mark.unit

BAD = {
    "a key with dot-segments": ('[[body]]\nkey = "../../x"\nname = "Kommunstyrelsen"\n', "key '../../x'"),
    "a key no header can carry": ('[[kommun]]\nkey = "łódź"\nname = "Łódź"\n', "key 'łódź'"),
    "a key with a space": ('[[body]]\nkey = "k s"\nname = "Kommunstyrelsen"\n', "key 'k s'"),
    "a section that is text": ('body = "oops"\n', "body is a list of tables"),
    "a section of numbers": ("body = [1, 2]\n", "entries are tables"),
    "a name that is a list": ('[[body]]\nkey = "x"\nname = ["a", "b"]\n', "name must be text"),
    "a parent cycle": (
        '[[body]]\nkey = "ks"\nname = "Kommunstyrelsen"\nkind = "styrelse"\nparent = "ksau"\n',
        "go round in a circle (ks → ksau → ks)",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_registry_that_cannot_be_used_is_refused_saying_why(tmp_path: Path, case: str) -> None:
    text, said = BAD[case]
    path = tmp_path / "kommun.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as refused:
        load_registry([path])
    assert said in str(refused.value)


def test_the_registries_that_ship_load(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    for path in (GENERAL_REGISTRY_FILE.parent / "kommun").glob("*.toml"):
        assert load_registry([path]).files[-1] == path
    assert load_registry([root / "examples" / "exempelkommun.toml"]).get("body", "ks") is not None
