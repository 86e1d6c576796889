"""Demo registry: investors and row-level projects whose statistics reproduce the article's figures exactly.

Since the start of the 2020–2025 term (to 30 June 2023): 157 domestic projects registering 28,929 billion VND and
110 FDI projects registering 1,272 million USD; 378 valid FDI projects in total with over 4 billion USD; 632 million
USD of new FDI in the first half of 2023, one project of 500 million USD among them. Generated from a fixed seed;
``load()`` adds nothing on a second run."""

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

import shapely
from django.db import transaction

from zones.choices import PlotStatus
from zones.models import AdministrativeUnit, AdministrativeUnitLevel, Plot, Sector, ZonePage

from .choices import CapitalChangeKind, Currency, InvestorKind, ProjectStatus
from .location import locate
from .models import (
    HOME_COUNTRY,
    HUNDRED,
    CapitalChange,
    Investor,
    Project,
    ProjectInvestor,
    ProjectStatusChange,
    convert,
)
from .services import apply_capital, kind_for_foreign_share, ownership

SEED = 2023
TERM_START, ARTICLE_DATE = datetime.date(2020, 1, 1), datetime.date(2023, 6, 30)
H1_2023 = datetime.date(2023, 1, 1)
VND_UNIT = Decimal("100000000")      # domestic amounts in steps of 0.1 billion VND
USD_UNIT = Decimal("10000")          # FDI amounts in steps of 10,000 USD
RATES = {2008: 16500, 2009: 17900, 2010: 18900, 2011: 20800, 2012: 20850, 2013: 21100, 2014: 21250,
         2015: 21900, 2016: 22300, 2017: 22700, 2018: 23000, 2019: 23200, 2020: 23200, 2021: 23000,
         2022: 23600, 2023: 23500}
FDI_COUNTRIES = [("KR", 30), ("CN", 18), ("TW", 15), ("JP", 10), ("SG", 8), ("HK", 6), ("US", 4), ("TH", 3),
                 ("MY", 2), ("DE", 2), ("VG", 2)]
# (code, product vi, product en)
PRODUCTS = [("10", "chế biến hạt điều", "cashew processing"), ("10", "chế biến tinh bột sắn", "cassava starch"),
            ("13", "sợi và vải", "yarn and fabric"), ("14", "may mặc", "garments"), ("15", "giày da", "footwear"),
            ("16", "chế biến gỗ", "wood processing"), ("20", "hóa chất công nghiệp", "industrial chemicals"),
            ("22", "sản phẩm nhựa", "plastic products"), ("2211", "săm lốp cao su", "rubber tyres"),
            ("25", "kết cấu thép", "steel structures"), ("2610", "linh kiện điện tử", "electronic components"),
            ("26", "thiết bị điện tử", "electronic devices"), ("27", "thiết bị điện", "electrical equipment"),
            ("2720", "pin và ắc quy", "batteries"), ("28", "máy móc nông nghiệp", "farm machinery"),
            ("29", "phụ tùng ô tô", "auto parts"), ("31", "nội thất", "furniture"), ("5210", "kho vận", "warehousing"),
            ("72", "nghiên cứu và phát triển", "research and development")]
FOREIGN_WORDS = ["Hanil", "Daeyang", "Sunrise", "Everwin", "Kyowa", "Lianfa", "Hoa Sen", "Pacific", "Taiyo",
                 "Jinpo", "Greenfield", "Orient", "Seoul Tech", "Formosa Star", "Asia Pride", "Shinwoo", "Meiko",
                 "Huaxin", "Apex", "Lotus Bridge"]
DOMESTIC_WORDS = ["Bình Phước", "Đồng Xoài", "Chơn Thành", "Phú Riềng", "Sông Bé", "Minh Hưng", "Lộc Ninh",
                  "Bù Đăng", "Hớn Quản", "Tân Thành", "Sao Việt", "Đại Phát", "Hưng Thịnh", "Phước Lộc"]
REFERENCE_DATA = Path(__file__).resolve().parent.parent / "zones" / "demo_data" / "reference.json"


def _split(rng: random.Random, total_units: int, n: int) -> list[int]:
    """``total_units`` split into ``n`` positive integer parts of uneven size, summing exactly."""
    weights = [rng.lognormvariate(0, 1.0) for _ in range(n)]
    scale = (total_units - n) / sum(weights)
    parts = [1 + int(w * scale) for w in weights]
    for i in range(total_units - sum(parts)):
        parts[i % n] += 1
    return parts


