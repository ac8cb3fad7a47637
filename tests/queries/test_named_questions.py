"""The named questions: their contract (parameters, columns) and their answers on ingested protocols."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from datetime import date, timedelta

import pyoxigraph as ox
import pytest

from beslutsgraf.cli.output import to_csv, to_json
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.queries import QueryError, answer, catalogue, get
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store import Solutions
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.conftest import DATA, EXAMPLES, SEED, Ingest
from tests.fixture import load_fixture

pytestmark = pytest.mark.integration

EXPECTED_RESPONDERS = Counter(
    {
        ("Miljö- och byggnämnden", "body"): 1,
        ("Socialnämnden", "body"): 1,
        ("Socialförvaltningen", "administration"): 1,
        ("Centerpartiet", "party"): 1,
        ("Barn- och utbildningsnämnden", "body"): 1,
        ("Barn- och utbildningsnämndens arbetsutskott", "body"): 1,
        ("Moderaterna", "party"): 1,
        ("Tekniska nämnden", "body"): 1,
        ("Kultur- och fritidsnämnden", "body"): 2,  # the cover letter in two parts
    }
)


def load_examples(store: OxigraphStore) -> OxigraphStore:
    """The examples from the fixture graph, and one Göteborg extract read now."""
    load_fixture(store)
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    outcomes = ingest_files([DATA / "goteborg-ks-2024-02-07-102.txt"], store, resolver, Iris(), SourceMetadata())
    assert [o.status for o in outcomes] == ["loaded"], [o.error for o in outcomes]
    return store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    """Read-only tests share one store; a test that writes uses its own."""
    store = load_examples(OxigraphStore(tmp_path_factory.mktemp("named") / "store"))
    yield store
    store.close()


def ask(store: OxigraphStore, name: str, **given: str) -> Solutions:
    columns, rows = answer(get(name), given, lambda q, b: store.select(q, b).rows)
    return Solutions(columns, rows)


def values(solutions: Solutions, *columns: str) -> list[tuple[str, ...]]:
    return [tuple("" if row[c] is None else str(row[c]) for c in columns) for row in solutions.rows]


def test_every_question_declares_columns_its_query_selects() -> None:
    assert {"referral-responses", "decision-basis", "case-history"} <= set(catalogue())
    for named in catalogue().values():
        projection = re.search(r"SELECT(.*?)WHERE", named.sparql, re.S).group(1)
        for column in named.columns:
            assert f"?{column}" in projection, (named.name, column)
        for parameter in named.parameters:
            assert f"?{parameter.variable}" in projection, (named.name, parameter.name)


def test_every_question_has_a_title_in_each_language_of_the_pages() -> None:
    for named in catalogue().values():
        assert named.title_in("en") == named.title and named.title.endswith(("?", ".")), named.name
        assert named.title_in("sv") != named.title and named.title_in("sv").endswith(("?", ".")), named.name


def test_referral_responses_of_the_seed(loaded: OxigraphStore) -> None:
    result = ask(loaded, "referral-responses", decision="KS 2026-06-03 § 138")
    assert result.variables == ["document", "title", "author", "authorLabel", "authorKind", "date"]
    assert Counter(values(result, "authorLabel", "authorKind")) == EXPECTED_RESPONDERS
    titles = {t for (t,) in values(result, "title")}
    assert not any("KSAU" in t or "Kommunledningskontorets" in t or "Instruktion" in t for t in titles)
    dated = dict(values(result, "authorLabel", "date"))
    assert dated["Tekniska nämnden"] == "2025-10-21" and dated["Centerpartiet"] == ""


@pytest.mark.parametrize(
    "decision",
    [
        "KS 2026-06-03 § 138",
        "KS 2026-06-03 §138",
        "ks 2026-06-03 § 138",
        "Kommunstyrelsen 2026-06-03 § 138",
        "http://127.0.0.1:8000/paragraf/exempelkommun/ks/2026-06-03/138",
        "http://127.0.0.1:8000/beslut/exempelkommun/ks/2026-06-03/138",
    ],
)
def test_a_decision_is_named_by_citation_or_iri(loaded: OxigraphStore, decision: str) -> None:
    result = ask(loaded, "referral-responses", decision=decision)
    assert Counter(values(result, "authorLabel", "authorKind")) == EXPECTED_RESPONDERS


def test_referral_responses_of_a_case_span_its_decisions(loaded: OxigraphStore) -> None:
    result = ask(loaded, "referral-responses", case="KS 2025/164")
    found = Counter(values(result, "authorLabel", "authorKind"))
    # the seed's responses, and those fullmäktige's § lists, one of them from a body nobody registered
    assert found == EXPECTED_RESPONDERS + Counter(
        {
            ("Servicenämnden Väst", "body"): 1,
            ("Sverigedemokraterna", "party"): 1,
            ("Gnestaberedningen", "unresolved"): 1,
        }
    )


def test_a_case_number_two_municipalities_share_is_ambiguous(store: OxigraphStore, ingest: Ingest) -> None:
    loaded = load_examples(store)
    ingest(DATA / "bun-2025-11-11.txt")  # Tidaholm's nämnd cites its own "KS 2025/164"
    with pytest.raises(QueryError, match="ambiguous; give one of these IRIs instead") as refused:
        ask(loaded, "case-history", case="KS 2025/164")
    assert "arende/tidaholm/ks-2025-164" in str(refused.value)
    iri = "http://127.0.0.1:8000/arende/exempelkommun/ks-2025-164"
    assert len(ask(loaded, "case-history", case=iri).rows) == 4


def test_decision_basis_lists_the_whole_basis(loaded: OxigraphStore) -> None:
    result = ask(loaded, "decision-basis", decision="KS 2026-06-03 § 138")
    rows = values(result, "kind", "authorLabel")
    assert len(rows) == 14
    assert rows[0] == ("protokollsutdrag", "Kommunstyrelsens arbetsutskott")
    assert rows[1] == ("tjansteskrivelse", "Kommunledningskontoret")
    assert rows[2] == ("forslag", "") and rows[3] == ("other", "")
    assert [k for k, _ in rows].count("remissvar") == 5


def test_case_history_across_bodies(loaded: OxigraphStore) -> None:
    result = ask(loaded, "case-history", case="KS 2025/164")
    rows = values(result, "citation", "bodyLabel", "date", "outcome")
    assert rows == [
        ("TN 2025-10-21 § 114", "Tekniska nämnden", "2025-10-21", ""),
        ("KSAU 2026-05-20 § 113", "Kommunstyrelsens arbetsutskott", "2026-05-20", ""),
        ("KS 2026-06-03 § 138", "Kommunstyrelsen", "2026-06-03", "forslag-till-fullmaktige"),
        ("KF 2026-06-17 § 71", "Kommunfullmäktige", "2026-06-17", "bifall"),
    ]
    titles = dict(values(result, "citation", "title"))
    assert titles["KSAU 2026-05-20 § 113"].startswith("§113 KSAU Ansvar")


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        ("no-such-question", {}, "no named question 'no-such-question'"),
        ("referral-responses", {}, "needs exactly one of: case, decision"),
        ("referral-responses", {"case": "KS 2025/164", "decision": "KS 2026-06-03 § 138"}, "exactly one of"),
        ("referral-responses", {"meeting": "KS 2026-06-03"}, "takes no parameter 'meeting'"),
        ("case-history", {}, "needs the parameter 'case'"),
        ("decision-basis", {"decision": "KS 2026-06-04 § 138"}, "no § 'KS 2026-06-04 § 138' in the store"),
        ("decision-basis", {"decision": "§ 138"}, "neither an IRI nor a citation"),
        ("decision-basis", {"decision": "KS 2026-13-03 § 138"}, "is not a date"),
        ("case-history", {"case": "KS 1999/1"}, "no case 'KS 1999/1' in the store"),
    ],
)
def test_bad_parameters_are_refused_in_words(loaded: OxigraphStore, name: str, given: dict, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        ask(loaded, name, **given)


INJECTIONS = [
    "http://127.0.0.1:8000/x>DROP<y",
    'KS 2025/164" } } ; DROP ALL ; #',
    "KS 2025/164' . ?s ?p ?o } #",
    "KS 2025/164> <http://e/p> ?x",
    "http://127.0.0.1:8000/arende/x> } DROP ALL { <x",
    '"""\\u0022) } UNION { ?s ?p ?o',
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("name", "parameter"),
    [(named.name, p.name) for named in catalogue().values() for p in named.parameters if p.type != "date"],
)
def test_parameters_cannot_inject_sparql(loaded: OxigraphStore, name: str, parameter: str, value: str) -> None:
    before = len(loaded)
    try:
        result = ask(loaded, name, **{parameter: value})
    except QueryError:
        pass
    else:
        assert result.rows == []
    assert len(loaded) == before


