"""An editor, in English and in Vietnamese, uploads a GeoPackage with two layers, changes the layer and the
coordinate system without uploading it again, sees the preview change, saves, and sees the header status
become Done without a reload (the import runs in a real Celery worker, as in test_gis_import_browser)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.users.models import UserProfile

from portal import demo
from tests.factories import zone_index
from tests.factories_gis import TWO_LAYERS, two_layer_gpkg
from zones.models import ImportStatus, ZonePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_editor_changes_layer_and_crs_of_a_staged_file_and_sees_the_status_live(
        browser_page, celery_worker, settings, tmp_path, language):
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = 1  # the Celery path, with its progress bar and live status
    zone_index(demo.ensure_home_pages())
    demo.ensure_site_settings()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-1234")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    gpkg = two_layer_gpkg(tmp_path / "two_layers.gpkg")
    page = browser_page.page

    browser_page.sign_in_to_admin("editor", "pw-editor-1234")
    browser_page.goto("/admin/gis-import/")
    assert page.locator("html").get_attribute("lang") == language

    # Only the fields of the chosen target are shown.
    zone_field = page.locator(".gis-field[data-gis-targets='plots']").filter(has=page.locator("select[name=zone]"))
    index_field = page.locator(".gis-field").filter(has=page.locator("select[name=index]"))
    assert index_field.is_visible() and zone_field.is_hidden() and page.locator(".gis-target-note").is_hidden()
    page.select_option("select[name=target]", "plots")
    assert zone_field.is_visible() and index_field.is_hidden()
    page.select_option("select[name=target]", "zones")
    assert index_field.is_visible() and zone_field.is_hidden()

    page.set_input_files("input[name=file]", str(gpkg))
    page.locator(".gis-upload-form button[type=submit]").click()
    page.wait_for_selector("#gis-preview-map[data-features='2']")
    assert "khu_wgs84" in page.locator(".gis-facts").inner_text()
    assert all(name in page.locator(".gis-preview-table").inner_text() for name in TWO_LAYERS["khu_wgs84"])

    # The options again, on the same file: no upload.
    page.locator(".gis-actions a.gis-change").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".gis-staged-name").inner_text() == "two_layers.gpkg"
    assert page.locator("input[name=file]").input_value() == ""
    layers = page.locator("select[name=layer] option")
    assert [layers.nth(i).get_attribute("value") for i in range(layers.count())] == list(TWO_LAYERS)
    assert page.locator("select[name=layer]").input_value() == "khu_wgs84"
    page.select_option("select[name=layer]", "khu_vn2000")
    page.select_option("select[name=crs]", "9212")
    page.locator(".gis-upload-form button[type=submit]").click()

    page.wait_for_selector("#gis-preview-map[data-features='3']")
    assert "khu_vn2000" in page.locator(".gis-facts").inner_text()
    assert "EPSG:9212" in page.locator(".gis-source-crs").inner_text()
    table = page.locator(".gis-preview-table").inner_text()
    assert all(name in table for name in TWO_LAYERS["khu_vn2000"]) and "Khu A" not in table
    page.screenshot(path=str(tmp_path / f"preview-{language}.png"), full_page=True)

    page.locator(".gis-confirm button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    page.evaluate("window.sameDocument = true")
    header = page.locator("header .gis-status")
    with translation.override(language):
        done, running = str(ImportStatus.DONE.label), str(ImportStatus.RUNNING.label)
    page.wait_for_selector("header .gis-status[data-status='done']", timeout=120_000)
    assert header.inner_text() == done != running
    assert page.locator(".gis-progress .gis-status").inner_text() == done
    assert page.locator(".gis-progress progress").get_attribute("value") == "100"
    assert page.locator(".gis-progress-result").is_visible()
    assert page.evaluate("window.sameDocument") is True  # updated in place, never reloaded
    assert sorted(ZonePage.objects.values_list("title", flat=True)) == TWO_LAYERS["khu_vn2000"]
