"""`wuhai adjust --format json` against an independent computation of docs/definitions.md
(note 2 of 附件2: the rows and `goals_outlook`), on random registers.

The computation below uses nothing of `wuhai_green`: the plan's figures are the document's
(the harness's ANNEX_1 and ANNEX_2), dates and amounts are worked with `datetime` and
`Fraction`, and each definition is written out as the docs state it. Random registers
hold every kind of record the definitions distinguish: new awards of the three types, a
register of the baseline year for some districts (the others keep the plan's baseline as a
block), renewals under a new id (green food) or the same id (organic, 名特优新), renewals
after a lapse, renewals of a baseline certificate no file holds, ends before expiry, and
explicit expiry dates.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from math import ceil
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.harness import ANNEX_1, ANNEX_2, CITY, DISTRICTS, examples, write, wuhai_on

BASELINE_YEAR, START, END = 2023, 2024, 2028
MILESTONES = (2024, 2025, 2028)
VALIDITY = {"green_food": 3, "organic": 1, "famous_product": 3}
INDICATORS = {"certified_output": ("green_food", "organic"), "famous_products": ("famous_product",)}
WAN_T = 10000
# The goals (二、建设目标) with the lower edges of their bands: about 2500 t ± 10 %; at least 23;
# about 5 with at least one item either side. The goal's indicator, where one counts exactly
# its certificate types in its measure.
GOALS = {
    "certified_output_stock": (("green_food", "organic"), True, Fraction(2250), "certified_output"),
    "famous_products_stock": (("famous_product",), False, Fraction(23), "famous_products"),
    "organic_certificates": (("organic",), False, Fraction(4), None),
}


# --- the register, as the progress files state it ------------------------------------------


@dataclass
class Record:
    id: str
    type: str
    district: str
    issued: date
    output: Fraction | None
    renews: str | None = None
    expires_given: date | None = None
    in_baseline_file: bool = False
    ended: date | None = None
    # set by linking
    renewed_on: date | None = None
    renews_baseline: bool = False

    @property
    def expires(self) -> date:
        if self.expires_given is not None:
            return self.expires_given
        years = VALIDITY[self.type]
        try:
            after = self.issued.replace(year=self.issued.year + years)
        except ValueError:  # 29 Feb in a common year counts as 1 Mar
            after = date(self.issued.year + years, 3, 1)
        return after - timedelta(days=1)

    @property
    def end(self) -> date:
        ends = [self.expires]
        if self.ended is not None:
            ends.append(self.ended)
        if self.renewed_on is not None:
            ends.append(self.renewed_on - timedelta(days=1))
        return min(ends)

    @property
    def new_addition(self) -> bool:
        return self.renews is None and not self.in_baseline_file

    def lapses(self) -> bool:
        """Its expiry comes, it did not end earlier, and no later record renews it."""
        ended_earlier = self.ended is not None and self.ended < self.expires
        return not ended_earlier and self.renewed_on is None


@dataclass
class Register:
    records: list[Record] = field(default_factory=list)

    def link(self) -> None:
        """Each renewal renews the latest earlier record of the id it names; one of an id no
        record holds renews the baseline, and so does every later renewal of its chain."""
        for record in sorted(self.records, key=lambda r: r.issued):
            if record.renews is None:
                continue
            earlier = [r for r in self.records if r.id == record.renews and r.issued < record.issued]
            if not earlier:
                record.renews_baseline = True
                continue
            previous = max(earlier, key=lambda r: r.issued)
            previous.renewed_on = record.issued
            record.renews_baseline = previous.renews_baseline

    @property
    def register_districts(self) -> set[str]:
        return {r.district for r in self.records if r.in_baseline_file}


# --- random registers ------------------------------------------------------------------------


@st.composite
def chains(draw: st.DrawFn, number: int, district: str, baseline_register: bool) -> list[Record]:
    """One certificate and its renewals, perhaps ended at the last."""
    kind = draw(st.sampled_from(sorted(VALIDITY)))
    output = (Fraction(draw(st.integers(1, 40000)), 100) if kind != "famous_product" else None)
    prefix = {"green_food": "LB", "organic": "OR", "famous_product": "MT"}[kind]
    first_id = f"{prefix}-{number}"
    origin = draw(st.sampled_from(
        ["new", "new", "new"] + (["register"] if baseline_register else ["baseline_renewal"])))
    if origin == "register":
        issued = draw(st.dates(date(2021, 1, 1), date(2023, 12, 31)))
    else:
        issued = draw(st.dates(date(2024, 1, 1), date(2028, 12, 31)))
    renews = f"BASE-{number}" if origin == "baseline_renewal" else None
    given = draw(st.none() | st.integers(200, 1500) | st.integers(30, 300))
    first = Record(first_id, kind, district, issued, output, renews=renews,
                   expires_given=None if given is None else issued + timedelta(days=given),
                   in_baseline_file=origin == "register")
    records = [first]
    for step in range(draw(st.integers(0, 2))):
        previous = records[-1]
        gap = draw(st.integers(30, VALIDITY[kind] * 365 + 120))
        issued = previous.issued + timedelta(days=gap)
        if issued.year > END:
            break
        same_id = kind != "green_food"
        records.append(Record(previous.id if same_id else f"{first_id}-R{step + 1}", kind,
                              district, issued, output, renews=previous.id))
    last = records[-1]
    if draw(st.booleans()) and draw(st.booleans()):  # ended in a year of the plan's files
        since = max(last.issued, date(BASELINE_YEAR, 1, 1))
        span = (min(last.expires, date(END, 12, 31)) - since).days
        if span >= 0:
            last.ended = since + timedelta(days=draw(st.integers(0, span)))
    return records


@st.composite
def registers(draw: st.DrawFn) -> Register:
    register = Register()
    number = 0
    for district in DISTRICTS:
        with_register = draw(st.booleans())
        if with_register:  # a register of the baseline year holds at least one record
            number += 1
            register.records.append(Record(f"LB-{number}", "green_food", district,
                                           draw(st.dates(date(2021, 6, 1), date(2023, 12, 31))),
                                           Fraction(draw(st.integers(1, 90000)), 100),
                                           in_baseline_file=True))
        for _ in range(draw(st.integers(0, 6))):
            number += 1
            register.records += draw(chains(number, district, with_register))
    return register


def write_register(register: Register, folder: Path) -> None:
    """One file per district and year: its certificates issued that year (the baseline
    year's file holds the register, and the renewals of its records issued before that
    year) and the ends dated that year."""
    files: dict[tuple[str, int], dict[str, Any]] = {}

    def report(district: str, year: int) -> dict[str, Any]:
        return files.setdefault((district, year), {"year": year, "district": district,
                                                   "certificates": [], "ended": []})

    for record in register.records:
        year = BASELINE_YEAR if record.in_baseline_file else max(record.issued.year,
                                                                 BASELINE_YEAR)
        entry: dict[str, Any] = {"id": record.id, "type": record.type, "product": "产品",
                                 "holder": "获证主体", "issued": record.issued}
        if record.output is not None:
            entry["output_tonnes"] = Decimal(record.output.numerator) / record.output.denominator
        if record.expires_given is not None:
            entry["expires"] = record.expires_given
        if record.renews is not None:
            entry["renews"] = record.renews
        report(record.district, year)["certificates"].append(entry)
        if record.ended is not None:
            report(record.district, record.ended.year)["ended"].append(
                {"id": record.id, "date": record.ended, "reason": "停产"})
    for (district, year), content in files.items():
        write(folder, f"{year}-{DISTRICTS.index(district)}.yaml", content)


# --- the definitions, written out --------------------------------------------------------------


def plan_target(area: str, indicator: str, year: int) -> Fraction | None:
    """The plan's cumulative target: given at a milestone (a blank is none), interpolated
    between milestones from the previous one (the baseline year counts as 0)."""
    def figure(milestone: int) -> Fraction | None:
        printed = ANNEX_2[area][indicator][milestone]
        if printed is None:
            return None
        value = Fraction(printed)
        return value * WAN_T if indicator == "certified_output" else value

    if year <= BASELINE_YEAR:
        return Fraction(0)
    if year in MILESTONES:
        return figure(year)
    before = max([m for m in MILESTONES if m < year], default=BASELINE_YEAR)
    after = min(m for m in MILESTONES if m > year)
    low = Fraction(0) if before == BASELINE_YEAR else figure(before) or Fraction(0)
    high = figure(after) or Fraction(0)
    return low + (high - low) * Fraction(year - before, after - before)


def amount(value: Fraction | None) -> Fraction:
    return Fraction(0) if value is None else value


def measured(records: list[Record], in_tonnes: bool) -> Fraction:
    if in_tonnes:
        return sum((r.output or Fraction(0) for r in records), Fraction(0))
    return Fraction(len(records))


def achieved(register: Register, district: str, indicator: str, until: date) -> Fraction:
    found = [r for r in register.records if r.district == district and r.new_addition
             and r.type in INDICATORS[indicator] and date(START, 1, 1) <= r.issued <= until]
    return measured(found, indicator == "certified_output")


def lapsing_in(records: list[Record], year: int) -> list[Record]:
    return [r for r in records if date(year, 1, 1) <= r.expires <= date(year, 12, 31)
            and r.lapses()]


def baseline(area: str, indicator: str) -> Fraction:
    _, output, famous = next(row for row in ANNEX_1 if row[0] == area)
    return Fraction(output) * WAN_T if indicator == "certified_output" else Fraction(famous)


def expected_document(register: Register, year: int) -> dict[str, Any]:
    """The rows and the goal outlook of the adjustment of `year`, from the data up to 31 Dec
    of `year` − 1."""
    based_on = year - 1
    cutoff = date(based_on, 12, 31)
    left = END - based_on
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for indicator, types in INDICATORS.items():
        count = indicator == "famous_products"
        for district in DISTRICTS:
            done = achieved(register, district, indicator, cutoff)
            final = amount(plan_target(district, indicator, END))
            pace = done + max(final - done, Fraction(0)) / left
            this_year = plan_target(district, indicator, year)
            adjusted = max(amount(this_year), pace)
            if count:
                adjusted = Fraction(ceil(adjusted))
            lapsing = lapsing_in([r for r in register.records if r.district == district
                                  and r.type in types and r.issued <= cutoff], year)
            rows[(district, indicator)] = {
                "plan_target": this_year,
                "target_source": "none" if this_year is None else (
                    "plan" if year in MILESTONES else "interpolated"),
                "plan_addition": amount(this_year) - amount(plan_target(district, indicator,
                                                                        year - 1)),
                "achieved": done, "even_pace": pace, "adjusted_target": adjusted,
                "required_addition": max(adjusted - done, Fraction(0)), "goal_extra": Fraction(0),
                "lapsing_count": len(lapsing),
                "lapsing_tonnes": None if count else measured(lapsing, True),
            }
    outlook = []
    extras: dict[str, Fraction] = {}
    for goal, (types, in_tonnes, lower, indicator_id) in GOALS.items():
        counted = [r for r in register.records if r.type in types and not r.renews_baseline
                   and r.issued <= cutoff <= r.end]
        held = measured(counted, in_tonnes)
        if indicator_id is not None:
            held += sum((baseline(d, indicator_id) for d in DISTRICTS
                         if d not in register.register_districts), Fraction(0))
        remaining = Fraction(0)
        if indicator_id is not None:
            remaining = sum((max(amount(plan_target(d, indicator_id, END))
                                 - achieved(register, d, indicator_id, cutoff), Fraction(0))
                             for d in DISTRICTS), Fraction(0))
        projected = held + remaining
        shortfall = max(lower - projected, Fraction(0))
        extra = shortfall / left
        if not in_tonnes:
            extra = Fraction(ceil(extra))
        if indicator_id is not None:
            extras[indicator_id] = extras.get(indicator_id, Fraction(0)) + extra
        lapsing = lapsing_in(counted, year)
        outlook.append({"goal": goal, "stock": held, "lower": lower, "remaining": remaining,
                        "projected": projected, "shortfall": shortfall, "extra": extra,
                        "lapsing_count": len(lapsing),
                        "lapsing_amount": measured(lapsing, in_tonnes)})
    for indicator in INDICATORS:
        parts = [rows[(district, indicator)] for district in DISTRICTS]
        this_year = plan_target(CITY, indicator, year)
        extra = extras.get(indicator, Fraction(0))
        city: dict[str, Any] = {
            "plan_target": this_year,
            "target_source": "plan" if year in MILESTONES else "interpolated",
            "plan_addition": amount(this_year) - amount(plan_target(CITY, indicator, year - 1)),
            "goal_extra": extra,
        }
        for key in ("achieved", "even_pace", "lapsing_count"):
            city[key] = sum(part[key] for part in parts)
        for key in ("adjusted_target", "required_addition"):
            city[key] = sum((part[key] for part in parts), Fraction(0)) + extra
        city["lapsing_tonnes"] = (None if indicator == "famous_products"
                                  else sum(part["lapsing_tonnes"] for part in parts))
        rows[(CITY, indicator)] = city
    return {"rows": rows, "goals_outlook": outlook}


def as_json(value: Any) -> Any:
    """A figure as the JSON shows it: exact up to 6 decimal places, else rounded half-even."""
    if not isinstance(value, Fraction):
        return value
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if exact == exact.quantize(Decimal("0.000001")):
        return exact
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)


ROW_FIGURES = ("plan_target", "target_source", "achieved", "even_pace", "adjusted_target",
               "required_addition", "plan_addition", "goal_extra", "lapsing_count",
               "lapsing_tonnes")
OUTLOOK_FIGURES = ("goal", "stock", "lower", "remaining", "projected", "shortfall", "extra",
                   "lapsing_count", "lapsing_amount")


@settings(max_examples=examples(60), deadline=None)
@given(register=registers(), year=st.integers(START + 1, END))
def test_adjust_json_equals_the_independent_computation(register: Register, year: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        progress = Path(folder) / "progress"
        progress.mkdir()
        write_register(register, progress)
        run = wuhai_on("adjust", progress, "--year", str(year), "--format", "json")
    assert run.exit_code == 0, run.stderr
    document = run.json()
    register.link()
    expected = expected_document(register, year)
    got_rows = {(row["district"], row["indicator"]): {key: row[key] for key in ROW_FIGURES}
                for row in document["rows"]}
    want_rows = {key: {name: as_json(row[name]) for name in ROW_FIGURES}
                 for key, row in expected["rows"].items()}
    assert got_rows == want_rows
    got_outlook = [{key: item[key] for key in OUTLOOK_FIGURES} for item in document["goals_outlook"]]
    want_outlook = [{key: as_json(item[key]) for key in OUTLOOK_FIGURES}
                    for item in expected["goals_outlook"]]
    assert got_outlook == want_outlook
