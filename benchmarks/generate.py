"""Synthetic plans and progress reports for the benchmarks (issue 6, part B).

    python benchmarks/generate.py --districts 300 --certificates 100000 --out DIR

writes DIR/plan.yaml (a city of N districts 区001…, aliases d001…) and
DIR/progress/<year>-<alias>.yaml, one file per district and reporting year 2024-2028.
Every record is valid: `wuhai validate --plan DIR/plan.yaml --progress DIR/progress`
passes. The output depends only on the arguments (seeded random numbers).

What the data looks like:

- a mix of about 70 % green food, 10 % organic and 20 % 名特优新 records;
- renewals (`renews`) of earlier records that expire in or near the reporting year
  (green food with a new number, organic and 名特优新 yearly confirmations under the same
  number), and a few renewals of baseline certificates that no file holds;
- `ended` entries for about 2 % of the records, dated while the record is in force;
- an `expires` written out for about a third of the records (the default for the rest);
- one exchange meeting a year, in the file of the hosting district.

The plan's cumulative targets are derived from what the generated records achieve by each
milestone, times a random factor per district, so the status rows come out as a mix of
met, on track, at risk and behind. Every district figure is a 4-decimal 万吨 (or a count)
and the city's figure is their exact `Decimal` sum, as the plan loader checks; targets
never decrease and a few districts leave 2024 blank (null), as 乌达区 does.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

YEARS = (2024, 2025, 2026, 2027, 2028)
BASELINE_YEAR = 2023
MILESTONES = (2024, 2025, 2028)
VALIDITY = {"green_food": 3, "organic": 1, "famous_product": 3}
PREFIX = {"green_food": "LB", "organic": "YJ", "famous_product": "MT"}
TYPE_WEIGHTS = (("green_food", 0.70), ("organic", 0.10), ("famous_product", 0.20))
RENEWAL_SHARE = 0.15  # of the records of a year, where earlier records are due
BASELINE_RENEWAL_SHARE = 0.01
ENDED_SHARE = 0.02
EXPLICIT_EXPIRY_SHARE = 0.33

PRODUCTS = ("葡萄", "葡萄酒", "鸡蛋", "猪肉", "草莓", "羊肉", "牛奶", "蔬菜", "枸杞", "小米",
            "西瓜", "蜂蜜", "牛肉", "番茄", "黄瓜", "甜瓜")
HOLDER_KINDS = ("专业合作社", "农业有限公司", "养殖有限公司", "家庭农场", "食品有限公司")
ENDED_REASONS = ("企业停产", "主体注销", "证书撤销", "产品停止生产")
TEN_THOUSAND = Decimal(10000)
Q4 = Decimal("0.0001")


@dataclass
class Record:
    id: str
    type: str
    district: int
    product: str
    holder: str
    output: Decimal | None
    area_mu: int | None
    issued: date
    expires: date
    explicit_expiry: bool
    renews: str | None
    renewed: bool = False
    ended: bool = False


@dataclass
class Ended:
    id: str
    district: int
    date: date
    reason: str


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb → 1 Mar
        return date(day.year + years, 3, 1)


def default_expiry(issued: date, kind: str) -> date:
    return add_years(issued, VALIDITY[kind]) - timedelta(days=1)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` into whole parts proportional to `weights` (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def district_name(index: int) -> str:
    return f"区{index:03d}"


def district_alias(index: int) -> str:
    return f"d{index:03d}"


class Generator:
    def __init__(self, districts: int, certificates: int, seed: int) -> None:
        self.districts = districts
        self.certificates = certificates
        self.rng = random.Random(seed)
        self.records: list[Record] = []
        self.ended: list[Ended] = []
        self.serial: dict[tuple[str, int, int], int] = defaultdict(int)
        # records that may still be renewed or ended, per district
        self.open: dict[int, list[Record]] = defaultdict(list)

    # --- certificates -------------------------------------------------------------------

    def new_id(self, kind: str, district: int, year: int) -> str:
        key = (kind, district, year)
        self.serial[key] += 1
        return f"{PREFIX[kind]}-{district:03d}-{year % 100:02d}{self.serial[key]:05d}"

    def output_for(self, kind: str) -> Decimal | None:
        if kind == "famous_product":
            return None
        rng = self.rng
        tonnes = rng.lognormvariate(3.3, 0.9)  # median about 27 t
        tonnes = min(max(tonnes, 0.5), 2000.0)
        if rng.random() < 0.7:
            return Decimal(max(1, round(tonnes)))
        return Decimal(str(round(tonnes, 1))) or Decimal("0.5")

    def make(self, kind: str, district: int, issued: date, renews: str | None,
             same_id: str | None = None, product: str | None = None,
             holder: str | None = None) -> Record:
        rng = self.rng
        explicit = rng.random() < EXPLICIT_EXPIRY_SHARE
        record = Record(
            id=same_id or self.new_id(kind, district, issued.year),
            type=kind,
            district=district,
            product=product or rng.choice(PRODUCTS),
            holder=holder or f"乌海市示例{district:03d}{rng.randint(1, 999):03d}{rng.choice(HOLDER_KINDS)}",
            output=self.output_for(kind),
            area_mu=rng.randint(20, 5000) if kind != "famous_product" and rng.random() < 0.4 else None,
            issued=issued,
            expires=default_expiry(issued, kind),
            explicit_expiry=explicit,
            renews=renews,
        )
        self.records.append(record)
        return record

    def generate(self) -> None:
        rng = self.rng
        year_weights = [1.0, 1.15, 1.3, 1.45, 1.6]
        district_weights = [rng.uniform(0.4, 1.6) for _ in range(self.districts)]
        per_year = apportion(self.certificates, year_weights)
        kinds = [k for k, _ in TYPE_WEIGHTS]
        kind_weights = [w for _, w in TYPE_WEIGHTS]
        for year, count in zip(YEARS, per_year, strict=True):
            per_district = apportion(count, district_weights)
            first, last = date(year, 1, 1), date(year, 12, 31)
            for index, n in enumerate(per_district, start=1):
                if n == 0:
                    continue
                due = [r for r in self.open[index]
                       if not r.renewed and not r.ended and r.issued < first
                       and first - timedelta(days=365) <= r.expires <= last + timedelta(days=90)]
                rng.shuffle(due)
                renewals = min(len(due), round(n * RENEWAL_SHARE + rng.random() - 0.5))
                baseline = 1 if year <= 2025 and rng.random() < BASELINE_RENEWAL_SHARE * n else 0
                baseline = min(baseline, n - renewals)
                fresh = n - renewals - baseline
                made: list[Record] = []
                for old in due[:renewals]:
                    made.append(self.renew(old, year))
                for _ in range(baseline):
                    kind = rng.choice(("green_food", "famous_product"))
                    old_id = f"{PREFIX[kind]}-{index:03d}-BASE{rng.randint(1, 99999):05d}"
                    made.append(self.make(kind, index, random_day(rng, first, last),
                                          renews=old_id))
                for _ in range(fresh):
                    kind = rng.choices(kinds, kind_weights)[0]
                    made.append(self.make(kind, index, random_day(rng, first, last), renews=None))
                self.end_some(index, year)
                self.open[index].extend(made)

    def renew(self, old: Record, year: int) -> Record:
        """A renewal or yearly confirmation of `old`, issued in `year` after `old`."""
        rng = self.rng
        first, last = date(year, 1, 1), date(year, 12, 31)
        wanted = old.expires - timedelta(days=rng.randint(0, 90))
        issued = min(max(wanted, first, old.issued + timedelta(days=1)), last)
        old.renewed = True
        same_id = old.id if old.type != "green_food" else None
        return self.make(old.type, old.district, issued, renews=old.id, same_id=same_id,
                         product=old.product, holder=old.holder)

    def end_some(self, district: int, year: int) -> None:
        """End a few records of the district that are in force during `year`."""
        rng = self.rng
        first, last = date(year, 1, 1), date(year, 12, 31)
        candidates = [r for r in self.open[district]
                      if not r.renewed and not r.ended and r.expires >= first + timedelta(days=1)]
        for record in candidates:
            if rng.random() >= ENDED_SHARE * 2:
                continue
            start = max(first, record.issued + timedelta(days=1))
            stop = min(last, record.expires)
            if start > stop:
                continue
            record.ended = True
            self.ended.append(Ended(record.id, district, random_day(rng, start, stop),
                                    rng.choice(ENDED_REASONS)))

    # --- plan ---------------------------------------------------------------------------

    def achieved(self) -> dict[tuple[int, str, int], Decimal]:
        """New additions per district, indicator and milestone (cumulative, in t or count)."""
        done: dict[tuple[int, str, int], Decimal] = defaultdict(Decimal)
        for record in self.records:
            if record.renews is not None:
                continue
            indicator = "famous_products" if record.type == "famous_product" else "certified_output"
            amount = Decimal(1) if record.output is None else record.output
            for milestone in MILESTONES:
                if record.issued.year <= milestone:
                    done[(record.district, indicator, milestone)] += amount
        return done

    def plan_figures(self) -> list[dict[str, object]]:
        rng = self.rng
        done = self.achieved()
        figures = []
        for index in range(1, self.districts + 1):
            factor = Decimal(str(round(rng.uniform(0.75, 1.6), 2)))
            targets: dict[str, dict[int, Decimal | None]] = {}
            for indicator in ("certified_output", "famous_products"):
                by_year: dict[int, Decimal | None] = {}
                previous = Decimal(0)
                for milestone in MILESTONES:
                    value = done[(index, indicator, milestone)] * factor
                    if indicator == "certified_output":
                        value = (value / TEN_THOUSAND).quantize(Q4, ROUND_HALF_UP)
                    else:
                        value = value.quantize(Decimal(1), ROUND_HALF_UP)
                    value = max(value, previous)
                    by_year[milestone] = value
                    previous = value
                targets[indicator] = by_year
            if rng.random() < 0.05:  # a blank of the document, as 乌达区 2024
                targets["certified_output"][2024] = None
            baseline = {
                "certified_output": (Decimal(rng.randint(10, 3000)) / TEN_THOUSAND).quantize(Q4),
                "famous_products": Decimal(rng.randint(0, 8)),
            }
            figures.append({"index": index, "targets": targets, "baseline": baseline})
        return figures


# --- writing ----------------------------------------------------------------------------


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "null"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def target_map(by_year: dict[int, Decimal | None]) -> str:
    return "{" + ", ".join(f"{year}: {fmt(value)}" for year, value in by_year.items()) + "}"


def plan_yaml(figures: list[dict[str, object]]) -> str:
    totals_baseline: dict[str, Decimal] = defaultdict(Decimal)
    totals_targets: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for figure in figures:
        for key, value in figure["baseline"].items():  # type: ignore[attr-defined]
            totals_baseline[key] += value
        for key, by_year in figure["targets"].items():  # type: ignore[attr-defined]
            for year, value in by_year.items():
                totals_targets[(key, year)] += value or Decimal(0)
    stock_tonnes = totals_baseline["certified_output"] * TEN_THOUSAND
    goal_output = max(Decimal(100), (stock_tonnes * Decimal("1.5")).quantize(Decimal(1)))
    goal_famous = totals_baseline["famous_products"] + totals_targets[("famous_products", 2028)]
    lines = [
        "# Synthetic plan for benchmarks (benchmarks/generate.py); not the real document.",
        "schema: wuhai-green/plan@1",
        "",
        "document:",
        "  title: 关于打造乌海市绿色有机品牌的工作方案（基准测试用合成数据）",
        "  title_en: Synthetic benchmark plan",
        "  issuer: 乌海市农牧局",
        "  issuer_en: Wuhai Agriculture and Animal Husbandry Bureau",
        "  date: 2023-08-28",
        "  recipients: 各区农牧水务局",
        "",
        "period:",
        f"  baseline_year: {BASELINE_YEAR}",
        f"  start: {YEARS[0]}",
        f"  end: {YEARS[-1]}",
        f"  milestones: [{', '.join(map(str, MILESTONES))}]",
        "",
        "units:",
        "  t: {zh: 吨, en: t, tonnes: 1}",
        "  wan-t: {zh: 万吨, en: '10,000 t', tonnes: 10000}",
        "  count: {zh: 个, en: ''}",
        "",
        "indicators:",
        "  - id: certified_output",
        "    zh: 新增绿色有机食品认证",
        "    en: Newly certified green and organic food output",
        "    unit: wan-t",
        "    certificate_types: [green_food, organic]",
        "  - id: famous_products",
        "    zh: 新增名特优新农产品",
        "    en: Newly listed famous, special, quality and new products",
        "    unit: count",
        "    certificate_types: [famous_product]",
        "",
        "certificate_types:",
        "  - {id: green_food, zh: 绿色食品, en: green food, validity_years: 3, renewal_lead: {months: 3}}",
        "  - {id: organic, zh: 有机产品, en: organic, validity_years: 1, renewal_lead: {months: 3}}",
        "  - {id: famous_product, zh: 名特优新农产品, en: 'famous, special, quality and new product',"
        " validity_years: 3, renewal_lead: {days: 30}}",
        "",
        "goals:",
        "  - id: certified_output_stock",
        f"    zh: 全市绿色食品产量稳定在{goal_output}吨左右",
        f"    en: Certified green food output stable at about {goal_output} t",
        "    measure: output",
        "    certificate_types: [green_food, organic]",
        "    unit: t",
        f"    value: {goal_output}",
        "    band: about",
        "  - id: famous_products_stock",
        f"    zh: 名特优新农产品数量增加到{fmt(goal_famous)}个以上",
        f"    en: At least {fmt(goal_famous)} famous, special, quality and new products",
        "    measure: count",
        "    certificate_types: [famous_product]",
        "    unit: count",
        f"    value: {fmt(goal_famous)}",
        "    band: at_least",
        "  - id: organic_certificates",
        "    zh: 有机农产品认证保持在5个左右",
        "    en: About 5 organic certifications",
        "    measure: count",
        "    certificate_types: [organic]",
        "    unit: count",
        "    value: 5",
        "    band: about",
        "",
        "area:",
        "  name: 乌海市",
        "  en: Wuhai City",
        "  aliases: [wuhai]",
        "  baseline:",
        f"    certified_output: {fmt(totals_baseline['certified_output'])}",
        f"    famous_products: {fmt(totals_baseline['famous_products'])}",
        "  targets:",
    ]
    for indicator in ("certified_output", "famous_products"):
        by_year = {year: totals_targets[(indicator, year)] for year in MILESTONES}
        lines.append(f"    {indicator}: {target_map(by_year)}")
    lines.append("  children:")
    for figure in figures:
        index = figure["index"]
        baseline = figure["baseline"]
        targets = figure["targets"]
        lines += [
            f"    - name: {district_name(index)}",  # type: ignore[arg-type]
            f"      en: District {index:03d}",
            f"      aliases: [{district_alias(index)}]",  # type: ignore[arg-type]
            "      layout:",
            f"        products: [{PRODUCTS[index % len(PRODUCTS)]}, {PRODUCTS[(index * 7) % len(PRODUCTS)]}]",  # type: ignore[operator]
            "        base_type: 绿色产品基地",
            "      baseline:",
            f"        certified_output: {fmt(baseline['certified_output'])}",  # type: ignore[index]
            f"        famous_products: {fmt(baseline['famous_products'])}",  # type: ignore[index]
            "      targets:",
            f"        certified_output: {target_map(targets['certified_output'])}",  # type: ignore[index]
            f"        famous_products: {target_map(targets['famous_products'])}",  # type: ignore[index]
        ]
    lines += [
        "",
        "rules:",
        "  status_thresholds:",
        "    on_track: 0.95",
        "    at_risk: 0.6",
        "  about_band: 0.1",
        "  sources:",
        "    note: {zh: 基准测试的合成数据, en: synthetic benchmark data, source: benchmarks/generate.py}",
        "",
        "tasks:",
        "  - id: brand_plan",
        "    section: 四（一）",
        "    zh: 细化分解绿色有机产品建设任务",
        "    en: Break down the green and organic production tasks",
        "    detail: 各区制定绿色有机产品基地建设及品牌打造具体方案。",
        "    owner: 各区",
        "    due: 2023-10-15",
        "",
        "measures:",
        "  - id: exchange_meeting",
        "    section: 五（三）",
        "    zh: 经验交流座谈会",
        "    en: Yearly experience exchange meeting",
        "    detail: 每年选择1个区开展1次经验交流座谈会。",
        "    owner: 乌海市农牧局",
        "    frequency: {per_year: 1, hosts: 1, rotation: children}",
        "",
        "experts:",
        "  - {name: 示例专家, organization: 乌海市农畜产品质量安全中心, title: 高级农艺师}",
        "",
    ]
    return "\n".join(lines)


def certificate_yaml(record: Record, with_district: bool = False) -> list[str]:
    lines = [f"  - id: {record.id}", f"    type: {record.type}"]
    if with_district:
        lines.append(f"    district: {district_name(record.district)}")
    lines += [
        f"    product: {record.product}",
        f"    holder: {record.holder}",
    ]
    if record.output is not None:
        lines.append(f"    output_tonnes: {fmt(record.output)}")
    if record.area_mu is not None:
        lines.append(f"    area_mu: {record.area_mu}")
    lines.append(f"    issued: {record.issued.isoformat()}")
    if record.explicit_expiry:
        lines.append(f"    expires: {record.expires.isoformat()}")
    if record.renews is not None:
        lines.append(f"    renews: {record.renews}")
    return lines


def write_progress(folder: Path, generator: Generator, district_in_entries: bool = False) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    by_file: dict[tuple[int, int], list[Record]] = defaultdict(list)
    for record in generator.records:
        by_file[(record.issued.year, record.district)].append(record)
    ended_by_file: dict[tuple[int, int], list[Ended]] = defaultdict(list)
    for entry in generator.ended:
        ended_by_file[(entry.date.year, entry.district)].append(entry)
    hosts = {year: 1 + (offset * 37) % generator.districts for offset, year in enumerate(YEARS)}
    keys = sorted(set(by_file) | set(ended_by_file)
                  | {(year, host) for year, host in hosts.items()})
    for year, district in keys:
        records = sorted(by_file.get((year, district), []), key=lambda r: (r.issued, r.id))
        lines = [
            f"# Synthetic progress report ({district_name(district)}, {year}); benchmarks/generate.py",
            f"year: {year}",
            f"reported_on: {year + 1}-01-15",
        ]
        if not district_in_entries:  # aliases and Chinese names alternate
            lines.insert(2, "district: "
                         + (district_alias(district) if district % 2 else district_name(district)))
        if records:
            lines.append("certificates:")
            for record in records:
                lines += certificate_yaml(record, district_in_entries)
        ended = ended_by_file.get((year, district), [])
        if ended:
            lines.append("ended:")
            for entry in sorted(ended, key=lambda e: (e.date, e.id)):
                lines += [f"  - id: {entry.id}", f"    date: {entry.date.isoformat()}",
                          f"    reason: {entry.reason}"]
        if hosts[year] == district:
            lines += ["activities:", "  - type: exchange_meeting", f"    date: {year}-05-20",
                      "    title: 绿色有机品牌经验交流座谈会"]
            if district_in_entries:
                lines.append(f"    district: {district_name(district)}")
        path = folder / f"{year}-{district_alias(district)}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(keys)


def generate(out: Path, districts: int = 300, certificates: int = 100_000, seed: int = 6,
             district_in_entries: bool = False) -> dict[str, int]:
    """Write DIR/plan.yaml and DIR/progress/*.yaml; return a few counts.

    With `district_in_entries` every certificate names its district and the files have
    no file-level `district` (the shape of a report kept for several districts).
    """
    if districts < 1 or certificates < 0:
        raise ValueError("need at least one district and no negative count")
    generator = Generator(districts, certificates, seed)
    generator.generate()
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan.yaml").write_text(plan_yaml(generator.plan_figures()), encoding="utf-8")
    files = write_progress(out / "progress", generator, district_in_entries)
    return {
        "districts": districts,
        "certificates": len(generator.records),
        "renewals": sum(1 for r in generator.records if r.renews is not None),
        "ended": len(generator.ended),
        "files": files,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--districts", type=int, default=300)
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--district-in-entries", action="store_true",
                        help="name the district on every certificate, not once per file")
    args = parser.parse_args(argv)
    counts = generate(args.out, args.districts, args.certificates, args.seed,
                      args.district_in_entries)
    print(", ".join(f"{key}: {value}" for key, value in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
