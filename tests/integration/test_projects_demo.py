"""The demo registry reproduces the article's figures, computed from the rows through the statistics service."""

import datetime
from decimal import Decimal

import pytest

from projects import demo
from projects.choices import CapitalChangeKind
from projects.models import CapitalChange, Project
from projects.statistics import Filters, Period, cumulative_fdi, summary

ARTICLE_DATE = datetime.date(2023, 6, 30)
pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_term_figures_match_the_article(demo_registry):
    term = Period.term("2020-2025")
    figures = summary(Period.custom(term.start, ARTICLE_DATE))
    assert figures["domestic_projects"] == 157
    assert figures["domestic_registered_vnd"] == Decimal("28929") * 10**9
    assert figures["fdi_projects"] == 110
    assert figures["fdi_registered_usd"] == Decimal("1272") * 10**6
    # The same through the filter rather than the split.
    assert summary(Period.custom(term.start, ARTICLE_DATE), Filters(kind="fdi"))["projects"] == 110


def test_cumulative_fdi_and_first_half_of_2023(demo_registry):
    cumulative = cumulative_fdi(ARTICLE_DATE)
    assert cumulative["projects"] == 378
    assert cumulative["capital_usd"] > Decimal("4") * 10**9
    half = summary(Period.half(2023, 1), Filters(kind="fdi"))
    assert half["registered_usd"] > Decimal("630") * 10**6
    big = CapitalChange.objects.filter(kind=CapitalChangeKind.NEW, date__range=(datetime.date(2023, 1, 1),
                                       ARTICLE_DATE), amount_usd=Decimal("500000000"), project__kind="fdi")
    assert big.count() == 1
    # Terminated projects exist and are left out of the cumulative figure.
    assert Project.objects.filter(kind="fdi", status="terminated").count() == 10


def test_demo_load_is_idempotent_and_places_projects_in_zones(demo_registry):
    count = Project.objects.count()
    demo.load()
    assert Project.objects.count() == count
    assert Project.objects.filter(zone__isnull=False).count() > count // 2
    in_zone = Project.objects.filter(zone__isnull=False).select_related("zone").first()
    assert in_zone.zone.shape.contains(__import__("shapely").Point(in_zone.lon, in_zone.lat))
