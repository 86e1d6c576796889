"""The language switcher leads to the same page in the other language with the same query (the filters)."""

import re

import pytest
from wagtail.models import Locale

from tests.factories import zone_index

pytestmark = pytest.mark.django_db


def test_switching_language_keeps_the_zone_filters(client, home_page):
    index = zone_index(home_page)
    vi_index = index.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True)
    vi_index.save_revision().publish()
    html = client.get(index.url, {"kind": "industrial_park", "status": "operating"}).content.decode()
    switcher = html[html.index('class="language-switcher"'):]
    vi_link = re.search(r'<a href="([^"]+)" hreflang="vi"', switcher).group(1)
    assert vi_link == f"{vi_index.url}?kind=industrial_park&amp;status=operating"
