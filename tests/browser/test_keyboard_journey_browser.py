"""From the zone list to the licensing plan with the keyboard alone: filter the zones, open one, open a plot's
popup from its shape on the map, then plan a project in that zone. After the first page is opened, only keys
are pressed (Tab, Shift+Tab, Enter, Escape and typing)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ZONE = "hoa-lu"  # the demo's only border-gate economic zone, with available plots
FOCUSED = "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 240) : 'nothing' }"


@pytest.fixture
def page(chromium, shared_demo_server):
    from .conftest import watched_page

    with watched_page(chromium, shared_demo_server) as watched:
        yield watched


def tab_to(page, what: str, predicate: str, presses: int = 150, key: str = "Tab"):
    """Press ``key`` until the focused element satisfies ``predicate`` (JavaScript taking the element); fail
    naming ``what`` and the element focused last after ``presses`` presses."""
    for _ in range(presses):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate})(e) }}"):
            return
    pytest.fail(f"{presses} presses of {key} did not reach {what}; the focus is on {page.evaluate(FOCUSED)}")


def focused(page, predicate: str) -> bool:
    return page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate})(e) }}")


def test_from_the_zone_list_to_the_plan_by_keyboard(page):
    from zones.models import Plot, ZonePage

    zone = ZonePage.objects.get(code=ZONE, locale__language_code="en")
    plot = Plot.objects.filter(zone=zone, status="available").order_by("code").first()
    keyboard = page.page.keyboard
    page.goto("/en/zones/")
    total = page.page.locator(".zone-card").count()

    tab_to(page.page, "the zone kind", "e => e.id === 'id_kind'")
    keyboard.type("Border")
    assert page.page.locator("#id_kind").input_value() == "border_gate_economic_zone"
    tab_to(page.page, "the minimum site area", "e => e.id === 'id_min_available_ha'")
    keyboard.type("1")
    keyboard.press("Enter")
    page.page.wait_for_url("**/zones/?*")
    page.page.wait_for_load_state("networkidle")
    assert 0 < page.page.locator(".zone-card").count() < total
    assert focused(page.page, "e => e.id === 'zone-results-title' || e.closest('#zone-results-title')"), (
        f"after filtering the focus is on the results summary, not on {page.page.evaluate(FOCUSED)}")

    tab_to(page.page, f"the link to {zone.title}", f"e => e.matches('.zone-card a') && e.textContent.trim() === "
                                                 f"{zone.title!r}")
    keyboard.press("Enter")
    page.page.wait_for_url(f"**{zone.url}")
    page.page.wait_for_load_state("networkidle")

    tab_to(page.page, f"plot {plot.code} on the map",
           f"e => e.matches('.leaflet-container path[role=button]') && "
           f"(e.getAttribute('aria-label') || '').split(/[ :]/).includes({plot.code!r})")
    keyboard.press("Enter")
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert plot.code in popup.inner_text()
    assert focused(page.page, "e => e.matches('.leaflet-popup a.map-ask-link')"), (
        f"the popup's link takes the focus, not {page.page.evaluate(FOCUSED)}")
    keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert focused(page.page, f"e => (e.getAttribute('aria-label') || '').split(/[ :]/).includes({plot.code!r})"), (
        f"closing the popup gives the focus back to the plot, not to {page.page.evaluate(FOCUSED)}")

    tab_to(page.page, "the link to plan a project", "e => e.matches('a') && e.textContent.trim() === "
                                                    "'Plan your project'", key="Shift+Tab")
    keyboard.press("Enter")
    page.page.wait_for_url("**/licensing/plan/**")
    assert page.page.locator("#id_zone_id").input_value() == str(zone.pk)
    assert page.page.locator("#id_zone_kind").input_value() == "border_gate_economic_zone"
