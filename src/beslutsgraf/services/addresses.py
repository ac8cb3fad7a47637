"""Addresses as a person types them: a case number, a citation or a meeting as printed, after the municipality, where
the IRI has its slug (`/arende/exempelkommun/KS 2025/164` for `/arende/exempelkommun/ks-2025-164`)."""

from __future__ import annotations

from urllib.parse import unquote

from rdflib import URIRef

from beslutsgraf.ontology import Iris
from beslutsgraf.queries import QueryError, reads
from beslutsgraf.queries.params import Select, resolve_case, resolve_decision, resolve_meeting

# What can be typed after the municipality, for each kind of address: shown where nothing was found
EXAMPLES = {
    "arende": "a case number as printed: /arende/KOMMUN/KS 2025/164",
    "paragraf": "a citation as printed: /paragraf/KOMMUN/KS 2026-06-03 § 138",
    "beslut": "a citation as printed: /beslut/KOMMUN/KS 2026-06-03 § 138",
    "sammantrade": "a meeting as printed: /sammantrade/KOMMUN/KS 2026-06-03",
}


def typed_address(iris: Iris, select: Select, kind: str, rest: str) -> URIRef | None:
    """The IRI that `rest` (what follows the kind in the path, percent-encoded or not) names as printed, if the
    store holds it; None where it names nothing, or is no address of this kind."""
    kommun, _, written = unquote(rest).partition("/")
    written = " ".join(written.split())
    if kind not in EXAMPLES or not kommun or not written:
        return None
    try:
        if kind == "arende":
            found = iris.case(kommun, written)
        elif kind == "sammantrade":
            found = resolve_meeting(written, select)
        else:
            found = resolve_decision(written, select)
            if kind == "beslut":
                found = URIRef(str(found).replace("/paragraf/", "/beslut/", 1))
    except QueryError:  # not a citation, or one the store does not hold, or more than one
        return None
    if not str(found).startswith(f"{iris.base}{kind}/{kommun}/"):
        return None  # another municipality's
    return found if select(reads.SUBJECT_KNOWN, {"subject": found}) else None


def case_by_number(select: Select, number: str) -> URIRef | None:
    """The case a number as printed (KS 2025/164) names, in any municipality; None where the store holds none, or
    more than one (the same number in two municipalities)."""
    if not number.strip() or number.startswith(("http://", "https://")):  # an IRI could send the reader anywhere
        return None
    try:
        return resolve_case(number, select)
    except QueryError:
        return None
