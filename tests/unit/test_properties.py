"""Properties of the arithmetic over generated certificates (Hypothesis).

Certificates of random districts and types, issued on random days of 2024-2028, with
output tonnes of up to 4 decimal places; some renewed once (same id, a later day), some
confirming a baseline certificate no file holds, some ended early.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from tests.harness import (
    DataError,
    certificate,
    examples,
    real_plan,
    register_of,
    report,
    status_json,
    write_files,
)
from wuhai_green.core import metrics
from wuhai_green.core.dates import default_expiry
from wuhai_green.core.query import Query
from wuhai_green.core.rows import status_row

DISTRICTS = {"海勃湾区": "haibowan", "海南区": "hainan", "乌达区": "wuda"}
VALIDITY = {"green_food": 3, "organic": 1, "famous_product": 3}
FIRST, LAST = date(2024, 1, 1), date(2028, 12, 31)
SETTINGS = settings(max_examples=examples(40), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclass(frozen=True)
class Generated:
    """The records (as progress-file entries, each with its issue year) and the ended dates."""

    entries: list[tuple[int, dict[str, Any]]]
    ended: list[tuple[int, dict[str, Any]]]


@st.composite
def generated(draw: st.DrawFn) -> Generated:
    count = draw(st.integers(min_value=1, max_value=12))
    entries: list[tuple[int, dict[str, Any]]] = []
    ended: list[tuple[int, dict[str, Any]]] = []
    for number in range(count):
        district = draw(st.sampled_from(sorted(DISTRICTS)))
        kind = draw(st.sampled_from(sorted(VALIDITY)))
        issued = draw(st.dates(min_value=FIRST, max_value=LAST))
        output = None if kind == "famous_product" else draw(st.decimals(
            min_value=Decimal("0.0001"), max_value=Decimal("99999.9999"), places=4,
            allow_nan=False, allow_infinity=False))
        cert_id = f"C-{number}"
        extra: dict[str, Any] = {}
        if draw(st.integers(0, 5)) == 0:  # a confirmation of a baseline certificate
            extra["renews"] = f"BASE-{number}"
        entries.append((issued.year, certificate(cert_id, kind, issued, district=district,
                                                 output=output, **extra)))
        expires = default_expiry(issued, VALIDITY[kind])
        what_next = draw(st.sampled_from(["lapse", "renew", "end"]))
        if what_next == "renew" and issued < LAST:
            renewed = draw(st.dates(min_value=issued + timedelta(days=1), max_value=LAST))
            entries.append((renewed.year, certificate(cert_id, kind, renewed, district=district,
                                                      output=output, renews=cert_id)))
        elif what_next == "end":
            on = draw(st.dates(min_value=issued, max_value=min(expires, LAST)))
            ended.append((on.year, {"id": cert_id, "date": on}))
    return Generated(entries, ended)


@st.composite
def as_of_dates(draw: st.DrawFn) -> tuple[int, date]:
    year = draw(st.integers(min_value=2024, max_value=2028))
    if draw(st.booleans()):
        return year, date(year, 12, 31)
    return year, draw(st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31)))


def one_file_a_year(folder: Path, data: Generated) -> Path:
    """Every record of a year in one file `YYYY.yaml`, in generated order, Chinese names."""
    years = sorted({year for year, _ in data.entries + data.ended})
    return write_files(folder, {f"{year}.yaml": report(
        year, [entry for y, entry in data.entries if y == year],
        ended=[entry for y, entry in data.ended if y == year]) for year in years})


def split_and_shuffled(folder: Path, data: Generated, order: list[int], chunk: int) -> Path:
    """The same records in shuffled order, `chunk` to a file, district aliases in the file
    header instead of names on the entries, file names sorting in yet another order."""
    files: dict[str, dict[str, Any]] = {}
    shuffled = [data.entries[i] for i in order]
    for start in range(0, len(shuffled), chunk):
        part = shuffled[start:start + chunk]
        for year in sorted({y for y, _ in part}, reverse=True):
            for district in sorted(DISTRICTS, reverse=True):
                entries = [{k: v for k, v in entry.items() if k != "district"}
                           for y, entry in part if y == year and entry["district"] == district]
                if entries:
                    name = f"{len(files) * 7919 % 1000:03d}-{year}.yaml"
                    files[name] = report(year, entries, district=DISTRICTS[district])
    for number, (year, entry) in enumerate(reversed(data.ended)):
        files[f"{number * 613 % 1000:03d}-ended-{year}.yaml"] = report(year, [], ended=[entry])
    return write_files(folder, files)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The status JSON with the certificate lists as sets (their order follows the files)."""
    for row in document["rows"]:
        row["certificates"] = sorted(row.get("certificates", []))
    return document


@SETTINGS
@given(data=generated(), when=as_of_dates())
def test_gap_and_completion_are_never_negative_and_the_city_is_its_districts(
        data: Generated, when: tuple[int, date]) -> None:
    year, as_of = when
    plan = real_plan()
    with tempfile.TemporaryDirectory() as folder:
        register = register_of(one_file_a_year(Path(folder), data))
    for indicator in plan.data.indicators:
        query = Query(plan, register, year, as_of, ())
        rows = {area.name: status_row(query, area, indicator)
                for area in [*plan.districts, plan.root]}
        for row in rows.values():
            assert row.gap >= 0
            assert row.gap == max(row.target.amount - row.achieved, Decimal(0))
            assert row.completion is None or row.completion >= 0
            assert row.achieved >= 0
            assert row.status in metrics.STATUSES
        assert rows["乌海市"].achieved == sum((rows[name].achieved for name in DISTRICTS),
                                             Decimal(0))
        # the achieved tonnes are the exact sum of the new awards' output
        if indicator.id == "certified_output":
            assert rows["乌海市"].achieved == sum(
                (entry["output_tonnes"] for _, entry in data.entries
                 if "renews" not in entry and entry["type"] != "famous_product"
                 and entry["issued"] <= as_of), Decimal(0))


