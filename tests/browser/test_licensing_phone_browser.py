"""The licensing lists and the performance page on a 390 px phone: nothing wider than the screen, every
application and queue row a card that leads with the dossier, its status and its deadline, and chart labels
that fit their axis."""

import os
from datetime import date

import pytest

from licensing import services, workflow
from licensing.models import ApplicationStatus
from portal import demo
from tests.factories_licensing import PASSWORD, investor_with_project, load_catalogue, officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("LICENSING_SCREENSHOTS")  # a folder to keep screenshots in while working on the layout


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _shoot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _sign_in(browser_page, path: str, username: str) -> None:
    page = browser_page.page
    browser_page.goto(path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def _first_card_reads_dossier_status_deadline(page, table: str, dossier_code: str) -> None:
    card = page.locator(f'[data-testid="{table}"] tbody tr').first
    cells = card.locator("td:not(.bulk-action-checkbox-cell)")  # the queue's rows start with a box to select them
    assert cells.nth(0).inner_text().strip() == dossier_code
    names = [cells.nth(index).evaluate("(td) => getComputedStyle(td, '::before').content") for index in (1, 2)]
    assert names == ['"Status: "', '"Deadline: "']  # each cell is named in the card, header row hidden
    assert page.locator(f'[data-testid="{table}"] thead').bounding_box()["height"] <= 1
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], cells.nth(index).inner_text()


def test_lists_and_performance_fit_a_phone(browser_page):
    demo.ensure_home_pages()
    load_catalogue()
    investor, _company, project = investor_with_project("ph-investor")
    clerk = officer("ph-clerk", "bql-kkt")
    application = services.record_application(investor, project, "DT-03", date(2026, 11, 2))
    workflow.transition(application, ApplicationStatus.RECEIVED, None, on=date(2026, 11, 2))
    page = browser_page.page
    page.set_viewport_size(PHONE)

    _sign_in(browser_page, "/en/licensing/account/sign-in/", investor.username)
    browser_page.goto("/en/licensing/my/applications/")
    _shoot(page, "my-applications")
    assert _page_width(page) <= PHONE["width"]
    _first_card_reads_dossier_status_deadline(page, "applications", application.dossier_code)

    browser_page.goto("/en/licensing/performance/?group_by=agency")
    page.wait_for_function("window.performanceCharts && window.performanceCharts.length === 2")
    _shoot(page, "performance")
    assert _page_width(page) <= PHONE["width"]
    # Every line of every axis label fits inside the axis, which starts inside the canvas.
    overflow = page.evaluate("""() => window.performanceCharts.map((chart) => {
        const scale = chart.scales.y;
        const font = {...Chart.defaults.font, ...scale.options.ticks.font};
        chart.ctx.font = `${font.style || ''} ${font.weight || ''} ${font.size}px ${font.family}`;
        const widest = Math.max(...chart.data.labels.flat().map((line) => chart.ctx.measureText(line).width));
        return scale.left >= 0 && widest <= scale.width ? 0 : widest - scale.width;
    })""")
    assert overflow == [0, 0]
    assert "Provincial Economic" in " ".join(page.evaluate("window.performanceCharts[0].data.labels.flat()"))

    page.context.clear_cookies()
    _sign_in(browser_page, "/admin/login/", clerk.username)
    browser_page.goto("/admin/dossiers/")
    _shoot(page, "queue")
    assert _page_width(page) <= PHONE["width"]
    _first_card_reads_dossier_status_deadline(page, "queue", application.dossier_code)
