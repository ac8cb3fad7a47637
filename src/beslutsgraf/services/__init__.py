"""What the command line and the API both call: ingesting, maintaining, answering and publishing, over one store.

A `Services` is bound to one store, its search index and the one cache of kept answers; `opened` makes one from the
settings, as the command line does once a command and the API once at start. Nothing here speaks HTTP or prints:
each use case returns plain data (`FileOutcome`, `Removal`, a report as a dict) for its face to show.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx
from rdflib import URIRef

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ingest.validate import ValidationReport
from beslutsgraf.ontology import Iris, Listing
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.queries import NamedQuery
from beslutsgraf.queries.cache import Rows
from beslutsgraf.queries.params import resolve_case
from beslutsgraf.queries.trail import case_trail
from beslutsgraf.services.addresses import case_by_number, typed_address
from beslutsgraf.services.answering import Answering, Cache
from beslutsgraf.services.ingesting import FileOutcome, ingest_files, ingest_upload
from beslutsgraf.services.listing import ListingFilters, ListingPage, listing_page
from beslutsgraf.services.maintaining import Removal, reindex, remove_sources, validate_store, validation_summary
from beslutsgraf.services.publishing import write_dump
from beslutsgraf.services.sources import SourceFiles
from beslutsgraf.services.views import (
    body_view,
    case_view,
    decision_view,
    document_view,
    meeting_view,
    paragraph_view,
    person_view,
)
from beslutsgraf.services.workspace import Workspace
from beslutsgraf.settings import Settings
from beslutsgraf.store import GraphStore
from beslutsgraf.store.search import SearchIndex


@dataclass
class Services:
    settings: Settings
    store: GraphStore
    search: SearchIndex | None = None  # kept in step with the store, where there is one
    cache: Cache = field(default_factory=lambda: Cache(None))
    sources: SourceFiles = field(default_factory=lambda: SourceFiles(None))  # the ingested files, as they came

    @classmethod
    @contextmanager
    def opened(
        cls, settings: Settings, *, read_only: bool, follow: bool = False, resolver: Resolver | None = None
    ) -> Iterator[Services]:
        """The store the settings name, with its search index and the answers kept beside it; closed after.
        `resolver`: the registries already read (else they are read when first needed)."""
        workspace = Workspace.of(settings)
        store = workspace.open_store(read_only=read_only, follow=follow)
        try:
            services = cls(
                settings, store, workspace.open_search(), Cache(workspace.answers), SourceFiles(workspace.sources)
            )
            if resolver is not None:
                services.resolver = resolver
            yield services
        finally:
            store.close()

    def over(self, store: GraphStore) -> Services:
        """The same services and caches over another store (a test's, swapped in for the configured one)."""
        if store is self.store:
            return self
        moved = copy.copy(self)  # the registries, once read, go along
        moved.store = store
        moved.__dict__.pop("answering", None)  # bound to the store
        return moved

    @cached_property
    def iris(self) -> Iris:
        return Iris(self.settings.base_iri)

    @cached_property
    def resolver(self) -> Resolver:
        """The registries, read when first needed (a `RegistryError` names the file and entry)."""
        return Resolver(load_registry(self.settings.registry_files))

    @cached_property
    def answering(self) -> Answering:
        return Answering(self.store, self.iris.deletions_graph(), self.cache)

    # ---------------------------------------------------------------------------------------------- ingesting

    def ingest(
        self,
        paths: Iterable[Path],
        metadata: SourceMetadata,
        *,
        force: bool = False,
        on_done: Callable[[FileOutcome], None] | None = None,
        jobs: int = 1,
        fast_validation: bool = True,
    ) -> list[FileOutcome]:
        """Files read, validated and loaded, each as one graph (`ingesting.ingest_files`); after a change, the
        questions over the whole store asked again, so that the next reader finds them kept."""
        outcomes = ingest_files(
            paths,
            self.store,
            self.resolver,
            self.iris,
            metadata,
            force=force,
            on_done=on_done,
            search=self.search,
            jobs=jobs,
            fast_validation=fast_validation,
        )
        self._keep(outcomes)
        if any(outcome.status in ("loaded", "replaced") for outcome in outcomes):
            self.answering.refresh()
        return outcomes

    def _keep(self, outcomes: list[FileOutcome]) -> None:
        for outcome in outcomes:
            if outcome.status != "failed" and outcome.superseded_by is None:
                self.sources.keep(outcome.path)

    def upload(self, path: Path, options: dict[str, str | None]) -> dict:
        """One uploaded file, with the same validation and atomic load as the command line; plain data back."""
        answer = ingest_upload(self.store, self.resolver, self.iris, path, options, search=self.search)
        if answer["status"] != "failed":
            self.sources.keep(path)
        return answer

    # -------------------------------------------------------------------------------------------- maintaining

    def remove(self, sources: Iterable[str]) -> list[Removal]:
        removals = remove_sources(sources, self.store, self.iris, search=self.search)
        if any(removal.removed for removal in removals):
            self.sources.prune(self.answering.select)
            self.answering.refresh()
        return removals

    def validate(self, *, jobs: int = 1, fast: bool = True) -> dict[URIRef, ValidationReport]:
        return validate_store(self.store, self.iris, jobs=jobs, fast=fast)

    def validation_report(self) -> dict:
        """Made once a change of the store (it validates every graph: seconds at 300k triples, minutes at 10M), and
        by one caller at a time; every other is answered from it."""
        return self.answering.kept(
            ("validation",), lambda: validation_summary(self.store, self.iris), one_at_a_time=True
        )

    def reindex(self) -> int:
        search = self.search if self.search is not None else SearchIndex(None)
        return reindex(self.store, search, self.iris)

    # ---------------------------------------------------------------------------------------------- answering

    def answer(self, named: NamedQuery, given: dict[str, str]) -> Rows:
        return self.answering.answer(named, given)

    def listing(self, spec: Listing, filters: ListingFilters, page: int, page_size: int) -> ListingPage:
        """A page of a listing for harvesters (`services.listing`)."""
        return listing_page(self.store, self.answering, self.iris.deletions_graph(), spec, filters, page, page_size)

    def typed_address(self, kind: str, rest: str) -> URIRef | None:
        """The IRI an address typed as printed names (`services.addresses`), if the store holds it."""
        return typed_address(self.iris, self.answering.select, kind, rest)

    def case_by_number(self, number: str) -> URIRef | None:
        """The one case a number as printed names, in any municipality (`services.addresses`)."""
        return case_by_number(self.answering.select, number)

    def paragraph_view(self, paragraph: URIRef) -> dict | None:
        """What a § page shows (`services.views`)."""
        return paragraph_view(self, paragraph)

    def decision_view(self, decision: URIRef) -> dict | None:
        """What a decision's page shows: its §'s (`services.views`)."""
        return decision_view(self, decision)

    def meeting_view(self, meeting: URIRef) -> dict | None:
        """What a meeting page shows (`services.views`)."""
        return meeting_view(self, meeting)

    def case_view(self, case: URIRef) -> dict | None:
        """What a case page shows (`services.views`)."""
        return case_view(self, case)

    def body_view(self, body: URIRef) -> dict | None:
        """What a body's page shows (`services.views`)."""
        return body_view(self, body)

    def person_view(self, person: URIRef) -> dict | None:
        """What a person's page shows (`services.views`)."""
        return person_view(self, person)

    def document_view(self, document: URIRef) -> dict | None:
        """What a document's page shows (`services.views`)."""
        return document_view(self, document)

    # --------------------------------------------------------------------------------------------- publishing

    def trail(self, case: str) -> nx.DiGraph:
        """The trail of a case given as printed (KS 2025/164) or by its IRI."""
        return case_trail(resolve_case(case, self.answering.select), self.answering.select)

    def dump(self, folder: Path) -> Path:
        return write_dump(self.store, folder)


__all__ = ["Cache", "FileOutcome", "ListingFilters", "ListingPage", "Removal", "Services", "Workspace"]
