"""Zone lists follow Vietnamese alphabetical order (diacritics folded, đ as d), not code-point order."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.text import name_order
from tests.factories import zone_index
from tests.factories_zones import commune, make_zone, vi_locale
from zones.forms import IncentiveFinderForm, ZoneFilterForm

pytestmark = pytest.mark.django_db
TITLES = ["Nam Đồng Phú", "Khu công nghiệp Đồng Xoài I", "Becamex Bình Phước", "Bắc Đồng Phú", "Đồng Xoài II",
          "Chơn Thành"]
EXPECTED = ["Bắc Đồng Phú", "Becamex Bình Phước", "Chơn Thành", "Đồng Xoài II", "Khu công nghiệp Đồng Xoài I",
            "Nam Đồng Phú"]


def test_name_order_folds_diacritics_and_d_with_stroke():
    assert sorted(TITLES, key=name_order) == EXPECTED
    assert sorted(TITLES) != EXPECTED  # code-point order puts "Đ" after "N" and "Bắc" after "Becamex"


def test_zone_index_lists_zones_in_vietnamese_order_without_more_queries(client, home_page):
    index = zone_index(home_page)
    for number, title in enumerate(TITLES[:3]):
        make_zone(index, f"zone-{number}", title)
    client.get(index.url)  # the first request fills the site and locale caches
    extra = make_zone(index, "zone-extra", "Zzz")
    with CaptureQueriesContext(connection) as few:  # the zone list rebuilt after a change
        client.get(index.url)
    extra.delete()
    for number, title in enumerate(TITLES[3:], start=3):
        make_zone(index, f"zone-{number}", title)

    with CaptureQueriesContext(connection) as more:
        response = client.get(index.url)

    assert re.findall(r'<h3><a [^>]*>([^<]*)</a></h3>', response.text) == EXPECTED
    assert len(more) == len(few)


def test_filter_choices_list_communes_in_vietnamese_order(home_page):
    index = zone_index(home_page)
    names = ["Tân Thành", "Đồng Tâm", "Tiến Hưng", "Bù Đăng", "Bình Long"]
    units = [commune(f"c{number}", name_vi=name, name_en=name) for number, name in enumerate(names)]
    zone = make_zone(index, "zone-1", "Zone")
    zone.communes.set(units)
    zone.save()

    labels = [str(label) for _value, label in ZoneFilterForm().fields["commune"].choices][1:]

    assert labels == ["Bình Long", "Bù Đăng", "Đồng Tâm", "Tân Thành", "Tiến Hưng"]


def test_incentive_finder_lists_zones_in_vietnamese_order(home_page):
    from django.utils import translation

    from tests import factories_search as f

    vi_index = zone_index(f.vi_home(home_page))
    assert vi_index.locale == vi_locale()
    for number, title in enumerate(TITLES):
        make_zone(vi_index, f"zone-{number}", title)

    with translation.override("vi"):
        labels = [label for _value, label in IncentiveFinderForm().fields["zone_id"].choices][1:]

    assert labels == EXPECTED


def test_incentive_policies_are_listed_in_vietnamese_order(client, home_page):
    from tests import factories_search

    for number, title in enumerate(["Ưu đãi thuế", "Đất sạch", "Miễn tiền thuê đất", "Ân hạn nợ"]):
        page = factories_search.policy(home_page, title, "Summary")
        page.slug = f"policy-{number}"
        page.save_revision().publish()
    response = client.get(page.get_parent().url)
    titles = re.findall(r'<h2><a [^>]*>([^<]*)</a></h2>', response.text)
    assert titles == ["Ân hạn nợ", "Đất sạch", "Miễn tiền thuê đất", "Ưu đãi thuế"]