@pytest.mark.parametrize("value", ["2024-13-01", "igår", "2024-02-07' || true"])
def test_a_date_parameter_takes_only_a_date(loaded: OxigraphStore, value: str) -> None:
    with pytest.raises(QueryError, match="is not a date"):
        ask(loaded, "meetings", **{"from": value})


def test_results_as_sparql_json_and_csv(loaded: OxigraphStore) -> None:
    result = ask(loaded, "referral-responses", decision="KS 2026-06-03 § 138")
    data = json.loads(to_json(result))
    assert data["head"]["vars"] == result.variables
    first = data["results"]["bindings"][0]
    assert first["document"]["type"] == "uri"
    assert first["authorKind"] == {"type": "literal", "value": "body"}
    assert {"type": "literal", "value": "2025-12-11", "datatype": "http://www.w3.org/2001/XMLSchema#date"} in [
        b.get("date") for b in data["results"]["bindings"]
    ]
    lines = to_csv(result).split("\r\n")
    assert lines[0] == "document,title,author,authorLabel,authorKind,date"
    assert len([line for line in lines[1:] if line]) == len(result.rows)


def test_votes_of_a_paragraph(loaded: OxigraphStore) -> None:
    result = ask(loaded, "votes", decision="KS 2024-02-07 § 102")
    assert result.variables == ["vote", "yesMeans", "noMeans", "yes", "no", "abstain", "absent"]
    assert values(result, "yesMeans", "noMeans", "yes", "no", "abstain", "absent") == [
        ("bifall till Karin Pleijels yrkande", "bifall till Axel Darviks yrkande", "7", "5", "1", "")
    ]
    counted = ask(loaded, "votes", decision="KF 2026-06-17 § 71")  # counts without names
    assert values(counted, "yes", "no") == [("31", "10")]


