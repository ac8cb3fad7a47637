"""Registries as data: bodies, administrations, parties and roles, read from TOML files.

The general registry ships in `ontology/registry/general.toml`; a municipality extends or overrides it
with a file of the same form. Resolution of names against a registry lives in `ingest.resolve`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from beslutsgraf.errors import BeslutsgrafError
from beslutsgraf.ontology import GENERAL_REGISTRY_FILE

EntityKind = Literal["body", "administration", "company", "party", "role", "kommun"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("body", "administration", "company", "party", "role", "kommun")


class RegistryError(BeslutsgrafError, ValueError):
    """A registry file that cannot be used, with the file and entry named."""


@dataclass(frozen=True)
class Entity:
    kind: EntityKind
    key: str
    name: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    parent: str | None = None  # body: the body an utskott belongs to
    serves: str | None = None  # administration: the body it works for
    body_kind: str | None = None
    kommunkod: str | None = None
    earlier: tuple[tuple[str, str | None, str | None], ...] = ()  # (name, from, until) a renamed body held
    rank: int = 0  # the registry file it came from: a municipality's own file outranks the general one

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.hidden, *(name for name, _, _ in self.earlier))


@dataclass
class Registry:
    entities: dict[tuple[EntityKind, str], Entity] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def get(self, kind: EntityKind, key: str) -> Entity | None:
        return self.entities.get((kind, key))

    def of_kind(self, kind: EntityKind) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]

    def __iter__(self):
        return iter(self.entities.values())

    def extended(self, *entities: Entity) -> Registry:
        """This registry and the entities given (a body a protocol names that no registry file holds)."""
        more = {(e.kind, e.key): e for e in entities}
        return Registry({**self.entities, **more}, list(self.files))

    def body_abbreviations(self) -> frozenset[str]:
        """Every body's abbreviations, and the arbetsutskott's own (AU), as § headings may lead with them."""
        return frozenset({"AU", *(a for body in self.of_kind("body") for a in body.abbreviations)})

    def kommun_named(self, written: str) -> Entity | None:
        """A municipality by its name or a form of it ("Göteborgs Stad", "ljusdals kommun"), any case."""
        wanted = " ".join(written.split()).lower()
        for entity in self.of_kind("kommun"):
            if wanted in {label.lower() for label in (entity.name, entity.key, *entity.aliases)}:
                return entity
        return None

    def family(self, body_key: str) -> set[tuple[EntityKind, str]]:
        """A body with its parent chain, its sub-bodies, and the administrations serving any of them."""
        bodies = {body_key}
        current = self.get("body", body_key)
        while current is not None and current.parent:
            bodies.add(current.parent)
            current = self.get("body", current.parent)
        changed = True
        while changed:
            children = {b.key for b in self.of_kind("body") if b.parent in bodies}
            changed = not children <= bodies
            bodies |= children
        if any((body := self.get("body", b)) is not None and body.body_kind == "fullmäktige" for b in bodies):
            # The styrelse prepares every matter fullmäktige decides (kommunallagen 6 kap. 3 §).
            styrelser = {b.key for b in self.of_kind("body") if b.body_kind == "styrelse"}
            bodies |= styrelser | {b.key for b in self.of_kind("body") if b.parent in styrelser}
        members: set[tuple[EntityKind, str]] = {("body", b) for b in bodies}
        members |= {("administration", a.key) for a in self.of_kind("administration") if a.serves in bodies}
        return members


# Keys are IRI segments (organ/{kommun}/{key}): lower-case letters, digits and hyphens; parties are known by their
# letters (S, KD), which their IRIs slug.
_KEY = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?")
_PARTY_KEY = re.compile(r"[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9-]{0,19}")
_TEXT_FIELDS = ("name", "parent", "serves", "kind", "kommunkod")


def _entity(kind: EntityKind, raw: object, path: Path, rank: int = 0) -> Entity:
    if not isinstance(raw, dict):
        raise RegistryError(f"{path}: [[{kind}]] entries are tables (key = ..., name = ...), not {raw!r:.60}")
    try:
        key, name = raw["key"], raw["name"]
    except KeyError as missing:
        raise RegistryError(f"{path}: a [[{kind}]] entry has no {missing.args[0]!r}: {raw}") from None
    if not isinstance(key, str) or not (_PARTY_KEY if kind == "party" else _KEY).fullmatch(key):
        raise RegistryError(
            f"{path}: [[{kind}]] key {key!r}: a key goes into IRIs, so it is lower-case letters a-z, "
            "digits and hyphens (a party's: its letters)"
        )
    for field_name in _TEXT_FIELDS:
        if field_name in raw and not isinstance(raw[field_name], str):
            raise RegistryError(f"{path}: [[{kind}]] {key!r}: {field_name} must be text")

    def strings(field_name: str) -> tuple[str, ...]:
        value = raw.get(field_name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RegistryError(f"{path}: [[{kind}]] {key!r}: {field_name} must be a list of strings")
        return tuple(value)

    earlier = []
    for item in raw.get("earlier", []):
        if not isinstance(item, dict) or "name" not in item:
            raise RegistryError(f"{path}: [[{kind}]] {key!r}: earlier names are tables with a name, from and until")
        earlier.append(
            (str(item["name"]), item.get("from") and str(item["from"]), item.get("until") and str(item["until"]))
        )
    return Entity(
        kind=kind,
        key=key,
        name=name,
        abbreviations=strings("abbreviations"),
        aliases=strings("aliases"),
        hidden=strings("hidden"),
        parent=raw.get("parent"),
        serves=raw.get("serves"),
        body_kind=raw.get("kind"),
        kommunkod=raw.get("kommunkod"),
        earlier=tuple(earlier),
        rank=rank,
    )


def _no_cycle(registry: Registry, body: Entity) -> None:
    """A body is not its own parent, however far up: a cycle once made every ingest loop for ever."""
    seen = [body.key]
    current = body
    while current.parent:
        if current.parent in seen:
            chain = " → ".join([*seen, current.parent])
            raise RegistryError(f"body {body.key!r}: its parents go round in a circle ({chain})")
        seen.append(current.parent)
        current = registry.get("body", current.parent)  # type: ignore[assignment]
        if current is None:
            return


def load_registry(extra_files: Iterable[Path] = ()) -> Registry:
    """The general registry, extended by each extra file in order (later entries override by key)."""
    registry = Registry()
    for rank, given in enumerate((GENERAL_REGISTRY_FILE, *extra_files)):
        path = Path(given)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RegistryError(f"{path}: registry file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise RegistryError(f"{path}: not a valid TOML registry: {error}") from None
        unknown = set(data) - set(ENTITY_KINDS)
        if unknown:
            raise RegistryError(f"{path}: unknown sections {sorted(unknown)}; expected {list(ENTITY_KINDS)}")
        for kind in ENTITY_KINDS:
            entries = data.get(kind, [])
            if not isinstance(entries, list):
                raise RegistryError(f"{path}: {kind} is a list of tables, written [[{kind}]], not {entries!r:.60}")
            for raw in entries:
                entity = _entity(kind, raw, path, rank)
                registry.entities[(kind, entity.key)] = entity
        registry.files.append(path)
    for entity in registry.of_kind("body"):
        if entity.parent and registry.get("body", entity.parent) is None:
            raise RegistryError(f"body {entity.key!r} names an unknown parent {entity.parent!r}")
        _no_cycle(registry, entity)
    for entity in registry.of_kind("administration"):
        if entity.serves and registry.get("body", entity.serves) is None:
            raise RegistryError(f"administration {entity.key!r} serves an unknown body {entity.serves!r}")
    return registry