def _date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


class _Builder:
    """Accumulates unsaved rows so the whole registry is written with a handful of bulk inserts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.projects: list[Project] = []
        self.shares: list[tuple[Project, list[tuple[Investor, Decimal]]]] = []
        self.changes: list[CapitalChange] = []
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.zones = [(z.pk, shapely.geometry.shape(z.geometry)) for z in
                      ZonePage.objects.filter(locale__language_code="en").exclude(geometry__isnull=True)
                      if z.geometry]
        self.communes = list(AdministrativeUnit.objects.filter(
            level=AdministrativeUnitLevel.COMMUNE, valid_to__isnull=False).values_list("pk", flat=True))
        self.foreign = self._investors(True, 70)
        self.domestic = self._investors(False, 90)
        self.counter = 0

    def _investors(self, foreign: bool, count: int) -> list[Investor]:
        rng, investors = self.rng, []
        countries = [c for c, _ in FDI_COUNTRIES]
        weights = [w for _, w in FDI_COUNTRIES]
        for i in range(count):
            if foreign:
                country = rng.choices(countries, weights)[0]
                word = FOREIGN_WORDS[i % len(FOREIGN_WORDS)]
                name_en = f"{word} {['Industrial', 'Holdings', 'Manufacturing', 'Materials'][i % 4]} Co., Ltd. {i + 1}"
                name_vi = name_en
                kind = InvestorKind.FOREIGN_ENTERPRISE
            else:
                country = HOME_COUNTRY
                word = DOMESTIC_WORDS[i % len(DOMESTIC_WORDS)]
                name_vi = f"Công ty {['TNHH', 'Cổ phần'][i % 2]} {word} {i + 1}"
                name_en = f"{word} {['Co., Ltd.', 'JSC'][i % 2]} {i + 1}"
                kind = InvestorKind.INDIVIDUAL if i % 15 == 14 else InvestorKind.DOMESTIC_ENTERPRISE
            investors.append(Investor(
                name_vi=name_vi, name_en=name_en, kind=kind, country=country,
                registration_number=f"{'F' if foreign else 'D'}{3800000000 + i * 7919}",
                contact_name=f"Contact {i + 1}", contact_email=f"investor{i + 1}@example.org",
                contact_phone=f"+84 271 3{i:06d}", private_notes="Demo investor: private notes stay private."))
        return Investor.objects.bulk_create(investors)

    def _point(self, in_zone: bool) -> tuple[float, float]:
        rng = self.rng
        if in_zone and self.zones:
            _pk, shape = rng.choice(self.zones)
            min_x, min_y, max_x, max_y = shape.bounds
            for _attempt in range(50):
                x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
                if shape.contains(shapely.Point(x, y)):
                    return round(x, 6), round(y, 6)
        return round(rng.uniform(106.55, 107.35), 6), round(rng.uniform(11.35, 12.25), 6)

    def add(self, *, fdi: bool, registered_on: datetime.date, units: int, terminated_on=None) -> Project:
        """One project with its shareholders and "new registration" capital change."""
        rng = self.rng
        self.counter += 1
        sector_code, product_vi, product_en = rng.choice(PRODUCTS)
        if fdi:
            lead = rng.choice(self.foreign)
            partner = rng.choice(self.domestic) if rng.random() < 0.2 else None
            holders = [(lead, Decimal("70")), (partner, Decimal("30"))] if partner else [(lead, HUNDRED)]
            currency, amount = Currency.USD, USD_UNIT * units
        else:
            first = rng.choice(self.domestic)
            second = rng.choice(self.domestic) if rng.random() < 0.15 else None
            holders = [(first, Decimal("60")), (second, Decimal("40"))] if second and second != first \
                else [(first, HUNDRED)]
            currency, amount = Currency.VND, VND_UNIT * units
        foreign, lead_country = ownership((inv.country, pct) for inv, pct in holders)
        lon, lat = self._point(rng.random() < 0.75)
        year_code = "FDI" if fdi else "DOM"
        project = Project(
            code=f"{registered_on.year}-{year_code}-{self.counter:04d}",
            name_vi=f"Dự án {product_vi} {holders[0][0].name_vi}",
            name_en=f"{holders[0][0].name_en} {product_en} project",
            kind=kind_for_foreign_share(foreign), foreign_share_pct=foreign, lead_country=lead_country,
            sector=self.sectors.get(sector_code), registered_on=registered_on, currency=currency,
            registered_capital=amount, exchange_rate=Decimal(RATES[registered_on.year]),
            exchange_rate_date=registered_on, lon=lon, lat=lat,
            commune_id=rng.choice(self.communes) if self.communes else None,
            land_area_m2=Decimal(rng.randint(5, 400) * 1000), planned_employees=rng.randint(20, 3000),
            certificate_number=f"{rng.randint(1000000000, 9999999999)}" if fdi else "",
            private_notes="Internal appraisal notes (demo, private).",
        )
        self._status(project, terminated_on)
        apply_capital(project)
        self.projects.append(project)
        self.shares.append((project, holders))
        self.changes.append(CapitalChange(project=project, kind=CapitalChangeKind.NEW, date=registered_on,
                                          currency=currency, amount=amount, exchange_rate=project.exchange_rate))
        return project

    def _status(self, project: Project, terminated_on) -> None:
        rng, start = self.rng, project.registered_on
        project.certificate_date = start if project.certificate_number else None
        if terminated_on:
            project.status, project.terminated_on = ProjectStatus.TERMINATED, terminated_on
            return
        age_days = (ARTICLE_DATE - start).days
        if age_days > 900 and rng.random() < 0.85:
            project.status = ProjectStatus.OPERATING
            project.construction_started_on = start + datetime.timedelta(days=120)
            project.operating_since = start + datetime.timedelta(days=540)
        elif age_days > 200:
            project.status = ProjectStatus.UNDER_CONSTRUCTION
            project.construction_started_on = start + datetime.timedelta(days=120)
        else:
            project.status = (ProjectStatus.CERTIFICATE_ISSUED if project.certificate_number
                              else ProjectStatus.REGISTERED)

    def adjust(self, project: Project, kind: str, units: int, date: datetime.date) -> None:
        """A dated capital increase, decrease or contribution of ``units`` (in the project's unit)."""
        unit = USD_UNIT if project.currency == Currency.USD else VND_UNIT
        amount = unit * units
        rate = Decimal(RATES[date.year])
        self.changes.append(CapitalChange(project=project, kind=kind, date=date, currency=project.currency,
                                          amount=amount, exchange_rate=rate))
        sign = -1 if kind == CapitalChangeKind.DECREASE else 1
        project.registered_capital += sign * amount
        apply_capital(project)

    def finish(self) -> None:
        """Disbursement, location, then every row in bulk."""
        for project in self.projects:
            share = {ProjectStatus.OPERATING: self.rng.uniform(0.6, 1.0),
                     ProjectStatus.UNDER_CONSTRUCTION: self.rng.uniform(0.15, 0.6)}.get(project.status, 0)
            project.disbursed_vnd = (project.capital_vnd * Decimal(str(round(share, 2)))).quantize(Decimal("1"))
            project.disbursed_usd = (project.capital_usd * Decimal(str(round(share, 2)))).quantize(Decimal("1"))
        locate(self.projects)
        Project.objects.bulk_create(self.projects, batch_size=500)
        ProjectInvestor.objects.bulk_create(
            [ProjectInvestor(project=p, investor=inv, share_pct=pct, sort_order=i)
             for p, holders in self.shares for i, (inv, pct) in enumerate(holders)], batch_size=1000)
        for change in self.changes:
            change.project_id = change.project.pk
            change.amount_vnd, change.amount_usd = convert(change.amount, change.currency, change.exchange_rate)
        CapitalChange.objects.bulk_create(self.changes, batch_size=1000)
        history = []
        for p in self.projects:
            history.append(ProjectStatusChange(project=p, to_status=ProjectStatus.REGISTERED, date=p.registered_on,
                                               note="Registered"))
            if p.status != ProjectStatus.REGISTERED:
                history.append(ProjectStatusChange(project=p, from_status=ProjectStatus.REGISTERED,
                                                   to_status=p.status, date=p.terminated_on or p.operating_since
                                                   or p.construction_started_on or p.registered_on))
        ProjectStatusChange.objects.bulk_create(history, batch_size=1000)
        self._lease_demo_plots()

    def _lease_demo_plots(self) -> None:
        """Give each plot the zones demo shows as leased to a project located in its zone."""
        by_zone: dict[int, list[Project]] = {}
        for p in self.projects:
            if p.zone_id and p.status != ProjectStatus.TERMINATED:
                by_zone.setdefault(p.zone_id, []).append(p)
        through = Project.plots.through
        links = []
        for plot in Plot.objects.filter(status=PlotStatus.LEASED).select_related("zone"):
            candidates = by_zone.get(plot.zone_id) or []
            if candidates:
                links.append(through(project_id=self.rng.choice(candidates).pk, plot_id=plot.pk))
        through.objects.bulk_create(links, ignore_conflicts=True)


def _ensure_sectors() -> None:
    """The VSIC codes the demo uses, from the zones reference data when the zones demo has not run."""
    if Sector.objects.exists() or not REFERENCE_DATA.exists():
        return
    rows = json.loads(REFERENCE_DATA.read_text(encoding="utf-8"))["sectors"]
    created = {}
    for code, level, parent, name_vi, name_en in rows:
        created[code] = Sector.objects.create(code=code, level=level, parent=created.get(parent),
                                              name_vi=name_vi, name_en=name_en)


@transaction.atomic
def load() -> None:
    """Create the demo registry once."""
    if Project.objects.filter(code__regex=r"^\d{4}-(DOM|FDI)-\d{4}$").exists():
        return
    _ensure_sectors()
    rng = random.Random(SEED)
    b = _Builder(rng)
    # Before the term: 268 FDI projects still valid (2,690 million USD), 10 terminated, 120 domestic.
    pre_fdi = [b.add(fdi=True, registered_on=_date(rng, datetime.date(2008, 1, 1), datetime.date(2019, 12, 31)),
                     units=u) for u in _split(rng, 269_000, 268)]
    for u in _split(rng, 9_000, 10):
        registered = _date(rng, datetime.date(2008, 1, 1), datetime.date(2015, 12, 31))
        b.add(fdi=True, registered_on=registered, units=u,
              terminated_on=_date(rng, datetime.date(2018, 1, 1), datetime.date(2019, 12, 31)))
    for u in _split(rng, 52_000, 120):
        b.add(fdi=False, registered_on=_date(rng, datetime.date(2010, 1, 1), datetime.date(2019, 12, 31)), units=u)
    # The term to mid-2023: 157 domestic projects (28,929 billion VND), 110 FDI (1,272 million USD).
    domestic = [b.add(fdi=False, registered_on=_date(rng, TERM_START, ARTICLE_DATE), units=u)
                for u in _split(rng, 289_290, 157)]
    for u in _split(rng, 64_000, 96):
        b.add(fdi=True, registered_on=_date(rng, TERM_START, datetime.date(2022, 12, 31)), units=u)
    # First half of 2023: 14 FDI projects, 632 million USD, one of 500 million USD.
    b.add(fdi=True, registered_on=datetime.date(2023, 5, 18), units=50_000)
    for u in _split(rng, 13_200, 13):
        b.add(fdi=True, registered_on=_date(rng, H1_2023, ARTICLE_DATE), units=u)
    # Adjustments during the term (before 2023): FDI +75 / -12 / +9 million USD; domestic +1,500 billion VND.
    adjust_end = datetime.date(2022, 12, 31)
    for kind, total, count in ((CapitalChangeKind.INCREASE, 7_500, 30), (CapitalChangeKind.DECREASE, 1_200, 4),
                               (CapitalChangeKind.CONTRIBUTION, 900, 6)):
        targets = [p for p in pre_fdi if kind != CapitalChangeKind.DECREASE or p.registered_capital > USD_UNIT * total]
        for units, project in zip(_split(rng, total, count), rng.sample(targets, count), strict=True):
            b.adjust(project, kind, units, _date(rng, TERM_START, adjust_end))
    for units, project in zip(_split(rng, 15_000, 20), rng.sample(domestic, 20), strict=True):
        if project.registered_on < adjust_end:
            b.adjust(project, CapitalChangeKind.INCREASE, units, _date(rng, project.registered_on, adjust_end))
    b.finish()
