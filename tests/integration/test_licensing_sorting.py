"""Licensing lists sort names as Vietnamese readers expect on Vietnamese pages: diacritics folded (Ủy ban among
the U, before Văn phòng), Đ as D; English pages sort their English names the same way."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from licensing import services
from licensing.forms import PerformanceFilterForm
from licensing.models import Agency, Application, Procedure
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    load_catalogue()
    power = Agency.objects.create(code="dien-luc", name_vi="Điện lực tỉnh", name_en="Provincial Power Company",
                                  level="province")
    for code, name_vi in [("EL-1", "Xác nhận đấu nối"), ("EL-2", "Điều chỉnh công suất"),
                          ("EL-3", "Cấp điện trung thế"), ("EL-4", "Đăng ký sử dụng điện")]:
        Procedure.objects.create(code=code, name_vi=name_vi, name_en=f"Power {code}", agency=power, time_limit=5,
                                 effective_from=date(2021, 1, 1))
    return power


def _in_order(text: str, names: list[str]) -> bool:
    positions = [text.index(name) for name in names]
    return positions == sorted(positions)


def test_vietnamese_procedure_index_folds_diacritics(client, catalogue):
    html = client.get("/vi/licensing/procedures/").content.decode()
    headings = [line for line in html.splitlines() if "<h2 id=\"agency-" in line]
    names = [Agency.objects.get(code=line.split('id="agency-')[1].split('"')[0]).name_vi for line in headings]
    assert names == sorted(names, key=services.name_order)
    assert _in_order(html, ["Ban Quản lý", "Công an tỉnh", "Điện lực tỉnh", "Sở Xây dựng", "Ủy ban nhân dân tỉnh",
                            "Văn phòng Đăng ký đất đai"])
    assert _in_order(html, ["Cấp điện trung thế", "Đăng ký sử dụng điện", "Điều chỉnh công suất",
                            "Xác nhận đấu nối"])  # within an agency too
    english = client.get("/en/licensing/procedures/").content.decode()
    assert _in_order(english, ["Department of Finance", "Land Registration Office", "Provincial People"])


def test_performance_rows_and_agency_filter_sort_the_vietnamese_way(catalogue):
    _account, _investor, project = investor_with_project("so-investor")
    received = timezone.localdate() - timedelta(days=10)
    for code in ("vp-dang-ky-dat", "ubnd-tinh", "dien-luc", "bql-kkt"):
        procedure = Procedure.objects.in_force(received).filter(agency__code=code).first()
        Application.objects.create(project=project, procedure=procedure, submitted_on=received,
                                   received_on=received, due_date=received + timedelta(days=20))
    with translation.override("vi"):
        labels = [row["label"] for row in services.performance("agency")]
        choices = [label for _value, label in PerformanceFilterForm().fields["agency"].choices][1:]
    assert labels == ["Ban Quản lý Khu kinh tế tỉnh", "Điện lực tỉnh", "Ủy ban nhân dân tỉnh",
                      "Văn phòng Đăng ký đất đai"]
    assert choices == sorted(choices, key=services.name_order) and len(choices) == Agency.objects.count()
    assert _in_order("|".join(choices), ["Công an tỉnh", "Điện lực tỉnh", "Sở Xây dựng", "Ủy ban nhân dân tỉnh",
                                         "Văn phòng Đăng ký đất đai"])
    with translation.override("en"):
        labels = [row["label"] for row in services.performance("agency")]
    assert labels == ["Land Registration Office", "Provincial Economic Zone Management Board",
                      "Provincial People's Committee", "Provincial Power Company"]
    assert PerformanceFilterForm({"agency": catalogue.pk}).is_valid()
