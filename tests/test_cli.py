"""The command line as a user runs it: ingest, query, queries, validate, export."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from beslutsgraf.cli import app
from beslutsgraf.ontology import GENERAL_REGISTRY_FILE
from beslutsgraf.store import open_store
from beslutsgraf.testing.servers import emptied
from tests.conftest import DATA, EXAMPLES, SEED

pytestmark = pytest.mark.system

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


def ingest_examples(store_path: Path) -> None:
    """The seed and the council's decision on it, with the example municipality's registry."""
    code, out = run(
        "ingest",
        str(SEED),
        str(EXAMPLES / "kf-2026-06-17-71.txt"),
        "--registry",
        str(EXAMPLES / "exempelkommun.toml"),
        "--store",
        str(store_path),
    )
    assert code == 0, out


def test_ingest_then_query_the_seed(store_path: Path) -> None:
    code, out = run("ingest", str(SEED), "--store", str(store_path))
    assert code == 0, out
    assert "1 §" in out and "1 of 1 file(s)" in out
    code, out = run("ingest", str(SEED), "--store", str(store_path))
    assert code == 0 and "unchanged since it was last ingested" in out
    code, out = run(
        "query",
        "referral-responses",
        "--param",
        "decision=KS 2026-06-03 § 138",
        "--format",
        "json",
        "--store",
        str(store_path),
    )
    assert code == 0, out
    labels = [b["authorLabel"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert "Socialförvaltningen" in labels and len(labels) == 10
    code, out = run("query", "case-history", "-p", "case=KS 2025/164", "-f", "csv", "--store", str(store_path))
    assert code == 0 and out.splitlines()[0] == "decision,citation,body,bodyLabel,date,paragraph,title,outcome"
    code, out = run("query", "decision-basis", "-p", "decision=KS 2026-06-03 § 138", "--store", str(store_path))
    assert code == 0 and "14 rows" in out


def test_the_store_comes_from_the_environment(store_path: Path) -> None:
    env = {"BESLUTSGRAF_STORE": str(store_path)}
    assert run("ingest", str(SEED), env=env)[0] == 0
    assert store_path.exists()
    code, out = run("query", "case-history", "-p", "case=KS 2025/164", "-f", "csv", env=env)
    assert code == 0 and "KS 2026-06-03 § 138" in out


def test_many_files_options_registry_and_unresolved_report(store_path: Path) -> None:
    code, out = run(
        "ingest",
        str(SEED),
        str(EXAMPLES / "kf-2026-06-17-71.txt"),
        str(DATA / "ksau-2018-03-06.txt"),
        "--registry",
        str(EXAMPLES / "exempelkommun.toml"),
        "--store",
        str(store_path),
    )
    assert code == 1, out  # the utskott extract names no municipality: it fails, the others load
    assert "ksau-2018-03-06.txt: the municipality is not stated" in out
    assert "2 of 3 file(s)" in out
    assert "unresolved author 'Gnestaberedningen'" in out
    code, out = run("ingest", str(DATA / "ksau-2018-03-06.txt"), "--kommun", "Kramfors", "--store", str(store_path))
    assert code == 0, out
    assert "unresolved author 'KPR'" in out and "kept as written, not guessed" in out


def test_errors_are_words_not_tracebacks(tmp_path: Path, store_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out = run("ingest", str(empty), "--store", str(store_path))
    assert code == 1 and f"{empty}: the file is empty" in out and "Traceback" not in out
    code, out = run("query", "referral-responses", "--store", str(tmp_path / "nothing"))
    assert code == 1 and "no store at" in out
    run("ingest", str(SEED), "--store", str(store_path))
    code, out = run("query", "referral-responses", "-p", "decision=KS 2026-06-03", "--store", str(store_path))
    assert code == 1 and "neither an IRI nor a citation" in out
    code, out = run("query", "referral-responses", "-p", "decision", "--store", str(store_path))
    assert code == 1 and "--param takes key=value" in out
    code, out = run("query", "referral-responses", "-f", "xml", "--store", str(store_path))
    assert code == 1 and "--format must be one of" in out
    bad_registry = tmp_path / "r.toml"
    bad_registry.write_text("[[body]]\nname = 'X'\n")
    code, out = run("ingest", str(SEED), "--registry", str(bad_registry), "--store", str(store_path))
    assert code == 1 and "has no 'key'" in out


def test_queries_lists_the_catalogue() -> None:
    code, out = run("queries")
    assert code == 0
    for name in ("referral-responses", "decision-basis", "case-history"):
        assert name in out
    assert "--param case=" in out and "columns: document, title, author" in out


def test_validate_reports_per_graph(store_path: Path) -> None:
    run("ingest", str(SEED), str(DATA / "bun-2025-11-11.txt"), "--store", str(store_path))
    code, out = run("validate", "--store", str(store_path))
    assert code == 0, out
    assert "2 graph(s) validated, 0 violation(s)" in out
    assert "graf/exempelkommun/ks/2026-06-03/138>: conforms" in out


@pytest.mark.parametrize(
    ("format", "parse_as"),
    [("nquads", "nquads"), ("trig", "trig"), ("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")],
)
def test_export_in_every_format_parses_back(tmp_path: Path, store_path: Path, format: str, parse_as: str) -> None:
    run("ingest", str(SEED), "--store", str(store_path))
    target = tmp_path / f"out.{format}"
    code, out = run("export", "--format", format, "--output", str(target), "--store", str(store_path))
    assert code == 0, out
    graph = Dataset() if format in ("nquads", "trig", "jsonld") else Graph()
    graph.parse(target, format=parse_as)
    assert len(graph) > 700
    if format == "jsonld":
        assert '"@context"' in target.read_text(encoding="utf-8")


def test_export_to_standard_output(store_path: Path) -> None:
    run("ingest", str(SEED), "--store", str(store_path))
    code, out = run("export", "--store", str(store_path))
    assert code == 0
    assert "<http://127.0.0.1:8000/graf/exempelkommun/ks/2026-06-03/138> ." in out


def test_the_installed_command(tmp_path: Path) -> None:
    command = shutil.which("beslutsgraf", path=str(Path(sys.executable).parent))
    assert command, "the console script is installed beside the interpreter"
    env = {**os.environ, "BESLUTSGRAF_STORE": str(tmp_path / "store")}
    done = subprocess.run(
        [command, "ingest", str(SEED)], env=env, check=False, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [command, "query", "referral-responses", "-p", "case=KS 2025/164"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Socialförvaltningen" in done.stdout and "10 rows" in done.stdout


def test_a_graph_that_breaks_a_shape_is_refused_with_node_rule_and_text(tmp_path: Path, store_path: Path) -> None:
    # A registry whose party letters the party shape does not allow (a digit) makes a real, invalid graph.
    registry = tmp_path / "bad-party.toml"
    registry.write_text('[[party]]\nkey = "Lokal1"\nname = "Lokalpartiet"\n', encoding="utf-8")
    protocol = tmp_path / "ks.txt"
    protocol.write_text(SEED.read_text(encoding="utf-8").replace("Moderaterna", "Lokalpartiet"), encoding="utf-8")
    run("ingest", str(DATA / "bun-2025-11-11.txt"), "--store", str(store_path))
    before = run("export", "--store", str(store_path))[1]
    code, out = run("ingest", str(protocol), "--kommun", "X", "--registry", str(registry), "--store", str(store_path))
    assert code == 1
    assert "breaks 1 SHACL rule; nothing was loaded" in out
    assert "Violation: Lokalpartiet <http://127.0.0.1:8000/parti/lokal1> (skos:notation)" in out
    assert "rule: bgsh:PartyShape / skos:notation" in out
    assert run("export", "--store", str(store_path))[1] == before


def test_a_pdf_protocol_end_to_end(tmp_path: Path, store_path: Path) -> None:
    from beslutsgraf.testing.pdfs import protocol_pdf

    pdf = protocol_pdf(SEED.read_text(encoding="utf-8"), tmp_path / "ks-138.pdf")
    code, out = run("ingest", str(pdf), "--kommun", "Exempelkommun", "--store", str(store_path))
    assert code == 0, out
    code, out = run(
        "query", "referral-responses", "-p", "decision=KS 2026-06-03 § 138", "-f", "csv", "--store", str(store_path)
    )
    assert code == 0 and len(out.strip().splitlines()) == 11
    code, out = run("export", "-f", "ntriples", "--store", str(store_path))
    assert '<https://w3id.org/beslutsgraf/ns#extraction> "pdf-text-layer"' in out
    assert '<https://w3id.org/beslutsgraf/ns#page> "3"' in out  # facts on the third page say so


def test_ingest_reports_the_self_check(store_path: Path) -> None:
    code, out = run("ingest", str(DATA / "ks-2025-03-12-full.txt"), "--store", str(store_path))
    assert code == 0, out
    assert "check the table of contents lists § 15, not found in the text" in out
    assert "check § 14, vote 1: yes: 2 named, 3 counted" in out
    code, out = run("query", "attendance", "-p", "meeting=KS 2025-03-12", "-f", "csv", "--store", str(store_path))
    assert code == 0 and "Olle Sand" in out


def test_links_counts_linked_and_dangling_citations(store_path: Path) -> None:
    ingest_examples(store_path)
    code, out = run("links", "-v", "--store", str(store_path))
    assert code == 0, out
    # KF § 71 cites KS § 138 (in the store); the seed cites KSAU § 113 and TN § 114 (their meetings are not)
    assert "1 cited decisions (2 citations) land on their own § in the store" in out
    assert "2 cited decisions (3 citations) name a meeting that is not in the store" in out  # § 113: text and basis
    assert "dangling: KSAU 2026-05-20 § 113" in out


def test_a_municipal_registry_in_the_graph(tmp_path: Path, store_path: Path) -> None:
    registry = GENERAL_REGISTRY_FILE.parent / "kommun" / "goteborg.toml"
    protocol = tmp_path / "ks.txt"
    protocol.write_text(
        "Göteborgs Stad\n§ 5 Ärendenummer SLK-2024-00001\nRemiss om detaljplan\nBeslut\n"
        "Kommunstyrelsen beslutar att yttra sig över remissen.\nHandlingar\n"
        "Yttrande från Liseberg AB den 1 mars 2024.\nByggnadsnämndens beslut den 2 februari 2022 § 10.\n",
        encoding="utf-8",
    )
    code, out = run(
        "ingest", str(protocol), "--date", "2024-03-06", "--registry", str(registry), "--store", str(store_path)
    )
    assert code == 0, out
    code, out = run(
        "query", "referral-responses", "-p", "decision=KS 2024-03-06 § 5", "-f", "csv", "--store", str(store_path)
    )
    assert ",Liseberg AB,company," in out and ",Stadsbyggnadsnämnden,body," in out
    code, out = run("export", "-f", "ntriples", "--store", str(store_path))
    assert "<http://127.0.0.1:8000/organ/goteborg/sbyn/tidigare-namn/1> <http://schema.org/validUntil>" in out


def test_trail_prints_the_timeline_and_writes_svg_and_graphml(tmp_path: Path, store_path: Path) -> None:
    import networkx as nx

    ingest_examples(store_path)
    code, out = run("trail", "KS 2025/164", "--output-dir", str(tmp_path), "--store", str(store_path))
    assert code == 0, out
    assert (
        out.index("TN 2025-10-21")
        < out.index("KSAU 2026-05-20")
        < out.index("KS 2026-06-03")
        < out.index("KF 2026-06-17")
    )
    graph = nx.read_graphml(tmp_path / "trail-ks-2025-164.graphml")
    assert graph.number_of_nodes() == 4
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations.count("then") == 3 and "cites" in relations
    svg = (tmp_path / "trail-ks-2025-164.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "KF 2026-06-17 § 71 bifall" in svg and "Kommunfullmäktige" in svg
    code, out = run("trail", "KS 1999/1", "--output-dir", str(tmp_path), "--store", str(store_path))
    assert code == 1 and "no case 'KS 1999/1' in the store" in out


def test_search_finds_what_was_ingested(store_path: Path) -> None:
    ingest_examples(store_path)
    code, out = run("search", "remiss", "moderat", "--store", str(store_path))
    assert code == 0 and "Remissvar från Moderaterna" in out and "1 hit(s)" in out
    code, out = run("search", "Socialförvaltningen", "--store", str(store_path))  # by its resolved name
    assert "Socialörvaltningens tjänsteskrivelse" in out
    (store_path.parent / (store_path.name + ".search.sqlite")).unlink()
    code, out = run("reindex", "--store", str(store_path))
    assert code == 0 and "indexed 2 graph(s)" in out
    assert "Remissvar från Moderaterna" in run("search", "moderaterna", "--store", str(store_path))[1]


def test_remove_takes_out_a_withdrawn_protocol_and_says_what_went(store_path: Path) -> None:
    ingest_examples(store_path)
    code, out = run("remove", SEED.name, "--store", str(store_path))
    assert code == 0 and "graf/exempelkommun/ks/2026-06-03/138" in out, out
    assert "Remissvar från Moderaterna" not in run("search", "moderaterna", "--store", str(store_path))[1]
    code, out = run("query", "case-history", "-p", "case=KS 2025/164", "-f", "csv", "--store", str(store_path))
    rows = {row["citation"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["KF 2026-06-17 § 71"]["paragraph"]  # the other protocol stays, and still cites KS § 138 ...
    assert rows["KS 2026-06-03 § 138"]["paragraph"] == ""  # ... which is now known only from that citation
    assert run("validate", "--store", str(store_path))[0] == 0
    kf_graph = "http://127.0.0.1:8000/graf/exempelkommun/kf/2026-06-17/71"
    assert run("remove", kf_graph, "--store", str(store_path))[0] == 0
    code, out = run("remove", "never-ingested.txt", "--store", str(store_path))
    assert code == 1 and "nothing removed" in out


def test_remove_by_a_shared_name_lists_the_sources_and_removes_nothing(store_path: Path, tmp_path: Path) -> None:
    """Downloads are often all protokoll.txt: the name alone names no source when several bear it."""
    for folder, number in (("a", 138), ("b", 139)):
        (tmp_path / folder).mkdir()
        text = SEED.read_text(encoding="utf-8").replace("§138", f"§{number}")
        (tmp_path / folder / "protokoll.txt").write_text(text.replace("KS 2025/164", f"KS 2025/{number}"), "utf-8")
    code, out = run(
        "ingest",
        str(tmp_path / "a" / "protokoll.txt"),
        str(tmp_path / "b" / "protokoll.txt"),
        "--kommun",
        "Exempelkommun",
        "--store",
        str(store_path),
    )
    assert code == 0 and "2 of 2 file(s)" in out, out
    code, out = run("remove", "protokoll.txt", "--store", str(store_path))
    assert code == 1 and "2 sources bear that name" in out and "nothing removed" in out
    assert "ks/2026-06-03/138" in out and "ks/2026-06-03/139" in out
    code, out = run("remove", str(tmp_path / "b" / "protokoll.txt"), "--store", str(store_path))
    assert code == 0 and "removed http://127.0.0.1:8000/graf/exempelkommun/ks/2026-06-03/139" in out, out
    assert "ks/2026-06-03/138" not in out


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_the_command_line_against_a_store_server(server: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = request.getfixturevalue(f"{server}_server")
    emptied(open_store(tmp_path, server=url)).close()
    env = {"BESLUTSGRAF_STORE_SERVER": url}
    local = ["--store", str(tmp_path / "search-only")]
    code, out = run("ingest", str(SEED), "--registry", str(EXAMPLES / "exempelkommun.toml"), *local, env=env)
    assert code == 0 and f"1 of 1 file(s) in the store at {url}" in out, out
    code, out = run("query", "referral-responses", "-p", "decision=KS 2026-06-03 § 138", "-f", "csv", *local, env=env)
    assert code == 0 and "Socialförvaltningen" in out, out
    code, out = run("search", "remiss", *local, env=env)
    assert code == 0 and "§ 138" in out, out
    code, out = run("export", "--format", "nquads", *local, env=env)
    assert code == 0 and "/graf/exempelkommun/ks/2026-06-03/138>" in out
    code, out = run("ingest", str(SEED), *local, env={"BESLUTSGRAF_STORE_SERVER": "http://127.0.0.1:9"})
    assert code == 1 and "http://127.0.0.1:9/query cannot be reached" in out


def test_ingest_and_remove_keep_the_answers_over_the_whole_store(store_path: Path) -> None:
    """The questions that read the whole store are asked once a change, by the ingest, and kept beside the store."""
    registry = str(EXAMPLES / "exempelkommun.toml")
    code, _ = run("ingest", str(SEED), "--registry", registry, "--store", str(store_path))
    assert code == 0
    folder = store_path.with_name(store_path.name + ".answers")
    network = json.loads((folder / "referral-network.json").read_text(encoding="utf-8"))
    code, out = run("query", "referral-network", "--format", "json", "--store", str(store_path))
    assert code == 0 and len(json.loads(out)["results"]["bindings"]) == len(network["rows"]) > 0
    code, _ = run("ingest", str(EXAMPLES / "kf-2026-06-17-71.txt"), "--registry", registry, "--store", str(store_path))

    def store_state(name: str) -> list[str]:  # the fingerprint's part that is the store's (the last is the query's)
        return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["fingerprint"][:-1]

    links = store_state("citation-links")
    assert code == 0 and links == store_state("meetings") != network["fingerprint"][:-1]
    code, _ = run("remove", SEED.name, "--store", str(store_path))
    assert code == 0 and store_state("meetings") != links
