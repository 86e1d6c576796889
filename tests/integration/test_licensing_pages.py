"""Public and investor pages: plan, save a pathway, accounts (sign-up, confirmation, throttled sign-in,
password reset), applications with attachments, tracking, performance, officer screens."""

import json
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from licensing import services, workflow
from licensing.models import Application, ApplicationAttachment, ApplicationStatus, SavedPathway
from projects.models import InvestorMembership
from tests.factories_licensing import PASSWORD, investor_with_project, load_catalogue, officer

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def catalogue(home_page):
    translation.activate("en")  # a request to /vi/ earlier in the thread leaves Vietnamese active
    load_catalogue()


@pytest.mark.smoke
def test_plan_page_prefilled_from_a_zone_and_shows_the_timeline(client, catalogue):
    url = reverse("licensing:plan")
    response = client.get(url, {"zone_id": "7", "zone_kind": "industrial_park"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="zone_id" value="7"' in html and '<option value="industrial_park" selected>' in html
    response = client.get(url, {"submitted": "1", "zone_id": "7", "zone_kind": "industrial_park",
                                "foreign_ownership_pct": "100", "land_area_m2": "30000",
                                "environmental_group": "II", "needs_construction": "on"})
    html = response.content.decode()
    assert 'data-code="DT-03"' in html and 'data-code="XD-02"' not in html
    assert "Expected completion" in html and "critical path" in html
    assert "50,250,000 VND" in html


def test_plan_page_in_vietnamese(client, catalogue):
    response = client.get("/vi/licensing/plan/", {"submitted": "1", "foreign_ownership_pct": "100",
                                                  "zone_kind": "industrial_park"})
    assert response.status_code == 200
    assert "Cấp Giấy chứng nhận đăng ký đầu tư" in response.content.decode()


def test_save_pathway_to_own_project_only(client, catalogue):
    account, _investor, project = investor_with_project("pg-saver")
    _other, _other_investor, other_project = investor_with_project("pg-other")
    client.force_login(account)
    query = "?submitted=1&foreign_ownership_pct=100&zone_kind=industrial_park&needs_construction=on"
    url = reverse("licensing:plan") + query
    assert client.post(url, {"project": other_project.pk}).status_code == 200  # not a choice: form error
    assert not SavedPathway.objects.exists()
    response = client.post(url, {"project": project.pk})
    assert response.status_code == 302
    saved = SavedPathway.objects.get()
    assert saved.project == project and saved.procedures.filter(code="DT-03").exists()
    progress = client.get(reverse("licensing:my_projects")).content.decode()
    assert "DT-03" in progress and "Not started" in progress


def test_sign_up_confirm_and_sign_in(client, catalogue):
    mail.outbox.clear()
    response = client.post(reverse("licensing:signup"), {
        "email": "Founder@Example.org", "company": "Hanbit Electronics", "country": "KR",
        "password1": "a-Strong-pass-2026", "password2": "a-Strong-pass-2026"})
    assert response.status_code == 200
    membership = InvestorMembership.objects.select_related("user", "investor").get()
    assert not membership.user.is_active and membership.investor.country == "KR"
    assert membership.user.is_staff is False
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    assert client.post(reverse("licensing:signin"), {"username": "founder@example.org",
                                                      "password": "a-Strong-pass-2026"}).status_code == 200
    response = client.get(link)
    assert response.status_code == 302 and response.url == reverse("licensing:my_projects")
    assert client.get(reverse("licensing:my_projects")).status_code == 200  # signed in by the confirmation
    assert client.get(link).status_code == 400  # one use only
    client.post(reverse("licensing:signout"))
    response = client.post(reverse("licensing:signin"), {"username": "founder@example.org",
                                                          "password": "a-Strong-pass-2026"})
    assert response.status_code == 302
    # Investor accounts do not reach the Wagtail admin.
    assert client.get("/admin/").status_code == 302


def test_sign_in_is_throttled_per_account(client, catalogue, settings):
    settings.SIGNIN_ACCOUNT_LIMIT = 3
    investor_with_project("pg-throttle")
    url = reverse("licensing:signin")
    for _attempt in range(3):
        assert client.post(url, {"username": "pg-throttle", "password": "wrong"}).status_code == 200
    response = client.post(url, {"username": "pg-throttle", "password": PASSWORD})
    assert response.status_code == 200 and "Too many failed sign-ins" in response.content.decode()
    # Another account is not affected.
    investor_with_project("pg-fine")
    assert client.post(url, {"username": "pg-fine", "password": PASSWORD}).status_code == 302


def test_password_reset_with_our_templates(client, catalogue):
    account, _investor, _project = investor_with_project("pg-reset")
    mail.outbox.clear()
    response = client.post(reverse("licensing:password_reset"), {"email": account.email})
    assert response.status_code == 302
    path = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    assert "/licensing/account/reset/" in path
    response = client.get(path, follow=True)
    assert response.status_code == 200 and b"new_password1" in response.content
    response = client.post(response.redirect_chain[-1][0], {"new_password1": "An0ther-good-one",
                                                           "new_password2": "An0ther-good-one"})
    assert response.status_code == 302
    assert client.login(username="pg-reset", password="An0ther-good-one")


def test_record_application_upload_and_download(client, catalogue):
    account, _investor, project = investor_with_project("pg-app")
    client.force_login(account)
    response = client.post(reverse("licensing:application_new"), {
        "project": project.pk, "procedure": "DT-03", "submitted_on": timezone.localdate().isoformat()})
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == reverse("licensing:application_detail",
                                                                     args=[application.pk])
    detail = reverse("licensing:application_detail", args=[application.pk])
    upload = SimpleUploadedFile("charter.pdf", PDF, content_type="application/pdf")
    assert client.post(detail, {"file": upload}).status_code == 302
    fake = SimpleUploadedFile("evil.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    response = client.post(detail, {"file": fake})
    assert response.status_code == 200 and ApplicationAttachment.objects.count() == 1
    attachment = ApplicationAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert "media" not in attachment.file.path.split("/")[-4:]
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - private storage has no URL
    response = client.get(reverse("licensing:attachment_download", args=[application.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")


def test_timeline_days_left_and_tracking(client, catalogue):
    account, _investor, project = investor_with_project("pg-track")
    application = services.record_application(account, project, "DN-01", timezone.localdate())
    workflow.transition(application, ApplicationStatus.RECEIVED, None, "received at the counter")
    client.force_login(account)
    html = client.get(reverse("licensing:application_detail", args=[application.pk])).content.decode()
    assert "received at the counter" in html and "working days left" in html
    listing = client.get(reverse("licensing:my_applications")).content.decode()
    assert application.dossier_code in listing
    client.logout()
    url = reverse("licensing:track")
    response = client.post(url, {"dossier_code": application.dossier_code, "token": application.tracking_token})
    assert response.status_code == 200 and "Received" in response.content.decode()
    assert project.name not in response.content.decode()  # minimal information
    wrong = client.post(url, {"dossier_code": application.dossier_code, "token": "guess"})
    missing = client.post(url, {"dossier_code": "DOS-000000-000000", "token": "guess"})
    assert wrong.status_code == missing.status_code == 404
    # The key is never taken from the address (histories, logs, Referer headers).
    in_address = client.get(url, {"dossier_code": application.dossier_code, "token": application.tracking_token})
    assert in_address.status_code == 200 and "Received" not in in_address.content.decode()


def test_tracking_is_rate_limited(client, catalogue):
    url = reverse("licensing:track")
    statuses = [client.post(url, {"dossier_code": f"DOS-{n}", "token": "x"}, REMOTE_ADDR="10.9.9.9").status_code
                for n in range(22)]
    assert statuses[:20] == [404] * 20 and statuses[-1] == 429


def test_performance_page_counts_in_the_database(client, catalogue, django_assert_max_num_queries):
    account, _investor, project = investor_with_project("pg-perf")
    on_time = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    late = services.record_application(account, project, "DN-01", date(2026, 3, 2), another=True)
    overdue = services.record_application(account, project, "DT-03", date(2026, 3, 2))
    for app in (on_time, late, overdue):
        workflow.transition(app, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(on_time, ApplicationStatus.APPROVED, None, on=date(2026, 3, 4))
    workflow.transition(late, ApplicationStatus.REFUSED, None, on=date(2026, 3, 10))
    rows = {row["agency__name_en"]: row for row in services.performance(today=date(2026, 6, 1))}
    finance = rows["Department of Finance"]
    assert (finance["received"], finance["resolved"], finance["on_time"], finance["late"]) == (2, 2, 1, 1)
    assert finance["on_time_rate"] == 50.0 and finance["average_days"] == 5.0
    assert rows["Provincial Economic Zone Management Board"]["overdue"] == 1
    months = services.performance("month", today=date(2026, 6, 1))
    assert months[0]["label"] == "2026-03" and months[0]["received"] == 3
    client.get(reverse("licensing:performance"))  # the navigation, kept per process, is built once
    with django_assert_max_num_queries(12):
        response = client.get(reverse("licensing:performance"), {"group_by": "procedure"})
    html = response.content.decode()
    assert response.status_code == 200
    # What the charts draw (tests/browser/test_licensing_browser.py sees them drawn): one bar per procedure.
    chart = json.loads(re.search(r'<script id="performance-data" type="application/json">(.*?)</script>', html,
                                 re.S).group(1))
    bars = dict(zip(chart["labels"], zip(chart["on_time"], chart["late"], strict=True), strict=True))
    assert bars["DN-01 Enterprise registration"] == (1, 1)
    assert "DN-01 Enterprise registration" in html
    board = overdue.agency
    html = client.get(reverse("licensing:performance"), {"agency": board.pk}).content.decode()
    assert "Provincial Economic Zone Management Board</th>" in html and "Department of Finance</th>" not in html


def test_officer_queue_sorted_and_overdue_highlighted(client, catalogue):
    account, _investor, project = investor_with_project("pg-queue")
    clerk = officer("pg-clerk", "so-tai-chinh")
    first = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    second = services.record_application(account, project, "DN-01", date(2026, 3, 2), another=True)
    workflow.transition(second, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(first, ApplicationStatus.RECEIVED, None, on=timezone.localdate())
    client.force_login(clerk)
    html = client.get(reverse("licensing_admin:queue")).content.decode()
    assert html.index(second.dossier_code) < html.index(first.dossier_code)
    assert 'data-overdue="1"' in html and 'class="overdue"' in html
    response = client.post(reverse("licensing_admin:application", args=[first.pk]),
                           {"status": "in_process", "note": "assigned"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ApplicationStatus.IN_PROCESS and first.history.last().actor == clerk
    approve = {"status": "approved", "result_number": "3702000001"}
    response = client.post(reverse("licensing_admin:application", args=[first.pk]), approve)
    assert response.status_code == 200 and 'data-testid="confirm-move"' in response.content.decode()
    first.refresh_from_db()
    assert first.status == ApplicationStatus.IN_PROCESS  # approving ends the dossier: it is confirmed first
    fake = SimpleUploadedFile("erc.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.post(reverse("licensing_admin:application", args=[first.pk]),
                {**approve, "confirmed": "1", "result_file": fake})
    first.refresh_from_db()
    assert first.status == ApplicationStatus.IN_PROCESS  # the bad file stopped the move
    certificate = SimpleUploadedFile("erc.pdf", PDF, content_type="application/pdf")
    client.post(reverse("licensing_admin:application", args=[first.pk]),
                {**approve, "confirmed": "1", "result_file": certificate})
    first.refresh_from_db()
    assert first.status == ApplicationStatus.APPROVED and first.result_number == "3702000001"
    client.force_login(account)
    response = client.get(reverse("licensing:result_download", args=[first.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_the_same_dossier_is_not_recorded_twice(client, catalogue):
    account, _investor, project = investor_with_project("pg-twice")
    client.force_login(account)
    lodged = {"project": project.pk, "procedure": "DT-03", "submitted_on": timezone.localdate().isoformat()}
    assert client.post(reverse("licensing:application_new"), lodged).status_code == 302
    first = Application.objects.get()
    response = client.post(reverse("licensing:application_new"), lodged)
    assert response.status_code == 200 and Application.objects.count() == 1
    assert f"This dossier is recorded already: {first.dossier_code}" in response.content.decode()
    assert 'type="checkbox" name="another"' in response.content.decode()  # offered only now
    assert client.post(reverse("licensing:application_new"), {**lodged, "another": "on"}).status_code == 302
    assert Application.objects.count() == 2
    services.investor_transition(account, first, ApplicationStatus.WITHDRAWN)
    Application.objects.exclude(pk=first.pk).delete()
    assert client.post(reverse("licensing:application_new"), lodged).status_code == 302  # the first was withdrawn
    assert 'type="checkbox" name="another"' not in client.get(reverse("licensing:application_new")).content.decode()


def test_sign_up_with_an_e_mail_any_account_uses_tells_only_its_owner(client, catalogue):
    staff = officer("officer-bql", "bql-kkt")
    staff.email = "Officer.BQL@agency.example"
    staff.save()
    fields = {"company": "Squatter", "country": "VN", "password1": "a-Strong-pass-2026",
              "password2": "a-Strong-pass-2026"}
    taken = client.post(reverse("licensing:signup"), {"email": "officer.bql@AGENCY.example", **fields})
    fresh = client.post(reverse("licensing:signup"), {"email": "someone.new@example.org", **fields})
    # The page answers the same for a used address and a new one: nobody learns who has an account.
    assert taken.content.decode().replace("officer.bql@agency.example", "X") == \
        fresh.content.decode().replace("someone.new@example.org", "X")
    assert InvestorMembership.objects.count() == 1  # only the new address got an account
    owner_mail = next(m for m in mail.outbox if m.to == ["Officer.BQL@agency.example"])
    assert "already has one" in owner_mail.body and "/password-reset/" in owner_mail.body
    # An unconfirmed account with the same address (made before this check) does not take the address over.
    get_user_model().objects.create_user("squatter", "officer.bql@agency.example", "x-Strong-pass-2026",
                                         is_active=False)
    response = client.post(reverse("licensing:signin"), {"username": "officer.bql@agency.example",
                                                          "password": PASSWORD})
    assert response.status_code == 302


def test_staff_signing_in_on_the_site_go_to_the_admin_and_a_wrong_password_says_what_to_check(client, catalogue):
    officer("officer-fin", "so-tai-chinh")
    url = reverse("licensing:signin")
    wrong = client.post(url, {"username": "officer-fin", "password": "nope"}).content.decode()
    assert "e-mail (or user name) and password do not match" in wrong and "Please enter a correct" not in wrong
    response = client.post(url, {"username": "officer-fin", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
