"""The demo zones read in the page's language, the developer included."""

import pytest

from zones.models import ZonePage

pytestmark = pytest.mark.django_db


def test_vietnamese_zone_pages_name_their_developer_in_vietnamese(demo_registry):
    hoa_lu = {zone.locale.language_code: zone for zone in ZonePage.objects.filter(code="hoa-lu")}
    assert hoa_lu["en"].developer == "Provincial Economic Zone Authority (demo)"
    assert hoa_lu["vi"].developer == "Ban Quản lý Khu kinh tế tỉnh (minh họa)"
    assert not ZonePage.objects.filter(locale__language_code="vi", developer__contains="(demo)").exists()
