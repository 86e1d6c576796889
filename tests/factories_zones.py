"""Builders for zones tests: index pages, zones, plots (real geometry) and incentive policies."""

from decimal import Decimal

from wagtail.models import Locale

from tests.factories import square_m
from zones.choices import LandUse, PlotStatus, ZoneKind, ZoneStatus
from zones.models import (
    AdministrativeUnit,
    EligibilityCondition,
    EligibilityRule,
    IncentiveIndexPage,
    IncentivePolicyPage,
    Plot,
    ZonePage,
)

DONG_XOAI = (106.90, 11.53)

def make_zone(index, code: str, title: str | None = None, publish=True, **fields) -> ZonePage:
    defaults = {"kind": ZoneKind.INDUSTRIAL_PARK, "status": ZoneStatus.OPERATING,
                "land_price_min_usd": Decimal("50"), "land_price_max_usd": Decimal("70"),
                "total_area_ha": Decimal("100"), "leasable_area_ha": Decimal("60"), "leased_area_ha": Decimal("20")}
    defaults.update(fields)
    geometry = defaults.pop("geometry", square_m(*DONG_XOAI, 1000))
    zone = ZonePage(title=title or code.replace("-", " ").title(), slug=code, code=code, **defaults)
    zone.set_geometry(geometry)
    zone.live = publish
    index.add_child(instance=zone)
    if publish:
        zone.save_revision().publish()
    return zone


def make_plots(zone: ZonePage, count: int, status=PlotStatus.AVAILABLE, land_use=LandUse.INDUSTRIAL,
               side_m: float = 100, prefix: str = "P") -> list[Plot]:
    """``count`` plots of ``side_m`` x ``side_m`` metres in a row inside the zone."""
    lon, lat = zone.min_lon, zone.min_lat
    plots = []
    for i in range(count):
        plot = Plot(zone=zone, code=f"{prefix}{i + 1}", status=status, land_use=land_use)
        geom = square_m(lon, lat, side_m)
        plot.set_geometry(geom)
        lon = geom.bounds[2] + 0.0001
        plots.append(plot)
    return Plot.objects.bulk_create(plots)


def incentive_index(home_page) -> IncentiveIndexPage:
    index = IncentiveIndexPage.objects.filter(locale=home_page.locale).first()
    if index is None:
        index = IncentiveIndexPage(title="Incentives", slug="incentives")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def rule(reason: str, *conditions: tuple) -> EligibilityRule:
    """An eligibility rule with ``(field, operator, value[, negate[, group]])`` conditions (group 1)."""
    made = EligibilityRule(reason_en=reason, reason_vi=reason)
    made.conditions = [EligibilityCondition(field=c[0], operator=c[1], value=c[2], negate=len(c) > 3 and c[3],
                                            group=c[4] if len(c) > 4 else 1) for c in conditions]
    return made


def make_policy(index: IncentiveIndexPage, slug: str, rules: list[EligibilityRule], **fields) -> IncentivePolicyPage:
    policy = IncentivePolicyPage(title=fields.pop("title", slug), slug=slug, summary=fields.pop("summary", slug),
                                 **fields)
    policy.rules = rules
    index.add_child(instance=policy)
    policy.save_revision().publish()
    return policy


def commune(code: str, difficult=False, **fields) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(code=code, level="commune", name_vi=fields.pop("name_vi", code),
                                             name_en=fields.pop("name_en", code), difficult_conditions=difficult,
                                             **fields)


def vi_locale() -> Locale:
    return Locale.objects.get(language_code="vi")
