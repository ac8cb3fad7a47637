"""Vote totals as minutes print them in prose, form by form; and on the Göteborg corpus, every vote whose text
prints its totals has them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beslutsgraf.ingest.model import Vote
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from tests.ingest.test_corpus import options, protocols

pytestmark = pytest.mark.unit

PARAGRAPH = """Kommunfullmäktige
Sammanträdesdatum 2025-04-24

§ 31 Dnr KS 2024/77
Ny taxa för bygglov
Beslut
Kommunfullmäktige beslutar att anta taxan.

Omröstning
{vote}
"""

PROPOSITION = "Godkänd voteringsproposition: ”Ja för bifall till kommunstyrelsens förslag. Nej för avslag”."
MOTION = "Godkänd omröstningsordning är: ”Ja” för att avstyrka motionen, ”Nej” för bifall till förvaltningens förslag."

FORMS = [
    (
        "Ja mot Nej, some absent",
        f"{PROPOSITION}\nOmröstningen utfaller med 40 Ja mot 32 Nej. 2 ledamöter är frånvarande. Hur var och en\n"
        "röstar framgår av bilaga 2.",
        {"yes": 40, "no": 32, "absent": 2},
    ),
    (
        "Ja mot Nej, abstentions, one absent",
        f"{PROPOSITION}\nOmröstningen utfaller med 40 Ja mot 28 Nej. 12 ledamöter avstår från att rösta.\n"
        "1 ledamot är frånvarande.",
        {"yes": 40, "no": 28, "abstain": 12, "absent": 1},
    ),
    (
        "ja-röster och nej-röster, avstod",
        f"{PROPOSITION}\nOmröstningen utföll med 40 ja-röster och 32 nej-röster, 3 avstod.",
        {"yes": 40, "no": 32, "abstain": 3},
    ),
    ("Nej first", f"{PROPOSITION}\nOmröstningen ger 12 nej mot 30 ja.", {"yes": 30, "no": 12}),
    (
        "ledamöter avstod, in words",
        f"{PROPOSITION}\nOmröstningen utfaller med 41 Ja mot 31 Nej. Nio ledamöter avstod.",
        {"yes": 41, "no": 31, "abstain": 9},
    ),
    (
        "röster för Ja och för Nej",
        f"{PROPOSITION}\nOmröstningen utfaller med 40 röster för ja och 32 röster för nej.",
        {"yes": 40, "no": 32},
    ),
    (
        "N röster mot M, the side named",
        f"{PROPOSITION}\nOmröstningen utfaller med 40 röster mot 32 för Nej-propositionen.",
        {"yes": 32, "no": 40},
    ),
    (
        "N röster mot M for the Ja proposition, by its words",
        f"{PROPOSITION}\nKommunfullmäktige beslutar med 40 röster mot 32 att bifalla kommunstyrelsens förslag.",
        {"yes": 40, "no": 32},
    ),
    (
        "N röster mot M for the Nej proposition, by its words",
        f"{MOTION}\nFöljande röstar Ja (5): Anna Lind (S) och Per Holm (M).\n\n"
        "Miljönämnden beslutar med 6 röster mot 5 att bifalla förvaltningens förslag.",
        {"yes": 5, "no": 6},
    ),
    (
        "N röster mot M where no side can be told: not guessed",
        f"{PROPOSITION}\nFullmäktige beslutar med 6 röster mot 5 i enlighet med ordförandens förslag.",
        {},
    ),
    (
        "a number before a Ja that is not a total",
        "Omröstning genomförs enligt bilaga 2\nJa-röst för bifall, nej-röst för avslag.",
        {},
    ),
]


def vote_in(text: str, tmp_path: Path, resolver: Resolver) -> Vote:
    path = tmp_path / "kf.txt"
    path.write_text(PARAGRAPH.format(vote=text), encoding="utf-8")
    (paragraph,) = parse_protocol(read_source(path), SourceMetadata(kommun="Tidaholm"), resolver).paragraphs
    (vote,) = paragraph.votes
    return vote


@pytest.mark.parametrize(("form", "text", "counts"), FORMS, ids=[f[0] for f in FORMS])
def test_vote_totals_in_prose(form: str, text: str, counts: dict[str, int], tmp_path: Path, resolver: Resolver) -> None:
    vote = vote_in(text, tmp_path, resolver)
    # a count a roll call prints beside the names ("Ja (5)") stands; the prose fills only what is missing
    expected = counts if "(5)" not in text else {**counts, "yes": 5}
    assert vote.counts == expected, form


# What a reader of the quoted text calls printed totals, independent of the parser's patterns: a number next to
# Ja or Nej, "röstar Ja (7)", "7 ja-röster", "6 röster mot 5".
PRINTED_TOTAL = re.compile(
    r"\b\d+\s+(?:ja|nej)\b|\b(?:ja|nej)\s*\(\d+\)|\b\d+\s+(?:ja|nej)-?röster|\b\d+\s+röster\s+mot\s+\d+", re.I
)
JA_MOT_NEJ = re.compile(r"\b(\d+) (?:Ja|ja) mot (\d+) (?:Nej|nej)\b")


def test_every_goteborg_vote_whose_totals_are_printed_has_them(corpus: Path, resolver: Resolver) -> None:
    """The reviewers' check (2026-12-04, R6): no vote whose quoted text prints "N Ja mot M Nej" lacks its totals;
    and more generally none that prints a total of any form lacks its Ja and Nej totals."""
    printed = with_totals = 0
    for path in protocols(corpus):
        protocol = parse_protocol(read_source(path), options(path), resolver)
        for paragraph in protocol.paragraphs:
            for vote in paragraph.votes:
                where = f"{path.parent.name} § {paragraph.number} vote {vote.position}"
                if not PRINTED_TOTAL.search(vote.span.text):
                    continue
                printed += 1
                assert {"yes", "no"} <= vote.counts.keys(), (where, vote.span.text[:300])
                with_totals += 1
                if m := JA_MOT_NEJ.search(vote.span.text):
                    assert (vote.counts["yes"], vote.counts["no"]) == (int(m[1]), int(m[2])), where
    assert printed == with_totals
    assert printed > 280  # 286 votes in 2023–2024: 172 print "N Ja mot M Nej", 114 roll calls "röstar Ja (7)"
