"""Resolution of names: exact, alias, normalised inflection, fuzzy with a threshold; else unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.model import Span
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ontology import GENERAL_REGISTRY_FILE
from beslutsgraf.ontology.registry import RegistryError, load_registry

pytestmark = pytest.mark.unit


def resolve(resolver: Resolver, text: str) -> list[tuple[str, str | None, str]]:
    found = resolver.find(text, 0, lambda _t, _s: "author", loose_case=True, unresolved_candidates=True)
    return [(m.mention, m.key, m.method) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kommunstyrelsen", ("Kommunstyrelsen", "ks", "exact")),
        ("KS", ("KS", "ks", "alias")),
        ("bun", ("bun", "bun", "alias")),
        ("Socialnämndens beslut", ("Socialnämndens", "sn", "normalised")),
        ("Miljö- och byggnämnd", ("Miljö- och byggnämnd", "mbn", "normalised")),
        ("Kommunstyrelsens arbetsutskott", ("Kommunstyrelsens arbetsutskott", "ksau", "exact")),
        ("Kommunledningsförvaltningen", ("Kommunledningsförvaltningen", "klk", "alias")),
        ("Socialörvaltningens tjänsteskrivelse", ("Socialörvaltningens", "sof", "fuzzy")),
        ("Remissvar från Moderaterna", ("Moderaterna", "M", "exact")),
    ],
)
def test_each_resolution_method(resolver: Resolver, text: str, expected: tuple[str, str, str]) -> None:
    assert resolve(resolver, text) == [expected]


def test_fuzzy_score_goes_with_the_match(resolver: Resolver) -> None:
    (mention,) = resolver.find(
        "Socialörvaltningens tjänsteskrivelse", 0, lambda _t, _s: "author", unresolved_candidates=True
    )
    assert mention.method == "fuzzy"
    assert 88 <= mention.score < 100


def test_fuzzy_below_the_threshold_stays_unresolved(resolver: Resolver) -> None:
    assert resolve(resolver, "Sjöfartsförvaltningens tjänsteskrivelse") == [
        ("Sjöfartsförvaltningens", None, "unresolved")
    ]


def test_similar_names_of_two_bodies_are_not_merged(resolver: Resolver) -> None:
    # "Kulturnämnden" and "Kultur- och fritidsnämnden" are different bodies; so are "Fritidsnämnden" and both.
    assert resolve(resolver, "Kulturnämndens beslut") == [("Kulturnämndens", "kn", "normalised")]
    assert resolve(resolver, "Kultur- och fritidsnämndens beslut") == [
        ("Kultur- och fritidsnämndens", "kfn", "normalised")
    ]
    assert resolve(resolver, "Fritidsnämndens beslut") == [("Fritidsnämndens", "fn", "normalised")]
    # a misspelling near one name resolves; one halfway between two registered names is no guess
    assert resolver.fuzzy("Kultur- och fritidsnämden")[0].key == "kfn"
    assert resolver.fuzzy("Fritidsnämden")[0].key == "fn"
    assert resolver.fuzzy("Kulturfritidsnämnden") == (None, None)


def test_party_letters_count_only_as_party_marks(resolver: Resolver) -> None:
    assert resolve(resolver, "Yttrande från V, S och MP den 7 maj 2024") == [
        ("V", "V", "alias"),
        ("S", "S", "alias"),
        ("MP", "MP", "alias"),
    ]
    assert resolve(resolver, "Bilaga S") == []  # a letter that is no party mark
    assert resolve(resolver, "Anna Lind (S)") == [("S", "S", "alias")]


def test_unknown_abbreviation_is_kept_unresolved(resolver: Resolver) -> None:
    assert resolve(resolver, "Yttrande från KPR 2018-02-22") == [("KPR", None, "unresolved")]


def test_addressee_and_author_are_told_apart(resolver: Resolver) -> None:
    def role(text: str, at: int) -> str:
        return "addressee" if text[:at].rstrip().endswith("till") else "author"

    found = resolver.find("Förslag från KLK till KS 260603", 0, role, loose_case=True)
    assert [(m.key, m.role) for m in found] == [("klk", "author"), ("ks", "addressee")]


def test_single_names_resolve_or_stay_as_written(resolver: Resolver) -> None:
    span = Span(0, 0, "")
    assert resolver.resolve("Socialnämnden", span, "dispatch").key == "sn"
    assert resolver.resolve("Handläggare", span, "dispatch").kind == "role"
    unknown = resolver.resolve("Gnestanämnden", span, "dispatch")
    assert (unknown.key, unknown.method, unknown.mention) == (None, "unresolved", "Gnestanämnden")


def test_a_municipal_registry_extends_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "kommun.toml"
    extra.write_text(
        '[[body]]\nkey = "sn"\nname = "Socialnämnden"\nkind = "nämnd"\nabbreviations = ["SOCN"]\n'
        '[[party]]\nkey = "D"\nname = "Demokraterna"\n',
        encoding="utf-8",
    )
    local = Resolver(load_registry([extra]))
    assert resolve(local, "Yttrande från M, D och KD") == [
        ("M", "M", "alias"),
        ("D", "D", "alias"),
        ("KD", "KD", "alias"),
    ]
    assert resolve(local, "SOCN beslut") == [("SOCN", "sn", "alias")]
    assert local.registry.get("body", "sn").abbreviations == ("SOCN",)  # replaced, not merged


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[body]]\nname = 'X'\n", "has no 'key'"),
        ("[[body]]\nkey = 'x'\nname = 'X'\nparent = 'nowhere'\n", "unknown parent"),
        ("[[organisation]]\nkey = 'x'\nname = 'X'\n", "unknown sections"),
        ("[[body]\n", "not a valid TOML"),
    ],
)
def test_a_bad_registry_file_is_refused_with_its_name(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry([bad])


GOTEBORG = GENERAL_REGISTRY_FILE.parent / "kommun" / "goteborg.toml"


def test_a_renamed_body_resolves_by_its_earlier_name() -> None:
    local = Resolver(load_registry([GOTEBORG]))
    assert resolve(local, "Stadsbyggnadsnämndens beslut") == [("Stadsbyggnadsnämndens", "sbyn", "normalised")]
    assert resolve(local, "Byggnadsnämnden") == [("Byggnadsnämnden", "sbyn", "alias")]  # its name until 2022
    (entity,) = [e for e in local.registry.of_kind("body") if e.key == "sbyn"]
    assert entity.earlier == (("Byggnadsnämnden", None, "2022-12-31"),)
    # without Göteborg's registry the general registry's Byggnadsnämnden is meant
    assert resolve(Resolver(load_registry()), "Byggnadsnämnden") == [("Byggnadsnämnden", "bn", "exact")]


def test_a_municipal_registry_brings_local_parties_and_companies() -> None:
    local = Resolver(load_registry([GOTEBORG]))
    assert resolve(local, "Yttrande från M, D, L och KD") == [
        ("M", "M", "alias"),
        ("D", "D", "alias"),
        ("L", "L", "alias"),
        ("KD", "KD", "alias"),
    ]
    found = local.find("Yttrande från Liseberg AB", 0, lambda _t, _s: "author", loose_case=True)
    assert [(m.kind, m.key) for m in found] == [("company", "liseberg")]
    assert resolve(local, "Socialnämnden Hisingen") == [("Socialnämnden Hisingen", "sn-hisingen", "exact")]
