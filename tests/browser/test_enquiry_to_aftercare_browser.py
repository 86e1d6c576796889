"""From first enquiry to aftercare, as a new investor and the board's officer live it, with a real Celery worker
sending the e-mails: the investor asks about a plot without an account and is told the date of the answer; the
officer answers from the admin and makes the enquiry a lead; the investor signs up (the enquiry joins the
account), declares the project, records its registration application, tracks it and saves the plan to it; the
lead moves through the pipeline, links to the project and follows the registry to "registered" and "operating";
an aftercare issue is raised by the investor and answered by the officer. In English on a desktop and in
Vietnamese on a phone."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from licensing.models import Application
from projects.choices import ProjectStatus
from projects.models import Project
from projects.services import change_status, save_project
from promotion.models import AftercareIssue, Enquiry, Lead, LeadStage
from tests.factories_promotion import topic
from tests.waiting import wait_until
from zones.choices import PlotStatus
from zones.models import Plot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-2026"
PLAN = ("submitted=1&foreign_ownership_pct=100&zone_kind=industrial_park&capital_usd=20000000&employees=400"
        "&land_area_m2=30000&difficult_area=no&high_tech=no&needs_construction=yes")
WORDS = {
    "en": {"officer": "Hoa Tran, for the board", "received": "Received", "answered": "Answered"},
    "vi": {"officer": "Hoa Tran, thay mặt Ban quản lý", "received": "Đã tiếp nhận", "answered": "Đã trả lời"},
}


def _mail_to(address: str, *words: str) -> bool:
    return any(address in message.to and all(word in message.subject + message.body for word in words)
               for message in mail.outbox)


def _officer_page(chromium, live_server, admin_user):
    """The board's officer, signed in to the admin in a browser of their own."""
    admin_user.first_name, admin_user.last_name = "Hoa", "Tran"
    admin_user.save()
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "pw-admin-1234")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    return context, page


def _submit(page, form_selector: str) -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("vi", 390)],
                         ids=["english-desktop", "vietnamese-phone"])
