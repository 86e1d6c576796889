"""An editor imports a zipped VN-2000 shapefile in the admin: preview map and table, the progress bar of
the Celery import (a real worker), then the published zones on the public zone index and map."""

import pytest
from django.contrib.auth import get_user_model

from portal import demo
from tests.factories import zone_index
from tests.factories_gis import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZONE_NAMES = ["Khu công nghiệp Minh Hưng III", "Khu công nghiệp Đồng Xoài I", "Khu kinh tế cửa khẩu Hoa Lư"]


@pytest.mark.smoke
def test_editor_uploads_previews_imports_and_sees_published_zones(browser_page, celery_worker, settings):
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 1  # force the Celery path with its progress bar
    home = demo.ensure_home_pages()
    demo.ensure_site_settings()
    zone_index(home)
    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-1234")
    page = browser_page.page

    browser_page.sign_in_to_admin("editor", "pw-editor-1234")

    page.get_by_role("link", name="GIS import").first.click()
    page.wait_for_load_state("networkidle")
    page.set_input_files("input[name=file]", str(CORPUS / "vn2000_cp1258.zip"))
    page.check("input[name=publish]")
    page.get_by_role("button", name="Check and preview").click()
    page.wait_for_load_state("networkidle")

    # Preview: the map draws the three polygons, the table lists their Vietnamese names, nothing saved yet.
    page.wait_for_selector("#gis-preview-map[data-features='3']")
    assert page.locator("#gis-preview-map path.leaflet-interactive").count() == 3
    scales = page.locator("#gis-preview-map .leaflet-control-scale-line").all_inner_texts()
    assert len(scales) == 1 and scales[0].endswith((" m", " km")), scales
    table = page.locator(".gis-preview-table").inner_text()
    for name in ZONE_NAMES:
        assert name in table
    assert "EPSG:9212" in page.locator(".gis-source-crs").inner_text()

    page.get_by_role("button", name="Confirm and save").click()
    page.wait_for_load_state("domcontentloaded")
    progress = page.locator(".gis-progress progress")
    assert progress.is_visible()
    page.wait_for_selector(".gis-progress[data-finished='done']", timeout=120_000)
    assert progress.get_attribute("value") == "100"
    page.get_by_role("link", name="Show the result").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".gis-count-created").inner_text() == "3"

    browser_page.goto("/en/zones/")
    body = page.locator("main").inner_text()
    for name in ZONE_NAMES:
        assert name in body
    page.wait_for_selector(".leaflet-container")
    assert page.locator(".leaflet-container path.leaflet-interactive, .leaflet-marker-icon").count() >= 3