def test_vote_roll_names_every_voter(loaded: OxigraphStore) -> None:
    result = ask(loaded, "vote-roll", decision="KS 2024-02-07 § 102")
    rows = values(result, "name", "party", "choice")
    assert Counter(choice for _, _, choice in rows) == {"yes": 7, "no": 5, "abstain": 1}
    assert ("Karin Pleijel", "MP", "yes") in rows and ("Jörgen Fogelklou", "SD", "abstain") in rows
    assert ("Johannes Hulter", "S", "yes") in rows  # a serving substitute votes too


def test_reservations_by_decision_and_by_party(loaded: OxigraphStore) -> None:
    by_decision = values(ask(loaded, "reservations", decision="KS 2024-02-07 § 102"), "whoLabel")
    assert {w for (w,) in by_decision} == {
        "Axel Josefson (M)",
        "Axel Darvik (L)",
        "Elisabet Lann (KD)",
        "Nina Miskovsky (M)",
        "Anneli Rhedin (M)",
        "Jörgen Fogelklou (SD)",
    }
    by_party = ask(loaded, "reservations", party="SD")
    assert {(c, w) for c, w in values(by_party, "citation", "whoLabel")} == {
        ("KS 2024-02-07 § 102", "Jörgen Fogelklou (SD)"),
        ("KF 2026-06-17 § 71", "Sverigedemokraterna"),  # "Sverigedemokraternas ledamöter reserverar sig"
    }
    texts = dict(values(by_party, "citation", "text"))
    assert texts["KS 2024-02-07 § 102"].endswith("reserverar sig mot beslutet till förmån för det egna yrkandet.")
    assert {w for (w,) in values(ask(loaded, "reservations", party="Moderaterna"), "whoLabel")} == {
        "Axel Josefson (M)",
        "Nina Miskovsky (M)",
        "Anneli Rhedin (M)",
    }


def test_meetings_and_a_meeting(loaded: OxigraphStore) -> None:
    everything = values(ask(loaded, "meetings"), "citation", "date")
    assert everything == [
        ("KS 2024-02-07", "2024-02-07"),
        ("KS 2026-06-03", "2026-06-03"),
        ("KF 2026-06-17", "2026-06-17"),
    ]
    assert values(ask(loaded, "meetings", **{"from": "2026-01-01", "to": "2026-06-10"}), "citation") == [
        ("KS 2026-06-03",)
    ]
    assert values(ask(loaded, "meetings", body="Kommunfullmäktige"), "citation") == [("KF 2026-06-17",)]
    with pytest.raises(QueryError, match="body 'KS' is ambiguous"):
        ask(loaded, "meetings", body="KS")  # Göteborg's and Exempelkommun's
    rows = values(ask(loaded, "meeting", meeting="KS 2024-02-07"), "number", "case", "title", "outcome")
    assert rows == [
        (
            "102",
            "SLK-2023-01152",
            "Remiss från Klimat- och näringslivsdepartementet Promemorian Förslag om nya energipolitiska mål",
            "yttrande",
        )
    ]


