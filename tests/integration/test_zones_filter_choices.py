"""The zone index filters offer only the kinds and statuses some zone has, and read them only to draw the form."""

import pytest

from tests.factories import zone_index
from tests.factories_zones import make_zone
from zones.forms import ZoneFilterForm

pytestmark = pytest.mark.django_db


def test_zone_filters_offer_only_kinds_and_statuses_some_zone_has(home_page, django_assert_num_queries):
    index = zone_index(home_page)
    make_zone(index, "minh-hung-iii", "Minh Hung III")  # an operating industrial park
    with django_assert_num_queries(0):  # filtering alone (the GeoJSON endpoint) never reads the choices
        form = ZoneFilterForm({"kind": "industrial_park"})
        assert form.is_valid()
    assert [value for value, _label in form.fields["kind"].widget.choices] == ["", "industrial_park"]
    assert [value for value, _label in form.fields["status"].widget.choices] == ["", "operating"]
    assert ZoneFilterForm({"kind": "high_tech_park"}).is_valid()  # an old link still answers (with no zone)
