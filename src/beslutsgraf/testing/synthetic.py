"""Synthetic protocols for the benchmarks, shaped on the real corpus: whole protocols with a header, a table of
contents, page furniture and §§ with case numbers, decisions, basis lists (officials' memos, referral responses
from bodies and parties, extracts of the earlier decisions of the case), motions, votes and reservations; cases
that travel nämnd → arbetsutskott → styrelse → fullmäktige and cite each other across meetings.

    .venv/bin/python -m beslutsgraf.testing.synthetic OUTPUT_DIR [--municipalities 2] [--years 1] [--seed 1] [--pdf]

The same seed always writes the same files. Each protocol gets a `.meta.toml` naming its municipality (the
municipalities are invented), as a user would write one; everything else is read from the text.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from beslutsgraf.ontology import slug

PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
FIRST = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Per",
    "Sara",
    "Anders",
    "Lena",
    "Mikael",
    "Emma",
    "Nils",
    "Ingrid",
    "Olof",
    "Helena",
    "Gustav",
    "Sofia",
    "Björn",
    "Åsa",
    "Göran",
    "Linnea",
]
LAST = [
    "Lind",
    "Holm",
    "Berg",
    "Ek",
    "Nord",
    "Sand",
    "Kvist",
    "Bro",
    "Strand",
    "Lund",
    "Dahl",
    "Sjöberg",
    "Öberg",
    "Falk",
    "Hägg",
    "Wall",
    "Björk",
    "Ström",
    "Engström",
    "Åkesson",
    "Nyqvist",
    "Ljung",
]
PLACES = ["Norra", "Södra", "Östra", "Västra", "Centrum", "Hamnen", "Skogsby", "Åby", "Ängen", "Backa"]
# (body name, abbreviation, administration serving it)
COMMITTEES = [
    ("Barn- och utbildningsnämnden", "BUN", "Barn- och utbildningsförvaltningen"),
    ("Socialnämnden", "SN", "Socialförvaltningen"),
    ("Tekniska nämnden", "TN", "Tekniska förvaltningen"),
    ("Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsförvaltningen"),
    ("Miljö- och byggnämnden", "MBN", "Miljö- och byggförvaltningen"),
    ("Vård- och omsorgsnämnden", "VON", "Vård- och omsorgsförvaltningen"),
]
TOPICS = [
    "Taxa för {p} förskola",
    "Detaljplan för {p} verksamhetsområde",
    "Motion om cykelbana i {p}",
    "Revidering av riktlinjer för bistånd",
    "Delårsrapport per den 31 augusti",
    "Investering i {p} skola",
    "Medborgarförslag om lekplats i {p}",
    "Avgifter för hemtjänst",
    "Reglemente för {body}",
    "Plan för krisberedskap",
    "Försäljning av fastighet i {p}",
    "Internkontrollplan",
    "Biblioteksplan",
    "Renhållningsföreskrifter",
    "Policy för bisysslor",
    "Ansökan om bidrag till {p} IF",
]


@dataclass(eq=False)  # each body is itself: hashed by identity
class Body:
    name: str
    abbreviation: str
    administration: str
    members: list[tuple[str, str]]  # (name, party)
    genitive: str = ""

    def __post_init__(self) -> None:
        self.genitive = self.name if self.name.endswith("s") else self.name + "s"


@dataclass
class Decision:
    body: Body
    day: date
    number: int
    title: str


@dataclass
class Case:
    notation: str
    title: str
    route: list[Body]  # the bodies it passes, in order
    history: list[Decision] = field(default_factory=list)
    step: int = 0  # where on its route the case is
    responders: list[str] = field(default_factory=list)


class Municipality:
    def __init__(self, name: str, rng: random.Random) -> None:
        self.name, self.rng = name, rng
        people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(PARTIES)) for _ in range(80)]
        people = list(dict(people).items())
        committees = rng.sample(COMMITTEES, 4)
        self.kf = Body("Kommunfullmäktige", "KF", "Kommunledningskontoret", people[:31])
        self.ks = Body("Kommunstyrelsen", "KS", "Kommunledningskontoret", people[:11])
        self.ksau = Body("Kommunstyrelsens arbetsutskott", "KSAU", "Kommunledningskontoret", people[:5])
        self.committees = [Body(n, a, adm, rng.sample(people[11:], 9)) for n, a, adm in committees]
        self.bodies = [self.kf, self.ks, self.ksau, *self.committees]
        self.case_numbers: dict[tuple[str, int], int] = {}

    def new_case(self, owner: Body, year: int) -> Case:
        key = (owner.abbreviation, year)
        self.case_numbers[key] = self.case_numbers.get(key, 1) + 1  # number 1 is the minutes' own
        topic = self.rng.choice(TOPICS).format(p=self.rng.choice(PLACES), body=owner.name.lower())
        onward = [self.ksau, self.ks, self.kf]
        route = [owner] if self.rng.random() < 0.55 else ([owner, *onward] if owner is not self.ks else onward)
        return Case(f"{owner.abbreviation} {year}/{self.case_numbers[key]}", topic, route)


def _meeting_days(year: int, per_year: int, rng: random.Random) -> list[date]:
    step = 340 // per_year
    return [date(year, 1, 15) + timedelta(days=i * step + rng.randint(0, 3)) for i in range(per_year)]


def generate(output: Path, municipalities: int, years: int, seed: int, *, pdf: bool = False) -> list[Path]:
    """Write the protocols; the paths written, in meeting order."""
    rng = random.Random(seed)
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for m in range(municipalities):
        town = Municipality(f"{rng.choice(PLACES)}{['by', 'torp', 'vik', 'ås', 'hamn'][m % 5]} {m + 1}", rng)
        schedule = {town.kf: 9, town.ks: 11, town.ksau: 18, **dict.fromkeys(town.committees, 10)}
        for year in range(2024, 2024 + years):
            meetings = sorted(
                ((day, body) for body, n in schedule.items() for day in _meeting_days(year, n, rng)),
                key=lambda meeting: (meeting[0], meeting[1].abbreviation),
            )
            waiting: dict[str, list[Case]] = {body.abbreviation: [] for body in town.bodies}
            numbers = dict.fromkeys((b.abbreviation for b in town.bodies), 0)
            for day, body in meetings:
                cases = waiting[body.abbreviation][:30]
                waiting[body.abbreviation] = waiting[body.abbreviation][30:]
                if body in town.committees or body is town.ks:
                    cases += [town.new_case(body, year) for _ in range(rng.randint(6, 14))]
                if not cases:
                    continue
                numbers[body.abbreviation] += 1  # the first § of every meeting: who checks the minutes
                opening = numbers[body.abbreviation]
                items = []
                for case in cases:
                    numbers[body.abbreviation] += 1
                    items.append((numbers[body.abbreviation], case))
                    case.history.append(Decision(body, day, numbers[body.abbreviation], case.title))
                    case.step += 1
                    if case.step < len(case.route):
                        waiting[case.route[case.step].abbreviation].append(case)
                text = _protocol(town, body, day, opening, items, rng)
                stem = f"{slug(town.name)}-{body.abbreviation.lower()}-{day.isoformat()}"
                path = output / f"{stem}.txt"
                path.write_text(text, encoding="utf-8")
                (output / f"{stem}.meta.toml").write_text(f'kommun = "{town.name}"\n', encoding="utf-8")
                if pdf:
                    path = _as_pdf(text, output / f"{stem}.pdf", body, day)
                written.append(path)
    return written


def _protocol(
    town: Municipality, body: Body, day: date, first: int, items: list[tuple[int, Case]], rng: random.Random
) -> str:
    chair, secretary = body.members[0], f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    adjuster = body.members[1]
    last = items[-1][0]
    header = [
        f"{town.name} kommun",
        "SAMMANTRÄDESPROTOKOLL",
        body.name,
        "",
        f"Sammanträdesdatum {day.isoformat()}",
        "",
        "Plats och tid            Stadshuset, sammanträdesrum Ängen, kl. 13.00–16.30",
        "",
        f"Beslutande               {chair[0]} ({chair[1]}), ordförande",
        *(f"                         {name} ({party})" for name, party in body.members[1:]),
        "",
        f"Sekreterare              {secretary}",
        "",
        f"Utses att justera        {adjuster[0]} ({adjuster[1]})",
        "",
        f"Justeringens plats       Kommunkansliet {(day + timedelta(days=5)).isoformat()}",
        "och tid",
        "",
        f"Paragrafer               §§ {first}–{last}",
        "",
    ]
    contents = ["Innehållsförteckning", f"§ {first} Val av justerare", *(f"§ {n} {c.title}" for n, c in items)]
    sections = [
        [
            f"§ {first} Dnr {body.abbreviation} {day.year}/1",
            "Val av justerare",
            "Beslut",
            f"{adjuster[0]} ({adjuster[1]}) utses att justera protokollet.",
            "",
        ]
    ]
    for number, case in items:
        sections.append(_section(town, body, day, number, case, rng))
    # Pages break where the page is full, in the middle of a § as often as not, as in a printed protocol.
    text = [line for section in sections for line in section]
    pages = [header + contents, *(text[i : i + 46] for i in range(0, len(text), 46))]
    out = []
    for index, lines in enumerate(pages, 1):
        out += [*lines, f"Sida {index} ({len(pages)})", "Justerandes signatur                Utdragsbestyrkande"]
    return "\n".join(out) + "\n"


def _section(town: Municipality, body: Body, day: date, number: int, case: Case, rng: random.Random) -> list[str]:
    summary = f"{body.administration} har berett ärendet om {case.title.lower()} och lämnar förslag till beslut."
    lines = [f"§ {number} Dnr {case.notation}", case.title, "Sammanfattning", summary, ""]
    memo_day = day - timedelta(days=rng.randint(8, 30))
    basis = [f"{body.administration}s tjänsteskrivelse {memo_day.isoformat()}"]
    for earlier in case.history[:-1]:
        basis.append(f"{earlier.body.genitive} beslut {earlier.day.isoformat()} § {earlier.number}")
        lines += [
            f"{earlier.body.name} beslutade {earlier.day.isoformat()} § {earlier.number} att föreslå "
            f"{case.route[-1].name.lower()} att anta förslaget.",
            "",
        ]
    referring = body is town.ksau and not case.responders and rng.random() < 0.5
    if referring:  # sent on referral here; the responses come back to the next body on the route
        case.responders = rng.sample([c.name for c in town.committees], 2) + rng.sample(list(PARTY_NAMES), 2)
    for responder in case.responders if not referring else ():
        basis.append(f"Remissvar från {responder} {(day - timedelta(days=rng.randint(10, 60))).isoformat()}")
    lines += ["Beslutsunderlag", *(f"• {item}" for item in basis), ""]
    final = case.step == len(case.route)  # (the step is already past this meeting)
    if body is town.kf or (body is town.ks and rng.random() < 0.3):
        mover, opponent = body.members[0], body.members[2]
        lines += [
            "Yrkanden",
            f"{mover[0]} ({mover[1]}) yrkar bifall till förslaget.",
            f"{opponent[0]} ({opponent[1]}) yrkar avslag.",
            "",
        ]
        if rng.random() < 0.4:
            yes = [f"{n} ({p})" for n, p in body.members[: len(body.members) // 2 + 1]]
            no = [f"{n} ({p})" for n, p in body.members[len(body.members) // 2 + 1 :]]
            lines += [
                "Omröstning",
                "Omröstning begärs och verkställs. Ja-röst för bifall, nej-röst för avslag.",
                f"{', '.join(yes[:-1])} och {yes[-1]} röstar Ja ({len(yes)}).",
                f"{', '.join(no[:-1])} och {no[-1]} röstar Nej ({len(no)}).",
                "",
            ]
    if final:
        lines += ["Beslut", f"{body.name} beslutar att bifalla förslaget.", ""]
        if body is town.kf and rng.random() < 0.3:
            opponent = body.members[2]
            lines += ["Reservation", f"{opponent[0]} ({opponent[1]}) reserverar sig mot beslutet.", ""]
    elif referring:
        *first, last = case.responders
        answer_by = (day + timedelta(days=rng.randint(30, 60))).isoformat()
        lines += [
            "Beslut",
            f"{body.name} beslutar att remittera ärendet till {', '.join(first)} och {last} "
            f"för yttrande senast {answer_by}.",
            "",
        ]
    else:
        lines += ["Beslut", f"{body.name} föreslår {case.route[-1].name.lower()} besluta att anta förslaget.", ""]
    lines += ["Expedieras till", body.administration, ""]
    return lines


PARTY_NAMES = {
    "Socialdemokraterna": "S",
    "Moderaterna": "M",
    "Centerpartiet": "C",
    "Liberalerna": "L",
    "Vänsterpartiet": "V",
    "Kristdemokraterna": "KD",
    "Sverigedemokraterna": "SD",
}


def _as_pdf(text: str, path: Path, body: Body, day: date) -> Path:
    from beslutsgraf.testing.pdfs import protocol_pdf  # the tests' PDF writer (fpdf2, a dev dependency)

    return protocol_pdf(text, path, body=body.name, date=day.isoformat(), lines_per_page=44)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--municipalities", type=int, default=2)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", action="store_true", help="also set each protocol as a PDF")
    args = parser.parse_args()
    paths = generate(args.output, args.municipalities, args.years, args.seed, pdf=args.pdf)
    print(f"{len(paths)} protocols in {args.output}")


if __name__ == "__main__":
    main()
