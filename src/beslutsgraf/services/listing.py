"""A page of a listing for harvesters: the items in one stable order (by first date, then IRI), kept while the store
is unchanged so that paging through 100k documents costs one ordering, not one a page; with `since`, what was
removed since follows the items that exist (OParl's model of staying in sync)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from beslutsgraf.ontology import Listing
from beslutsgraf.queries import listings
from beslutsgraf.services.answering import Answering
from beslutsgraf.store import GraphStore, as_int
from beslutsgraf.store.bindings import values_block


@dataclass(frozen=True)
class ListingFilters:
    since: datetime | None = None  # only what changed since, removals too (UTC unless a zone is given)
    body: str | None = None  # a body's IRI
    start: date | None = None
    end: date | None = None
    kind: str | None = None  # the kind's notation (bifall, remissvar, …)


@dataclass
class ListingPage:
    total: int
    members: list[dict] = field(default_factory=list)


def listing_page(
    store: GraphStore,
    answering: Answering,
    deletions: URIRef,
    spec: Listing,
    filters: ListingFilters,
    page: int,
    page_size: int,
) -> ListingPage:
    since = (filters.since or datetime(1, 1, 1)).replace(microsecond=0)  # ingest times are whole seconds
    if since.tzinfo is None:  # a time without a zone is UTC, as the store writes its times
        since = since.replace(tzinfo=UTC)
    bindings: dict[str, Node] = {"since": Literal(since.isoformat(), datatype=XSD.dateTime)}
    filtered: set[str] = set()
    if filters.body and spec.body:
        bindings["body"] = URIRef(filters.body)
        filtered.add("body")
    if (filters.start or filters.end) and spec.date:
        bindings["from"] = Literal(filters.start or date(1, 1, 1))
        bindings["to"] = Literal(filters.end or date(9999, 12, 31))
        filtered |= {"from", "to"}
    if filters.kind and spec.kind:
        bindings["kind"] = Literal(filters.kind)
        filtered.add("kind")
    if filters.since is not None:
        filtered.add("since")
    query = listings.order_query(spec, filtered)
    key = ("listing", query, tuple(sorted((k, str(v)) for k, v in bindings.items())))
    ordered = answering.kept(key, lambda: _ordered(store, query, bindings))
    removed_binding: dict[str, Node] = {"since": bindings["since"], "cls": spec.cls, "graph": deletions}
    removed_total = _count(store, listings.REMOVED_COUNT, removed_binding) if filters.since is not None else 0
    result = ListingPage(len(ordered) + removed_total)
    start = (page - 1) * page_size
    if shown := ordered[start : start + page_size]:
        values = values_block("item", [item for _, item in shown])
        labels = {r["item"]: r["label"] for r in store.select(listings.labels_query(values)).rows}
        modified = {r["item"]: r["lastModified"] for r in store.select(listings.modified_query(spec, values)).rows}
        result.members = [_member(item, labels.get(item), day, modified.get(item)) for day, item in shown]
    if len(result.members) < page_size and removed_total:
        offset = max(0, start - len(ordered))
        rows = store.select(listings.removed_page(page_size - len(result.members), offset), removed_binding).rows
        result.members += [_removed(row, spec.cls) for row in rows]
    return result


def _ordered(store: GraphStore, query: str, bindings: dict) -> list[tuple[str, URIRef]]:
    """The listed items by first date (none first), then IRI."""
    first: dict[URIRef, str] = {}
    for row in store.select(query, bindings).rows:
        day = str(row["date"]) if row.get("date") is not None else ""
        item = row["item"]
        if not isinstance(item, URIRef):
            continue
        first[item] = min(first[item], day) if item in first else day
    return sorted(((day, item) for item, day in first.items()), key=lambda pair: (pair[0], str(pair[1])))


def _count(store: GraphStore, query: str, bindings: dict) -> int:
    rows = store.select(query, bindings).rows
    return as_int(rows[0]["n"]) if rows else 0


def _member(item: URIRef, label: object, day: str, modified: object) -> dict:
    return {
        "@id": str(item),
        "label": str(label) if label else None,
        "date": day or None,
        "modified": str(modified) if modified is not None else None,
    }


def _removed(row: dict, cls: URIRef) -> dict:
    removed = str(row["when"])
    return {
        "@id": str(row["item"]),
        "@type": "as:Tombstone",
        "formerType": str(cls),
        "deleted": removed,
        "modified": removed,
    }
