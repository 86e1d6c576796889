"""An officer redraws a plot on the admin map, in English and in Vietnamese: drags a corner in the map editor's
edit mode (its tools named in the officer's language), saves, and the plot is stored with its new shape and area,
still valid."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from shapely.geometry import shape
from wagtail.users.models import UserProfile

from portal import demo
from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.models import Plot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT_TOOL = {"en": "Edit layers", "vi": "Sửa các lớp"}
SAVE = {"en": "Save", "vi": "Lưu"}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_officer_drags_a_plot_corner_on_the_map_and_saves(browser_page, language, tmp_path):
    home = demo.ensure_home_pages()
    demo.ensure_site_settings()
    zone = make_zone(zone_index(home), "minh-hung", title="Minh Hung III")
    make_plots(zone, 3)
    plot = Plot.objects.get(zone=zone, code="P2")
    before = shape(plot.geometry)
    officer = get_user_model().objects.create_superuser("officer", "officer@example.org", "pw-officer-1234")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    page = browser_page.page

    browser_page.sign_in_to_admin("officer", "pw-officer-1234")
    browser_page.goto(f"/admin/snippets/zones/plot/edit/{plot.pk}/")
    assert page.locator("html").get_attribute("lang") == language

    widget = page.locator("[data-geometry-widget]")
    map_div = widget.locator(".geometry-widget__map")
    expect(map_div).to_be_visible()
    # The plot is editable (blue); its zone and the two other plots are the grey reference shapes.
    expect(map_div.locator("path")).to_have_count(4)
    widget.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"geometry-widget-{language}.png"), full_page=True)

    edit_tool = map_div.get_by_title(EDIT_TOOL[language], exact=True)
    expect(edit_tool).to_have_count(1)
    edit_tool.click()
    corners = map_div.locator(".marker-icon:not(.marker-icon-middle)")
    expect(corners).to_have_count(4)
    # Drag the northernmost corner 90 px further north, away from the neighbours it could snap to.
    boxes = [corners.nth(i).bounding_box() for i in range(4)]
    top = min(boxes, key=lambda box: (box["y"], box["x"]))
    x, y = top["x"] + top["width"] / 2, top["y"] + top["height"] / 2
    textarea = page.locator("textarea[name=geometry]")
    original_text = textarea.input_value()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 45, steps=5)
    page.mouse.move(x, y - 90, steps=5)
    page.mouse.up()
    expect(textarea).not_to_have_value(original_text)
    page.screenshot(path=str(tmp_path / f"geometry-widget-{language}-dragged.png"), full_page=True)

    page.get_by_role("button", name=SAVE[language], exact=True).first.click()
    page.wait_for_url("**/admin/snippets/zones/plot/**")
    page.wait_for_load_state("networkidle")
    plot.refresh_from_db()
    after = shape(plot.geometry)
    assert after.is_valid and after.geom_type == "Polygon"
    assert after.area > before.area * 1.2
    assert plot.area_m2 > 100 * 100 * 1.2
    assert plot.max_lat > before.bounds[3]
