"""``project_rows`` compiles its SQL once per language, period, filters and limit, and still reads the data anew
on every call; a narrowed clone takes Django's own path."""

import datetime

import pytest
from django.utils import translation

from projects.models import Project
from projects.statistics import Filters, Period, project_rows
from tests.factories_projects import make_sectors, project

pytestmark = pytest.mark.django_db
YEAR = Period.year(2021)


@pytest.fixture
def registry(home_page):
    make_sectors()
    return [project(f"R-{i}", registered_on=datetime.date(2021, 1 + i, 1)) for i in range(3)]


def test_rows_are_those_of_djangos_own_path_call_after_call(registry):
    for language in ("en", "vi", "en"):
        with translation.override(language):
            rows = project_rows(YEAR, limit=2)
            fast, own = list(rows), list(rows.all())  # a clone: no compiled SQL
            assert fast == own and [row["code"] for row in fast] == ["R-2", "R-1"]
            assert list(fast[0]) == list(own[0])  # the same columns in the same order


def test_each_call_reads_the_data_anew(registry):
    assert [row["code"] for row in project_rows(YEAR, limit=5)] == ["R-2", "R-1", "R-0"]
    project("R-9", registered_on=datetime.date(2021, 12, 1))
    Project.objects.filter(code="R-0").update(name_en="Renamed")
    rows = list(project_rows(YEAR, limit=5))
    assert [row["code"] for row in rows] == ["R-9", "R-2", "R-1", "R-0"] and rows[-1]["name_en"] == "Renamed"


def test_filters_periods_and_clones_get_their_own_sql(registry):
    assert len(list(project_rows(YEAR))) == 3
    assert list(project_rows(Period.year(2022))) == []
    assert list(project_rows(YEAR, Filters(kind="domestic"))) == []
    assert [row["code"] for row in project_rows(YEAR).filter(code="R-1")] == ["R-1"]
    assert [row["code"] for row in project_rows(YEAR).iterator(chunk_size=2)] == ["R-2", "R-1", "R-0"]
