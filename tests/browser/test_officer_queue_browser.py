"""An officer's morning at the dossier queue: three dossiers handed in together at the counter yesterday are
received in one go with yesterday's date and their receipt numbers; the officer finds one by its code, assigns it
to a colleague and moves it on. In English on a desktop and in Vietnamese on a phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from licensing import services
from licensing.calendar import calendar
from licensing.models import Application, ApplicationStatus
from portal import demo
from tests.factories_licensing import PASSWORD, investor_with_project, load_catalogue, officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("vi", 390)], ids=["english-desktop",
                                                                                 "vietnamese-phone"])
def test_an_officer_receives_a_batch_finds_assigns_and_moves_a_dossier(chromium, live_server, language, width,
                                                                     tmp_path):
    demo.ensure_home_pages(languages=("en", "vi"))
    load_catalogue()
    investor, _company, project = investor_with_project("qb-investor")
    clerk, colleague = officer("qb-clerk", "bql-kkt"), officer("qb-colleague", "bql-kkt")
    colleague.first_name, colleague.last_name = "Lan", "Nguyen"
    colleague.save()
    profile = UserProfile.get_for_user(clerk)
    profile.preferred_language = language
    profile.save()
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    batch = [services.record_application(investor, project, "DT-03", today - timedelta(days=3), another=True)
             for _ in range(3)]
    wanted = batch[1]

    context = chromium.new_context(locale="vi-VN" if language == "vi" else "en-GB",
                                   viewport={"width": width, "height": 900})
    context.set_default_navigation_timeout(90_000)  # the live server's first pages are slow on a busy machine
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", clerk.username)
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state("networkidle")

        # 1. The three dossiers handed in together are received at once, dated yesterday.
        page.goto(f"{live_server.url}/admin/dossiers/", wait_until="networkidle")
        expect(page.locator("tr[data-code]")).to_have_count(3)
        page.screenshot(path=str(tmp_path / f"queue-{language}.png"), full_page=True)
        for application in batch:
            page.locator(f'input[data-bulk-action-checkbox][data-object-id="{application.pk}"]').check()
        page.locator('.bulk-actions-choices a[href*="/receive/"]').click()
        page.wait_for_load_state("networkidle")
        form = page.locator('form[data-testid="bulk-receive"]')
        form.locator("input[name=received_on]").fill(yesterday.isoformat())
        for application in batch:
            form.locator(f"input[name=receipt_{application.pk}]").fill(f"TN-{application.pk}")
        page.screenshot(path=str(tmp_path / f"receive-{language}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # one card per dossier on a phone
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("tr[data-code]")).to_have_count(3)
        assert set(Application.objects.filter(pk__in=[a.pk for a in batch]).values_list(
            "status", "received_on")) == {(ApplicationStatus.RECEIVED, yesterday)}

        # 2. One of them is found by its code.
        search = page.locator("input[name=q]")
        if search.is_visible():
            search.fill(wanted.dossier_code)
        else:  # the phone's header keeps the search behind its toggle
            page.goto(f"{live_server.url}/admin/dossiers/?q={wanted.dossier_code}", wait_until="networkidle")
        expect(page.locator("tr[data-code]")).to_have_count(1)
        expect(page.locator("tr[data-code]")).to_have_attribute("data-code", wanted.dossier_code)
        page.locator(f"tr[data-code='{wanted.dossier_code}'] a", has_text=wanted.dossier_code).click()
        page.wait_for_load_state("networkidle")
        with override(language):
            shown = date_format(yesterday, "SHORT_DATE_FORMAT")
            due = date_format(calendar().add_days(yesterday, 15, "calendar"), "SHORT_DATE_FORMAT")
        expect(page.get_by_test_id("received-on")).to_have_text(shown)
        expect(page.get_by_test_id("due-date")).to_have_text(due)
        expect(page.get_by_test_id("receipt-number")).to_have_text(f"TN-{wanted.pk}")

        # 3. It is assigned to a colleague, then moved on to the next step of the workflow.
        page.locator('form[data-testid="assign"] select').select_option(str(colleague.pk))
        page.locator('form[data-testid="assign"] button[type=submit]').click()
        page.wait_for_load_state("networkidle")
        expect(page.get_by_test_id("assigned-to")).to_have_text("Lan Nguyen")
        expect(page.get_by_test_id("assignments")).to_contain_text(re.compile("Lan Nguyen"))
        page.locator("#id_status").select_option(ApplicationStatus.IN_PROCESS)
        page.locator("form[enctype] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        with override(language):
            expect(page.get_by_test_id("status")).to_have_text(str(ApplicationStatus.IN_PROCESS.label))
        page.screenshot(path=str(tmp_path / f"dossier-{language}.png"), full_page=True)
        wanted.refresh_from_db()
        assert (wanted.status, wanted.assigned_to, wanted.receipt_number) == (
            ApplicationStatus.IN_PROCESS, colleague, f"TN-{wanted.pk}")
        assert not errors, errors
    finally:
        context.close()
