"""Dates, case numbers and § segmentation, pinned form by form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beslutsgraf.ingest.casenumbers import NOTATION_PATTERN, find_case_numbers, is_valid_notation
from beslutsgraf.ingest.contents import split_contents
from beslutsgraf.ingest.dates import find_dates, parse_date
from beslutsgraf.ingest.furniture import remove_furniture
from beslutsgraf.ingest.headings import longest_increasing, tidy_title
from beslutsgraf.ingest.people import bare_names
from beslutsgraf.ingest.segment import find_paragraphs
from beslutsgraf.ontology import SHAPES_FILE

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Socialnämndens beslut 2025-12-11", [date(2025, 12, 11)]),
        ("20251104 Remissvar", [date(2025, 11, 4)]),
        ("BUA 251111", [date(2025, 11, 11)]),
        ("den 3 juni 2026", [date(2026, 6, 3)]),
        ("Tjänsteutlåtande den 30 november 2023.", [date(2023, 11, 30)]),
        ("beslutade den 1:a mars 2024 och 7 december 2023", [date(2024, 3, 1), date(2023, 12, 7)]),
        ("2025-02-30 is no date", []),
        ("Handling 2024 nr 2", []),
        ("KS 2025/164", []),
        ("planen 2024-2027", []),
    ],
)
def test_dates_in_the_forms_protocols_write(text: str, expected: list[date]) -> None:
    assert [d.value for d in find_dates(text)] == expected


def test_parse_date_takes_exactly_one_date() -> None:
    assert parse_date("2026-06-03") == date(2026, 6, 3)
    assert parse_date("3 juni 2026") == date(2026, 6, 3)
    assert parse_date("2026-06-03 och 2026-06-04") is None
    assert parse_date("tisdag") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ansvar, roller (KS 2025/164)", ["KS 2025/164"]),
        ("§ 1 Ärendenummer SLK-2024-00062", ["SLK-2024-00062"]),
        ("26 Dnr KS 2018/14 Information", ["KS 2018/14"]),
        ("Dnr: 2023/456", ["2023/456"]),
        ("KSKF/2014:1 235 Val till kommunala uppdrag", ["KSKF/2014:1"]),
        ("tjänsteorganisation(BUN 2025_129-14)", ["BUN 2025_129-14"]),
        ("Remiss från Finansdepartementet (Fi2017/04962/DF)", ["Fi2017/04962/DF"]),
        ("betänkandet (SOU 2017:114)", []),
        ("lag (SFS 2017:725)", []),
        ("planen 2024-2027", []),
        ("§ 71  Dnr 2019-000003 - 042", ["2019-000003 - 042"]),  # a filing code after the number
        ("Dnr KS 123/2019 Motion om", ["KS 123/2019"]),  # number before year
        ("Dnr 00123/20212.6. Yttrande", ["00123/20212.6"]),  # a filing code glued to the year
        ("Ärende SBN 2019-00123", ["SBN 2019-00123"]),
        ("Ärende KS2019.123", ["KS2019.123"]),
        ("Diarienr: 2019-000123", ["2019-000123"]),
        ("1 Dnr 12.K Information om", ["12.K"]),  # whatever follows the label, if it has a digit
        ("Dnr Budgetuppföljning", []),
        ("Månadsrapport 2014 (LS/12/2014) 8", ["LS/12/2014"]),  # number before year, no label
        ("enligt KS 123/2019", ["KS 123/2019"]),
        ("Bilaga 1/2019", []),
        ("Dnr KK07/6 Verksamhetsuppföljning", ["KK07/6"]),
        ("MYN § 19 Dnr 0015/13 - 200 DELGIVNINGAR", ["0015/13 - 200"]),
        ("KS 142 Dnr 0251/13 003 Kommunfullmäktiges arbetsordning", ["0251/13 003"]),
    ],
)
def test_case_numbers(text: str, expected: list[str]) -> None:
    found = [c.notation for c in find_case_numbers(text)]
    assert found == expected
    assert all(is_valid_notation(n) for n in found)


def test_the_shape_checks_the_same_case_number_form_as_the_parser() -> None:
    assert f'sh:pattern "{NOTATION_PATTERN}"' in SHAPES_FILE.read_text(encoding="utf-8")


def test_segmentation_ignores_section_numbers_that_continue_a_sentence() -> None:
    text = (
        "§ 11 Ärendenummer SLK-2022-01316\nRevidering\nBeslut\nText.\n"
        "Handlingar\nProtokollsutdrag från kommunfullmäktige den 7 december 2023\n"
        "§ 92 med tillhörande handlingar.\n"
        "Återremitterat den 7 december 2023,\n§ 92.\n"
        "• § 35 Remissvar Miljö- och byggnämnd\n"
        "§ 12 Ärendenummer SLK-2023-00001\nNästa ärende\nBeslut\nText.\n"
    )
    assert [p.number for p in find_paragraphs(text)] == [11, 12]


def test_a_table_of_contents_without_page_numbers_makes_no_paragraphs() -> None:
    text = (
        "Innehållsförteckning\n§ 27 Val av justerare\n§ 28 Policy för bisysslor\n§ 29 Biblioteksplan\n\n"
        "§ 27 Dnr SN 2024/1\nVal av justerare\nBeslut\nAnna Lind (S) utses att justera.\n\n"
        "§ 28 Dnr SN 2024/2\nPolicy för bisysslor\nBeslut\nNämnden antar policyn.\n\n"
        "§ 29 Dnr SN 2024/3\nBiblioteksplan\nBeslut\nNämnden antar planen.\n"
    )
    candidates, contents = split_contents(text)
    assert [entry.number for entry in contents] == [27, 28, 29] and all(e.page is None for e in contents)
    paragraphs = find_paragraphs(text, candidates)
    assert [p.number for p in paragraphs] == [27, 28, 29]
    assert all("Beslut" in text[p.start : p.end] for p in paragraphs)
    # headings right below one another whose numbers do not come again are §§, not contents
    assert [p.number for p in find_paragraphs("§ 1 Dnr KS 2024/1\n§ 2 Dnr KS 2024/2\nBeslut\nx\n")] == [1, 2]


def test_segmentation_keeps_the_longest_increasing_run() -> None:
    text = "§ 5 Ett\nBeslut\nx\n§ 6 Två\nBeslut\ny\n§ 2 Citerad rad som ser ut som en rubrik\n§ 7 Tre\nBeslut\nz\n"
    assert [p.number for p in find_paragraphs(text)] == [5, 6, 7]


def test_sections_are_found_in_their_many_spellings() -> None:
    text = (
        "§ 3\nTitel\nBeslut\na\nÄrendebeskrivning\nb\nBeslutsunderlag\nc\nYrkande\nd\nReservation\ne\n"
        "Protokollsanteckning\nf\nSärskilt yttrande\ng\nBeslutet skickas till\nh\n"
    )
    (paragraph,) = find_paragraphs(text)
    assert [s.name for s in paragraph.sections] == [
        "decision",
        "summary",
        "basis",
        "motions",
        "reservation",
        "note",
        "statement",
        "dispatch",
    ]


def _longest_increasing_by_every_pair(numbers: list[int]) -> list[int]:
    """The reference: each § after the earliest that makes its run longest; of the longest runs, the first ending."""
    if not numbers:
        return []
    best, previous = [1] * len(numbers), [-1] * len(numbers)
    for i in range(len(numbers)):
        for j in range(i):
            if numbers[j] < numbers[i] and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    end, chain = max(range(len(numbers)), key=lambda i: (best[i], -i)), []
    while end != -1:
        chain.append(end)
        end = previous[end]
    return chain[::-1]


@given(st.lists(st.integers(1, 40), max_size=60))
def test_the_run_of_paragraph_numbers_is_the_one_every_pair_gives(numbers: list[int]) -> None:
    matches = list(re.finditer(r"(?P<number>\d+)", " ".join(map(str, numbers))))
    found = [matches.index(m) for m in longest_increasing(matches)]
    assert found == _longest_increasing_by_every_pair(numbers)


def test_a_page_whose_line_breaks_were_lost_keeps_its_text_behind_its_page_marker() -> None:
    page = "Plats och tid Vävaren, klockan 08:15-12:05 Beslutande Anders Hedeborg (S), ordförande " * 4
    text = f"1 (54) {page}\n2 (54)\nKommunstyrelsen\n"
    cleaned = remove_furniture(text)
    assert cleaned.text.startswith("Plats och tid Vävaren") and page.strip() in cleaned.text
    assert "2 (54)" not in cleaned.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Björn Eriksson Gun Råberg Helge Jonsson", ["Björn Eriksson", "Gun Råberg", "Helge Jonsson"]),
        ("Tjänstemän Ulla-Karin Jönsson Lars Erik Svensson 214", ["Ulla-Karin Jönsson", "Lars Erik Svensson"]),
        ("Henric M Olsson Anna Thott", ["Henric M Olsson", "Anna Thott"]),
        # four words that begin with a given name and a surname: two names, the second's given name not listed
        ("Anders Lundell Raif Mehmeti Peter Lilja", ["Anders Lundell", "Raif Mehmeti", "Peter Lilja"]),
        # a run that does not split into names each beginning with a given name is left unread, whole
        ("Eva Nyhammar Xyz Nordander Tovstedt Extra Ordet Carola Bengtsson", []),
        ("Kommunledningskontoret", []),
    ],
)
def test_names_one_after_another_without_party_or_title(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in bare_names(text)] == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("  Val av justerare:  ", "Val av justerare"),
        ("Detaljplan för del av Skegrie 27:1 m.fl.", "Detaljplan för del av Skegrie 27:1 m.fl."),
        ("*Ansökan om bygdemedel för Arctic Sites etapp II*", "Ansökan om bygdemedel för Arctic Sites etapp II"),
        ("Budget 2024 -", "Budget 2024"),
    ],
)
def test_a_title_without_the_punctuation_around_it(printed: str, expected: str) -> None:
    assert tidy_title(printed) == expected
