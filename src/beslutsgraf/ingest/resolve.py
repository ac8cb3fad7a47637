"""Names to registry entities: exact, then alias, then normalised inflection, then fuzzy; else unresolved.

A mention the registries cannot resolve is returned as unresolved, never guessed. Party letters
(S, M, C …) count only where protocols use them as party marks: "(S)", "från V, S och MP".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from beslutsgraf.ingest.model import MentionRole, Resolution, ResolutionMethod, Span
from beslutsgraf.ontology.registry import Entity, Registry

FUZZY_THRESHOLD = 88.0
FUZZY_MARGIN = 4.0

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?")
_ORG_SUFFIX = re.compile(
    r"(nämnd|styrelse|förvaltning|kontor|utskott|partiet|beredning|revision|fullmäktige|kansli|byrå|bolag|förening|"
    r"förbund|stiftelse)\w*$",
    re.I,
)
_PARTY_LIST = re.compile(
    r"\b(?:från|av|för)\s+((?:[A-ZÅÄÖ]{1,3}|[A-ZÅÄÖ][a-zåäö]+partiet)(?:\s*,\s*[A-ZÅÄÖ]{1,3})*"
    r"(?:\s+(?:och|samt|&)\s+[A-ZÅÄÖ]{1,3})?)(?![\wÅÄÖåäö])"
)
_PARTY_PAREN = re.compile(r"\(([A-ZÅÄÖ]{1,3})\)")
_ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_NOT_ORG_ACRONYMS = {"PDF", "DNR", "NR", "ID", "KL", "SFS", "SOU", "EU", "GDPR", "AB", "OCH", "ANG", "BILAGA"}
_DOC_WORDS = (
    r"tjänsteskrivelse|tjänsteutlåtande|beslut|yttrande|remissvar|protokoll|protokollsutdrag|skrivelse|"
    r"förslag|svar|återkoppling|missiv|rapport|utredning|kallelse"
)
# "Xs tjänsteskrivelse": a genitive in front of a document word names the author ("Remiss" is no genitive).
# "Synpunkter från DIGG-gruppen": a capitalised name after "från" is who the document is from.
_FROM_NAME = re.compile(r"\bfrån\s+(?P<name>[A-ZÅÄÖ][\wÅÄÖåäö-]*(?:\s+[A-ZÅÄÖ][\wÅÄÖåäö-]*)*)")
_GENITIVE_AUTHOR = re.compile(rf"(?P<name>[^\W\d_][\w-]{{4,}}(?<!s)s)\s+(?:{_DOC_WORDS})\b", re.I)


def _inflections(word: str) -> set[str]:
    """Definite/indefinite and genitive forms of a label's last word, lower-case."""
    word = word.lower()
    forms = {word}
    for suffix in ("en", "et", "n", "t"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            forms.add(word[: -len(suffix)])
    for base in list(forms):
        if not base.endswith(("en", "et")):
            forms |= {base + "en", base + "et"}
    return forms | {f + "s" for f in forms if not f.endswith("s")}


@dataclass(frozen=True)
class _Label:
    entity: Entity
    method: ResolutionMethod
    exact_case: bool = False  # short abbreviations match only as written
    party_mark: bool = False  # party letters match only in party context


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


class Resolver:
    def __init__(self, registry: Registry, threshold: float = FUZZY_THRESHOLD) -> None:
        self.registry = registry
        self.threshold = threshold
        self._index: dict[tuple[str, ...], list[_Label]] = {}
        self._fuzzy_choices: dict[str, Entity] = {}
        for entity in registry:
            if entity.kind != "kommun":  # municipalities are read from the header, not resolved in the text
                self._add_entity(entity)
        self._max_len = max((len(k) for k in self._index), default=1)

    # ------------------------------------------------------------------ index
    def _add(self, tokens: tuple[str, ...], label: _Label) -> None:
        labels = self._index.setdefault(tokens, [])
        if not any(x.entity == label.entity and x.method == label.method for x in labels):
            labels.append(label)

    def _add_entity(self, entity: Entity) -> None:
        others = (*entity.aliases, *entity.hidden, *(name for name, _, _ in entity.earlier))
        named: list[tuple[str, ResolutionMethod]] = [(entity.name, "exact"), *((a, "alias") for a in others)]
        for text, method in named:
            words = tuple(t for t, _, _ in _tokens(text))
            if not words:
                continue
            self._add(words, _Label(entity, method))
            for form in _inflections(words[-1]):
                if form != words[-1]:
                    self._add((*words[:-1], form), _Label(entity, "normalised"))
                    self._fuzzy_choices.setdefault(" ".join((*words[:-1], form)), entity)
            self._fuzzy_choices.setdefault(" ".join(words), entity)
        abbreviations = entity.abbreviations + ((entity.key,) if entity.kind == "party" else ())
        for abbreviation in abbreviations:
            words = tuple(t for t, _, _ in _tokens(abbreviation))
            short = len(abbreviation.replace(" ", "")) <= 2
            self._add(words, _Label(entity, "alias", exact_case=short, party_mark=entity.kind == "party"))
            if not short:
                self._add((*words[:-1], words[-1] + "s"), _Label(entity, "normalised"))

    # ------------------------------------------------------------------ matching
    def _party_context(self, text: str) -> set[tuple[int, int]]:
        spans: set[tuple[int, int]] = set()
        for m in _PARTY_LIST.finditer(text):
            for letters in re.finditer(r"[A-ZÅÄÖ]{1,3}(?![\wÅÄÖåäö])", m.group(1)):
                spans.add((m.start(1) + letters.start(), m.start(1) + letters.end()))
        for m in _PARTY_PAREN.finditer(text):
            spans.add(m.span(1))
        return spans

    def _choose(self, labels: list[_Label], written: str, party_ok: bool, loose_case: bool) -> _Label | None:
        usable = []
        for label in labels:
            if label.party_mark and not party_ok:
                continue
            if label.exact_case and written not in ((*label.entity.abbreviations, label.entity.key)):
                continue
            if (
                not label.exact_case
                and label.method == "alias"
                and written.isupper() is False
                and not loose_case
                and written.lower() == written
                and written.lower() in {a.lower() for a in label.entity.abbreviations}
            ):
                continue  # a lower-case word in prose is not an abbreviation
            usable.append(label)
        if not usable:
            return None
        # A municipality's own registry outranks the general one ("Byggnadsnämnden" is Göteborg's
        # Stadsbyggnadsnämnden by its earlier name); then the closest match wins; a tie is ambiguous and left to
        # the caller to report unresolved.
        order = {"exact": 0, "alias": 1, "normalised": 2}
        top = max(x.entity.rank for x in usable)
        ranked = [x for x in usable if x.entity.rank == top]
        best = min(ranked, key=lambda x: order[x.method])
        if len({(x.entity.kind, x.entity.key) for x in ranked if x.method == best.method}) > 1:
            return None
        return best

    def find(
        self,
        text: str,
        offset: int,
        role_of: Callable[[str, int], MentionRole],
        *,
        loose_case: bool = False,
        unresolved_candidates: bool = False,
        locate: Callable[[int, int], Span] | None = None,
    ) -> list[Resolution]:
        """Every mention of a registry entity in `text` (which starts at `offset` in the source)."""
        tokens = _tokens(text)
        party_spans = self._party_context(text)
        found: list[Resolution] = []
        covered: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            matched = False
            for n in range(min(self._max_len, len(tokens) - i), 0, -1):
                window = tokens[i : i + n]
                key = tuple(t for t, _, _ in window)
                labels = self._index.get(key)
                if not labels:
                    continue
                start, end = window[0][1], window[-1][2]
                written = text[start:end]
                label = self._choose(labels, written, (start, end) in party_spans, loose_case)
                if label is None:
                    continue
                found.append(
                    self._resolution(
                        written, start, end, offset, role_of(text, start), label.entity, label.method, None, locate
                    )
                )
                covered.append((start, end))
                i += n
                matched = True
                break
            if not matched:
                i += 1
        if unresolved_candidates:
            found += self._candidates(text, offset, covered, role_of, locate)
            # A party letter the registries do not know ("M, D, L och KD" without D) stays unresolved.
            for start, end in sorted(party_spans):
                if not any(s < end and start < e for s, e in covered):
                    found.append(
                        self._resolution(
                            text[start:end], start, end, offset, role_of(text, start), None, "unresolved", None, locate
                        )
                    )
        return sorted(found, key=lambda r: r.span.start)

    def _candidates(self, text, offset, covered, role_of, locate) -> list[Resolution]:
        """Names that look like organisations but matched nothing exactly: fuzzy, else unresolved."""
        out: list[Resolution] = []

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in covered)

        spans: list[tuple[int, int]] = []
        for m in _GENITIVE_AUTHOR.finditer(text):
            spans.append(m.span("name"))
        for m in _FROM_NAME.finditer(text):
            spans.append(m.span("name"))
        for word, start, end in _tokens(text):
            written = text[start:end]
            if _ORG_SUFFIX.search(word) or (
                written.isupper()
                and 2 <= len(written) <= 6
                and not _ROMAN.match(written)
                and written not in _NOT_ORG_ACRONYMS
            ):
                spans.append((start, end))
        for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
            if not free(start, end):
                continue
            written = text[start:end].rstrip("-")
            entity, score = self.fuzzy(written)
            if entity is not None:
                out.append(
                    self._resolution(written, start, end, offset, role_of(text, start), entity, "fuzzy", score, locate)
                )
            elif _looks_like_name(written):
                out.append(
                    self._resolution(
                        written, start, end, offset, role_of(text, start), None, "unresolved", None, locate
                    )
                )
            else:
                continue
            covered.append((start, end))
        return out

    def fuzzy(self, written: str) -> tuple[Entity | None, float | None]:
        if len(written) < 6 or written.isupper():
            return None, None  # abbreviations are too short to match by similarity
        query = written.lower()
        best = process.extract(query, self._fuzzy_choices.keys(), scorer=fuzz.ratio, limit=8)
        if not best or best[0][1] < self.threshold:
            return None, None
        top_entity = self._fuzzy_choices[best[0][0]]
        for choice, score, _ in best[1:]:
            other = self._fuzzy_choices[choice]
            if other != top_entity and score > best[0][1] - FUZZY_MARGIN:
                return None, None  # two similar names: refuse to merge them
        return top_entity, round(best[0][1], 1)

    def resolve(self, written: str, span: Span, role: MentionRole, *, loose_case: bool = True) -> Resolution:
        """One name standing alone (a dispatch line, an --organ option)."""
        stripped = written.strip().strip(".,;:")
        found = self.find(stripped, 0, lambda _t, _s: role, loose_case=loose_case)
        whole = [r for r in found if r.span.start == 0 and r.span.end == len(stripped)]
        if whole:
            r = whole[0]
            return Resolution(written.strip(), span, role, r.kind, r.key, r.method, r.score)
        entity, score = self.fuzzy(stripped)
        if entity is not None:
            return Resolution(written.strip(), span, role, entity.kind, entity.key, "fuzzy", score)
        return Resolution(written.strip(), span, role)

    @staticmethod
    def _resolution(written, start, end, offset, role, entity, method, score, locate) -> Resolution:
        """`locate` turns offsets in the parsed text into a span of the source (original offsets, page)."""
        span = locate(offset + start, offset + end) if locate else Span(offset + start, offset + end, written)
        if entity is None:
            return Resolution(written, span, role)
        return Resolution(written, span, role, entity.kind, entity.key, method, score)


def looks_like_organisation(written: str) -> bool:
    """ "skolnämnden", "Vård- och omsorgsförvaltningen": a name whose last word says it is an organisation."""
    words = _tokens(written)
    return bool(words) and _ORG_SUFFIX.search(words[-1][0]) is not None


def _looks_like_name(written: str) -> bool:
    return written[:1].isupper() or written.isupper()