@SETTINGS
@given(data=generated(), when=as_of_dates(), seed=st.randoms(use_true_random=False),
       chunk=st.integers(min_value=1, max_value=4))
def test_order_and_split_of_the_files_never_change_the_status(
        data: Generated, when: tuple[int, date], seed: Any, chunk: int) -> None:
    year, as_of = when
    order = list(range(len(data.entries)))
    seed.shuffle(order)
    with tempfile.TemporaryDirectory() as folder:
        one = one_file_a_year(Path(folder) / "one", data)
        many = split_and_shuffled(Path(folder) / "many", data, order, chunk)
        first = status_json(one, year, "--as-of", as_of.isoformat())
        second = status_json(many, year, "--as-of", as_of.isoformat())
    assert comparable(first) == comparable(second)


# --- identity: an id in any normal-form variant counts once (issue 11) ------------------

BASE_IDS = st.from_regex(r"[A-Z]{2}-[0-9]{2}-[0-9]{4}[A-Z]?", fullmatch=True)


@st.composite
def variant_of(draw: st.DrawFn, cert_id: str) -> str:
    """The id as a clerk may type it: letters in lower case, letters, digits and hyphens
    full-width (an input method's 全角), a zero-width space or a BOM inside, spaces (also
    the ideographic space) around."""
    chars = []
    for char in cert_id:
        if char.isalpha() and draw(st.booleans()):
            char = char.lower()
        if (char.isalnum() or char == "-") and draw(st.booleans()):
            char = chr(ord(char) + 0xFEE0)  # the full-width form: Ａ, ０, －
        chars.append(char)
        if draw(st.integers(0, 5)) == 0:
            chars.append(draw(st.sampled_from(["\u200b", "\ufeff", "\u200d"])))
    return draw(st.sampled_from(["", " ", "\u3000"])) + "".join(chars) + draw(
        st.sampled_from(["", " "]))


@SETTINGS
@given(data=st.data(), cert_id=BASE_IDS)
def test_every_variant_of_an_id_has_the_ids_normal_form(data: st.DataObject, cert_id: str
                                                        ) -> None:
    from wuhai_green.core.register import normal_id

    assert normal_id(data.draw(variant_of(cert_id))) == cert_id


@SETTINGS
@given(text=st.text(st.characters(max_codepoint=0x7F)))
def test_an_ascii_id_takes_the_short_way_to_the_same_normal_form(text: str) -> None:
    """ASCII skips NFKC and the search for format characters (there are none to find), and
    comes out as the long way makes it; so does the check for control characters."""
    import unicodedata

    from wuhai_green.core.register import normal_id
    from wuhai_green.model.fields import parse_identifier

    folded = unicodedata.normalize("NFKC", text)
    long_way = "".join(c for c in folded if unicodedata.category(c) != "Cf").strip().upper()
    assert normal_id(text) == long_way
    controls = [c for c in text.strip() if unicodedata.category(c) in ("Cc", "Zl", "Zp")]
    if text.strip() and not controls:
        assert parse_identifier(text) == text.strip()
    else:  # refused: empty, or with a control character
        with pytest.raises(PydanticCustomError):
            parse_identifier(text)


def assert_repeated(files: dict[str, dict[str, Any]]) -> None:
    """The register of these files is refused, and for a repeated id."""
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), files)
        with pytest.raises(DataError) as refused:
            register_of(Path(folder))
    assert "progress.repeated_id" in [problem.key for problem in refused.value.problems]


@settings(SETTINGS, max_examples=examples(15))
@given(data=st.data(), cert_id=BASE_IDS)
def test_a_variant_of_an_id_counts_once(data: st.DataObject, cert_id: str) -> None:
    """An award in 2024 and the same certificate typed in another form in 2025: a repeat,
    refused; as a renewal of itself it is one award, counted once."""
    variant = data.draw(variant_of(cert_id))
    award = certificate(cert_id, "organic", "2024-03-01", output=5, district="海南区")
    again = certificate(variant, "organic", "2025-03-01", output=5, district="海南区")
    assert_repeated({"2024.yaml": report(2024, [award]), "2025.yaml": report(2025, [again])})
    twice = certificate(variant, "organic", "2024-05-01", output=5, district="海南区")
    assert_repeated({"2024.yaml": report(2024, [award, twice])})  # in one file, two forms
    with tempfile.TemporaryDirectory() as folder:
        renewal = certificate(variant, "organic", "2025-03-01", output=5, district="海南区",
                              renews=variant)
        write_files(Path(folder), {"2024.yaml": report(2024, [award]),
                                   "2025.yaml": report(2025, [renewal])})
        plan, register = real_plan(), register_of(Path(folder))
        hainan, output = plan.find_area("海南区"), plan.indicators["certified_output"]
        assert hainan is not None
        assert metrics.achieved(plan, register, hainan, output, date(2025, 12, 31)) == 5
