"""What a search hit shows must read as text: blocks of rich text apart, a project's facts as a sentence."""

import pytest

from search import services
from search.helpers import plain
from search.models import SearchDocument
from tests import factories_search as f

pytestmark = pytest.mark.django_db


def test_blocks_of_rich_text_do_not_run_together():
    html = "<h2>Bình Phước</h2><p>Khoảng <b>28.000</b> ha</p><ul><li>đất</li><li>nước</li></ul>1.468<br>km"
    assert plain(html) == "Bình Phước Khoảng 28.000 ha đất nước 1.468 km"
    assert plain("Ph<b>ước</b> &amp; co") == "Phước & co"


def test_a_project_hit_reads_as_its_sector_zone_and_place_not_as_a_field_dump(home_page):
    _province, dong_xoai, _chon_thanh = f.units()
    zone = f.zone(home_page, "Dong Xoai III Industrial Park", "dong-xoai-iii", 106.92, 11.55, commune=dong_xoai)
    project = f.project("Nhà máy may Minh Long", "Minh Long garment factory", commune=dong_xoai)
    project.zone = zone
    project.save()
    services.rebuild_index()
    row = SearchDocument.objects.select_related("text").get(doc_type="project", object_id=str(project.pk),
                                                            locale="en")
    place = ", ".join(filter(None, [row.commune, row.province]))
    assert place and row.text.summary.endswith(f"Dong Xoai III Industrial Park · {place}")
    assert row.text.body.startswith(project.code)
    assert "Dong Xoai" not in row.text.body  # the place is said once, in the summary