def test_attendance_and_a_meeting_from_its_contents(store: OxigraphStore, ingest: Ingest) -> None:
    (outcome,) = ingest(DATA / "ks-2025-03-12-full.txt")
    assert outcome.status == "loaded"
    rows = values(ask(store, "attendance", meeting="KS 2025-03-12"), "name", "party", "role", "kind", "paragraphs")
    assert rows[0] == ("Anna Lind", "S", "ordförande", "ledamot", "")
    assert ("Olle Sand", "S", "tjänstgörande ersättare", "tjänstgörande ersättare", "§§ 14–15") in rows
    assert ("Sara Kvist", "", "kommundirektör", "övrig", "") in rows
    replaced = dict(values(ask(store, "attendance", meeting="KS 2025-03-12"), "name", "replaces"))
    assert replaced["Olle Sand"].endswith("/person/tidaholm/karin-berg")
    paragraphs = values(ask(store, "meeting", meeting="KS 2025-03-12"), "number", "title", "outcome")
    assert paragraphs[-1] == ("15", "Ärende enligt offentlighets- och sekretesslagen", "")  # only in the contents
    assert [n for n, _, _ in paragraphs] == ["12", "13", "14", "15"]


GOTEBORG = ["ks-2024-08-28", "ks-2024-09-11", "ks-2024-09-25", "ks-2024-10-09", "ks-2024-11-06"]


@pytest.mark.parametrize("order", ["forwards", "backwards"])
def test_citations_land_on_the_cited_paragraph_in_either_order(
    store: OxigraphStore, ingest: Ingest, corpus, order: str
) -> None:
    meetings = GOTEBORG if order == "forwards" else GOTEBORG[::-1]
    paths = [corpus / "goteborg" / name / "protokoll.txt" for name in meetings]
    for path in paths:
        organ, _, day = path.parent.name.partition("-")
        (outcome,) = ingest(path, kommun="Göteborg", organ=organ, date=day)
        assert outcome.status == "loaded", outcome.error
    # KS 2024-11-06 § 916: "Bordlagt den 28 augusti 2024, § 610, den 11 september 2024, § 712, ..."
    citing = values(ask(store, "cited-by", decision="KS 2024-08-28 § 610"), "citation", "how")
    assert ("KS 2024-11-06 § 916", "text") in citing
    assert ("KS 2024-09-11 § 712", "text") in citing  # each time it was tabled again, the earlier § is cited
    links = values(ask(store, "citation-links"), "citation", "status")
    assert ("KS 2024-08-28 § 610", "linked") in links
    assert ("KS 2024-06-12 § 534", "dangling") in links  # a meeting these five protocols do not include
    assert not [c for c, status in links if status == "missing"]


def test_a_case_trail_across_fullmaktige_and_styrelse(store: OxigraphStore, ingest: Ingest, corpus) -> None:
    for name in ("kf-2023-12-07", "ks-2024-01-10", "kf-2024-02-01"):
        organ, _, day = name.partition("-")
        ingest(corpus / "goteborg" / name / "protokoll.txt", kommun="Göteborg", organ=organ, date=day)
    trail = values(ask(store, "case-history", case="SLK-2022-01316"), "citation", "outcome")
    # sent back by fullmäktige, proposed again by the styrelse, decided by fullmäktige
    assert trail == [
        ("KF 2023-12-07 § 92", "aterremiss"),
        ("KS 2024-01-10 § 11", "forslag-till-fullmaktige"),
        ("KF 2024-02-01 § 24", "bifall"),
    ]


@pytest.mark.parametrize(
    "law",
    [
        "PBL 5:11",
        "5 kap. 11 § plan- och bygglagen",
        "SFS 2010:900",
        "http://rinfo.lagrummet.se/publ/sfs/2010:900#K5P11",
    ],
)
def test_decisions_resting_on_a_paragraph_of_law(store: OxigraphStore, ingest: Ingest, law: str) -> None:
    ingest(DATA / "sbn-2024-03-12.txt", DATA / "goteborg-ks-2024-02-21-145-146.txt")
    rows = values(ask(store, "decisions-citing-law", law=law), "citation", "cites")
    assert rows == [("SBN 2024-03-12 § 45", "5 kap. 11 § SFS 2010:900")]
    sou = values(ask(store, "decisions-citing-law", law="SOU 2023:56"), "citation")
    assert sou == [("KS 2024-02-21 § 145",)]
    with pytest.raises(QueryError, match="not a reference to law"):
        ask(store, "decisions-citing-law", law="paragraf elva")


