"""One language a page: Swedish by default, English where `?lang=en` or the browser's Accept-Language asks for it;
the words the pages say, in each."""

from __future__ import annotations

from fastapi import Request

LANGUAGES = ("sv", "en")

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "site": "Webbplatsen",
        "search": "Sök",
        "words": "Ord",
        "body": "Organ",
        "any_body": "alla organ",
        "kind": "Slag",
        "any_kind": "allt",
        "paragraph": "§",
        "document": "handling",
        "from": "Från",
        "to": "Till",
        "find": "Sök",
        "nothing": "Inget hittades.",
        "pages": "Sidor",
        "previous": "Föregående",
        "next": "Nästa",
        "page": "Sida",
        "of": "av",
        "original": "Filen som den kom",
        "marked": "det citerade markerat",
        "from_source": "Ur källan",
        "see_page": "se sidan",
        "meeting": "Sammanträde",
        "case": "Ärende",
        "outcome": "Utfall",
        "decision": "Beslut",
        "basis": "Beslutsunderlag",
        "referral_responses_count": "{} av handlingarna är remissvar, från {} remissinstanser.",
        "referral_response": "remissvar",
        "parts_motion": "Yrkanden",
        "parts_reservation": "Reservationer",
        "parts_note": "Protokollsanteckningar",
        "parts_statement": "Särskilda yttranden",
        "parts_jav": "Jäv",
        "vote": "Omröstning",
        "yes": "Ja",
        "no": "Nej",
        "abstained": "avstod",
        "roll_call": "Namnupprop",
        "name": "Namn",
        "party": "Parti",
        "choice": "Röst",
        "choice_yes": "ja",
        "choice_no": "nej",
        "choice_abstain": "avstår",
        "dispatch": "Expedieras till",
        "cited_by": "Citeras av",
        "how_text": "i beslutstexten",
        "how_basis": "i beslutsunderlaget",
        "line": "rad",
        "all_facts": "Alla uppgifter",
        "date": "Datum",
        "place": "Plats",
        "time": "Tid",
        "justering": "Justering",
        "notice": "Anslag",
        "kept_at": "Protokollet förvaras",
        "paragraphs": "Paragrafer",
        "matter": "Rubrik",
        "present": "Närvarande",
        "replacing": "ersätter",
        "trail": "Ärendets väg",
        "decisions": "Besluten i ärendet",
    },
    "en": {
        "site": "Site",
        "search": "Search",
        "words": "Words",
        "body": "Body",
        "any_body": "any body",
        "kind": "Kind",
        "any_kind": "anything",
        "paragraph": "§",
        "document": "document",
        "from": "From",
        "to": "To",
        "find": "Search",
        "nothing": "Nothing was found.",
        "pages": "Pages",
        "previous": "Previous",
        "next": "Next",
        "page": "Page",
        "of": "of",
        "original": "The file as it came",
        "marked": "the quoted text marked",
        "from_source": "From the source",
        "see_page": "see the page",
        "meeting": "Meeting",
        "case": "Case",
        "outcome": "Outcome",
        "decision": "Decision",
        "basis": "Basis documents",
        "referral_responses_count": "{} of the documents are referral responses, from {} respondents.",
        "referral_response": "referral response",
        "parts_motion": "Motions",
        "parts_reservation": "Reservations",
        "parts_note": "Protocol notes",
        "parts_statement": "Special statements",
        "parts_jav": "Conflicts of interest",
        "vote": "Vote",
        "yes": "Yes",
        "no": "No",
        "abstained": "abstained",
        "roll_call": "Roll call",
        "name": "Name",
        "party": "Party",
        "choice": "Vote",
        "choice_yes": "yes",
        "choice_no": "no",
        "choice_abstain": "abstains",
        "dispatch": "Sent to",
        "cited_by": "Cited by",
        "how_text": "in the decision",
        "how_basis": "in the basis documents",
        "line": "line",
        "all_facts": "All the data",
        "date": "Date",
        "place": "Place",
        "time": "Time",
        "justering": "Approval of the minutes",
        "notice": "Notice posted",
        "kept_at": "The minutes are kept at",
        "paragraphs": "Paragraphs",
        "matter": "Title",
        "present": "Present",
        "replacing": "replacing",
        "trail": "The case's trail",
        "decisions": "The decisions on the case",
    },
}


def language_of(request: Request) -> str:
    """`?lang=` if it names a language the pages have, else the first such the Accept-Language header prefers
    (RFC 9110: by quality, then order; a range's primary tag counts, `en-GB` for `en`), else Swedish."""
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    ranked = []
    for position, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "sv"
