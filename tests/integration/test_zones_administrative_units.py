"""Administrative units: a unit that no longer exists (the 2025 merger) says until when it existed."""

import datetime

import pytest

from zones.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_a_unit_that_no_longer_exists_says_until_when():
    old = AdministrativeUnit.objects.create(code="25999", level="commune", name_vi="Xã Lộc Thạnh",
                                            name_en="Loc Thanh commune", valid_to=datetime.date(2025, 6, 30))
    new = AdministrativeUnit.objects.create(code="75999", level="commune", name_vi="Xã Lộc Thạnh",
                                            name_en="Loc Thanh commune", valid_from=datetime.date(2025, 7, 1))
    assert str(old) == "Loc Thanh commune (until 30/06/2025)" and str(new) == "Loc Thanh commune"