def test_referral_network(loaded: OxigraphStore) -> None:
    rows = values(
        ask(loaded, "referral-network"), "responderLabel", "responderKind", "askingLabel", "responses", "averageDays"
    )
    network = {(label, asking): (kind, count, days) for label, kind, asking, count, days in rows}
    assert network[("Kultur- och fritidsnämnden", "Kommunstyrelsen")] == ("body", "2", "")  # cover letter, no date
    assert network[("Tekniska nämnden", "Kommunstyrelsen")] == ("body", "1", "225")  # 2025-10-21 → 2026-06-03
    assert network[("Servicenämnden Väst", "Kommunfullmäktige")] == ("body", "1", "199")
    assert ("Gnestaberedningen", "Kommunfullmäktige") not in network  # unresolved: no organisation to count
    only_kf = values(ask(loaded, "referral-network", body="Kommunfullmäktige"), "askingLabel")
    assert {a for (a,) in only_kf} == {"Kommunfullmäktige"}


def test_referral_network_counts_days_as_the_calendar_does() -> None:
    """The days between two dates, from their day numbers (no server's date arithmetic): across month ends, leap
    days and centuries, against Python's calendar."""
    text = get("referral-network").sparql
    days = text[text.index("BIND(YEAR(?decided)") : text.index("AS ?days)") + len("AS ?days)")]
    rng = random.Random(138)
    pairs = [
        (date(1999, 12, 31), date(2000, 3, 1)),
        (date(2024, 2, 28), date(2024, 3, 1)),
        (date(2100, 2, 28), date(2100, 3, 1)),
        (date(2026, 6, 3), date(2026, 6, 3)),
    ]
    for _ in range(300):
        first = date(1990, 1, 1) + timedelta(days=rng.randrange(40_000))
        pairs.append((first, first + timedelta(days=rng.randrange(2_000))))
    rows = " ".join(f'("{a}"^^xsd:date "{b}"^^xsd:date)' for a, b in pairs)
    query = (
        f"PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?answered ?decided ?days "
        f"WHERE {{ VALUES (?answered ?decided) {{ {rows} }} {days} }}"
    )
    found = {(str(r["answered"].value), str(r["decided"].value)): int(r["days"].value) for r in ox.Store().query(query)}
    assert found == {(str(a), str(b)): (b - a).days for a, b in pairs}


def test_person_activity(loaded: OxigraphStore) -> None:
    rows = values(ask(loaded, "person-activity", person="Axel Darvik"), "activity", "citation", "detail")
    assert rows == [
        ("motion", "KS 2024-02-07 § 102", "bifall"),
        ("reservation", "KS 2024-02-07 § 102", "beslutet"),
        ("vote", "KS 2024-02-07 § 102", "no"),
    ]
    abouts = {row[0] for row in values(ask(loaded, "person-activity", person="Axel Darvik"), "about")}
    assert abouts == {"http://127.0.0.1:8000/paragraf/goteborg/ks/2024-02-07/102"}  # the §, to link to
    with pytest.raises(QueryError, match="no person 'Nobody Known' in the store"):
        ask(loaded, "person-activity", person="Nobody Known")


def test_a_referral_joined_to_the_responses_that_came_back(store: OxigraphStore, ingest: Ingest) -> None:
    ingest(DATA / "ks-2025-06-10-80.txt", SEED, kommun="Exempelkommun")
    columns = ("citation", "referredToLabel", "answerBy", "responseDate", "answeredIn")
    rows = values(ask(store, "referrals", case="KS 2025/164"), *columns)
    by_body = {label: (citation, answer_by, date, where) for citation, label, answer_by, date, where in rows}
    assert set(by_body) == {"Socialnämnden", "Tekniska nämnden", "Kultur- och fritidsnämnden", "Valnämnden"}
    assert by_body["Socialnämnden"] == ("KS 2025-06-10 § 80", "2025-12-15", "2025-12-11", "KS 2026-06-03 § 138")
    assert by_body["Tekniska nämnden"][2:] == ("2025-10-21", "KS 2026-06-03 § 138")
    assert by_body["Kultur- och fritidsnämnden"][3] == "KS 2026-06-03 § 138"  # its cover letters carry no date
    assert by_body["Valnämnden"][2:] == ("", "")  # asked, never answered