def test_from_a_question_about_a_plot_to_aftercare(browser_page, chromium, live_server, demo_content, celery_worker,
                                                   admin_user, language, width):
    words = WORDS[language]
    email = f"kim-{language}@example.org"
    topic("Site and land", days=3)
    plot = Plot.objects.filter(status=PlotStatus.AVAILABLE, zone__live=True).select_related("zone").first()
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    shot = f"/tmp/enquiry-story-{language}-{width}"

    # 1. Without an account, the investor asks about a plot from the zone page.
    browser_page.goto(f"/{language}/zones/{plot.zone.slug}/")
    page.locator(f'a.ask-link-plot[href*="plot={plot.code}"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_plot").input_value() == plot.code
    page.select_option("#id_topic", label="Site and land" if language == "en" else "Site and land (vi)")
    page.fill("#id_message", f"Is plot {plot.code} free, and can it take 20 MVA?")
    page.fill("#id_name", "Kim Min-jun")
    page.fill("#id_email", email)
    page.select_option("#id_language", language)
    _submit(page, "form.profile-form")
    enquiry = Enquiry.objects.get(email=email)
    acknowledgement = page.get_by_test_id("acknowledgement").inner_text()
    assert enquiry.reference in acknowledgement and enquiry.due_on.strftime("%d/%m/%Y") in acknowledgement
    assert (enquiry.plot_code, enquiry.zone_code) == (plot.code, plot.zone.code)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"{shot}-1-acknowledged.png", full_page=True)
    private_link = page.url.split("?")[0]
    wait_until(lambda: _mail_to(email, enquiry.reference, private_link.split("/")[-2]), timeout=60,
               message="the acknowledgement e-mail with the private link")

    # 2. The officer answers from the admin and makes the enquiry a lead.
    officer_context, officer = _officer_page(chromium, live_server, admin_user)
    try:
        officer.goto(f"{live_server.url}/admin/enquiries/{enquiry.pk}/")
        officer.fill("form[action$='/reply/'] textarea", "Plot is free; 22 kV is on the boundary.")
        _submit(officer, "form[action$='/reply/']")
        wait_until(lambda: _mail_to(email, "22 kV"), timeout=60, message="the answer e-mailed to the investor")
        browser_page.goto(private_link.replace(browser_page.base_url, ""))
        conversation = page.get_by_test_id("conversation").inner_text()
        assert "22 kV is on the boundary" in conversation and words["officer"] in conversation
        assert page.get_by_test_id("status").inner_text() == words["answered"]
        page.screenshot(path=f"{shot}-2-answered.png", full_page=True)

        _submit(officer, "[data-testid=make-lead]")
        lead = Lead.objects.get(enquiry=enquiry)
        for stage in (LeadStage.QUALIFIED, LeadStage.SITE_VISIT, LeadStage.COMMITTED):
            officer.select_option("form[action$='/move/'] select[name=stage]", stage.value)
            _submit(officer, "form[action$='/move/']")
        lead.refresh_from_db()
        assert list(lead.stage_history.order_by("at", "pk").values_list("to_stage", flat=True)) == [
            LeadStage.ENQUIRY, LeadStage.QUALIFIED, LeadStage.SITE_VISIT, LeadStage.COMMITTED]

        # 3. The investor signs up with the same address: the enquiry joins the account.
        browser_page.goto(f"/{language}/licensing/account/sign-up/")
        page.fill("#id_email", email)
        page.fill("#id_company", "Kim Precision Co.")
        page.select_option("#id_country", "KR")
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        _submit(page, "#main form")
        wait_until(lambda: _mail_to(email, "/activate/"), timeout=60, message="the activation e-mail")
        body = next(m.body for m in reversed(mail.outbox) if "/activate/" in m.body and email in m.to)
        browser_page.goto(re.search(r"https?://[^/\s]+(/\S+/activate/\S+/)", body).group(1))
        browser_page.goto(f"/{language}/enquiries/")
        assert enquiry.reference in page.locator("#main").inner_text()

        # 4. It declares the project, records the registration application and tracks it.
        browser_page.goto(f"/{language}/licensing/my/projects/new/")
        page.fill("#id_name", "Kim precision parts")
        page.fill("#id_capital_usd", "20000000")
        page.fill("#id_land_area_m2", "30000")
        page.fill("#id_foreign_share_pct", "100")
        _submit(page, "#main form")
        project = Project.objects.get(name_en="Kim precision parts")
        assert project.status == ProjectStatus.PLANNED
        page.select_option("#id_procedure", "DT-03")
        _submit(page, "#main form")
        application = Application.objects.get(project=project)
        with translation.override(language):
            assert page.get_by_test_id("status").inner_text() == application.get_status_display()
        assert application.dossier_code in page.locator("#main").inner_text()
        page.screenshot(path=f"{shot}-3-tracked.png", full_page=True)

        # ... and saves the plan to the same project.
        browser_page.goto(f"/{language}/licensing/plan/?{PLAN}")
        page.select_option("#id_project", str(project.pk))
        page.locator("#id_project").locator("xpath=ancestor::form").locator("button[type=submit]").click()
        page.wait_for_url(f"**/licensing/my/projects/{project.pk}/")
        assert project.saved_pathways.count() == 1 and Project.objects.filter(name_en=project.name_en).count() == 1
        assert page.locator("td.state-not_started, td.state-in_progress").count() >= 1

        # 5. The officer links the lead to the project; the registry moves the lead.
        officer.goto(f"{live_server.url}/admin/leads/{lead.pk}/")
        officer.fill("#id_project_q", project.code)
        _submit(officer, "form[action='#project-link']")
        officer.get_by_test_id("project-matches").locator("button[type=submit]").first.click()
        officer.wait_for_load_state("networkidle")
        project.refresh_from_db()
        project.exchange_rate = Decimal("25000")
        project.save()
        save_project(project, status=ProjectStatus.REGISTERED, actor=admin_user)  # the authority registers it
        officer.goto(f"{live_server.url}/admin/leads/{lead.pk}/")
        assert officer.get_by_test_id("stage").inner_text().startswith("Registered")
        assert project.code in officer.get_by_test_id("project").inner_text()
        assert Application.objects.get(pk=application.pk).project_id == project.pk  # linked, not duplicated
        change_status(project, ProjectStatus.OPERATING, actor=admin_user)
        lead.refresh_from_db()
        assert lead.stage == LeadStage.OPERATING and lead.project_id == project.pk

        # The pipeline report draws its charts, each beside its table.
        officer.goto(f"{live_server.url}/admin/leads/pipeline/")
        officer.wait_for_function("window.pipelineCharts && window.pipelineCharts.filter(Boolean).length >= 3")
        assert "Operating" in officer.locator("table").first.inner_text()
        officer.set_viewport_size({"width": 1280, "height": 2400})
        officer.screenshot(path=f"{shot}-4-pipeline.png")

        # 6. Aftercare: the investor raises an issue, the officer answers it.
        browser_page.goto(f"/{language}/enquiries/aftercare/new/")
        page.select_option("#id_category", "utilities")
        page.fill("#id_title", "Power cut twice this week")
        page.fill("#id_description", "The 22 kV line tripped on Monday and Wednesday.")
        _submit(page, "form.profile-form")
        issue = AftercareIssue.objects.get(project=project)
        officer.goto(f"{live_server.url}/admin/aftercare/{issue.pk}/")
        officer.fill("form[action$='/answer/'] textarea", "The utility replaces the breaker on Friday.")
        _submit(officer, "form[action$='/answer/']")
        officer.screenshot(path=f"{shot}-5-aftercare-admin.png", full_page=True)
        wait_until(lambda: _mail_to(email, "breaker"), timeout=60, message="the aftercare answer e-mailed")
        browser_page.goto(f"/{language}/enquiries/aftercare/{issue.pk}/")
        text = page.locator("#main").inner_text()
        assert "replaces the breaker on Friday" in text and "Hoa Tran" in text  # the same named officer
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=f"{shot}-6-aftercare.png", full_page=True)
    finally:
        officer_context.close()
