"""Permission matrix over every licensing route: anonymous, investor, investor of another company, officer,
officer of another agency, editor, admin. Enumerating ids and codes finds nothing (404, never 403)."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from licensing import services
from licensing.models import ApplicationAttachment
from tests.factories_licensing import editor, investor_with_project, load_catalogue, officer, user

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "investor", "other_investor", "officer", "other_officer", "editor", "admin"]


@pytest.fixture
def world(home_page, settings):
    settings.LICENSING_WEBHOOK_SECRET = "matrix-secret"
    load_catalogue()
    investor, _company, project = investor_with_project("pm-investor")
    other_investor, _other_company, _other_project = investor_with_project("pm-other")
    application = services.record_application(investor, project, "DN-01", date(2026, 3, 2))
    attachment = ApplicationAttachment(application=application, original_name="a.pdf",
                                       content_type="application/pdf", size=9, uploaded_by=investor)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    application.result_file.save("result.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    users = {
        "anonymous": None, "investor": investor, "other_investor": other_investor,
        "officer": officer("pm-officer", "so-tai-chinh"), "other_officer": officer("pm-other-officer", "bql-kkt"),
        "editor": editor("pm-editor"), "admin": user("pm-admin", is_superuser=True, is_staff=True),
    }
    return {"users": users, "application": application, "attachment": attachment, "project": project}


def _routes(world):
    a, att = world["application"], world["attachment"]
    public = dict.fromkeys(ROLES, 200)
    investor_only = {"anonymous": 302, "investor": 200, "other_investor": 200, "officer": 403,
                     "other_officer": 403, "editor": 403, "admin": 403}
    own_dossier = {**investor_only, "other_investor": 404}
    # Inside /admin/ Wagtail answers a permission error with a redirect to the dashboard, and a 404 outside the
    # language prefix becomes a redirect to the (missing) prefixed path: both are 302 that reveal nothing.
    officer_queue = {"anonymous": 302, "investor": 302, "other_investor": 302, "officer": 200,
                     "other_officer": 200, "editor": 302, "admin": 200}
    officer_dossier = {**officer_queue, "other_officer": 302}
    return [
        ("get", reverse("licensing:plan"), public),
        ("get", reverse("licensing:track"), public),
        ("get", reverse("licensing:performance"), public),
        ("get", reverse("licensing:signup"), public),
        ("get", reverse("licensing:password_reset"), public),
        ("get", reverse("licensing:password_reset_done"), public),
        ("get", reverse("licensing:password_reset_complete"), public),
        ("get", reverse("licensing:password_reset_confirm", args=["MQ", "bad-token"]), public),
        ("get", reverse("licensing:activate", args=["MQ", "bad-token"]), dict.fromkeys(ROLES, 400)),
        ("get", reverse("licensing:signin"), {**public, **{r: 302 for r in ROLES if r != "anonymous"}}),
        ("get", reverse("licensing:my_projects"), investor_only),
        ("get", reverse("licensing:my_applications"), investor_only),
        ("get", reverse("licensing:project_new"), investor_only),
        ("get", reverse("licensing:my_project", args=[world["project"].pk]), own_dossier),
        ("get", reverse("licensing:application_new"), investor_only),
        ("get", reverse("licensing:notifications"), investor_only),
        ("get", reverse("licensing:application_detail", args=[a.pk]), own_dossier),
        ("get", reverse("licensing:attachment_download", args=[a.pk, att.pk]), own_dossier),
        ("get", reverse("licensing:result_download", args=[a.pk]), own_dossier),
        ("post", reverse("licensing:application_move", args=[a.pk]), {**own_dossier, "investor": 302}),
        ("get", reverse("licensing:webhook"), dict.fromkeys(ROLES, 405)),
        ("post", reverse("licensing:webhook"), dict.fromkeys(ROLES, 401)),
        ("get", reverse("licensing_admin:queue"), officer_queue),
        ("get", reverse("licensing_admin:import"), {**dict.fromkeys(ROLES, 302), "admin": 200}),
        ("get", reverse("licensing_admin:application", args=[a.pk]), officer_dossier),
        ("get", reverse("licensing_admin:attachment", args=[a.pk, att.pk]), officer_dossier),
        ("get", reverse("licensing_admin:result", args=[a.pk]), officer_dossier),
        ("post", reverse("licensing:signout"), dict.fromkeys(ROLES, 302)),  # last: it signs the user out
    ]


@pytest.mark.smoke
def test_permission_matrix(client, world):
    failures = []
    for role in ROLES:
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for method, url, expected in _routes(world):
            data = {"status": "withdrawn"} if "move" in url else {}
            response = getattr(client, method)(url, data)
            if response.status_code != expected[role]:
                failures.append(f"{role} {method.upper()} {url}: {response.status_code} != {expected[role]}")
    assert not failures, "\n".join(failures)


def test_catalogue_admin_is_for_admins(client, world):
    client.force_login(world["users"]["admin"])
    assert client.get("/admin/snippets/licensing/procedure/").status_code == 200
    assert client.get("/admin/snippets/licensing/applicabilityrule/").status_code == 200
    client.force_login(world["users"]["investor"])
    assert client.get("/admin/snippets/licensing/procedure/").status_code == 302


def test_enumeration_finds_nothing(client, world):
    a = world["application"]
    client.force_login(world["users"]["other_investor"])
    for pk in range(max(1, a.pk - 5), a.pk + 5):
        assert client.get(reverse("licensing:application_detail", args=[pk])).status_code == 404
        assert client.get(reverse("licensing:attachment_download", args=[pk, world["attachment"].pk])).status_code \
            == 404
    client.force_login(world["users"]["other_officer"])
    for pk in range(max(1, a.pk - 5), a.pk + 5):
        url = reverse("licensing_admin:application", args=[pk])
        response = client.get(url)
        assert response.status_code == 302 and response.url == f"/en{url}"  # the 404 of LocaleMiddleware
        assert client.get(url, follow=True).status_code == 404
    client.logout()
    track = reverse("licensing:track")
    assert client.post(track, {"dossier_code": a.dossier_code, "token": other_last(a.tracking_token)}).status_code \
        == 404
    assert client.post(track, {"dossier_code": other_last(a.dossier_code), "token": a.tracking_token}).status_code \
        == 404


def other_last(text: str) -> str:
    """``text`` with another last character (a random token may already end in the one put there)."""
    return text[:-1] + ("y" if text.endswith("x") else "x")


def test_admin_refuses_a_cycle_with_its_name(client, world):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from licensing.models import Procedure, ProcedurePrerequisite

    client.force_login(world["users"]["admin"])
    assert client.get("/admin/snippets/licensing/procedure/add/").status_code == 200
    assert client.get("/admin/snippets/licensing/applicabilityrule/add/").status_code == 200
    irc = Procedure.objects.get(code="DT-03")
    notice = Procedure.objects.get(code="XD-03")
    data = nested_form_data({
        "code": irc.code, "agency": irc.agency_id, "name_vi": irc.name_vi, "name_en": irc.name_en,
        "time_limit": irc.time_limit, "time_unit": irc.time_unit, "online_level": irc.online_level,
        "result_vi": irc.result_vi, "result_en": irc.result_en, "portal_url": "", "effective_from": "2021-01-01",
        "effective_to": "", "reason_all_vi": "", "reason_all_en": "",
        "legal_basis": [doc.pk for doc in irc.legal_basis.all()],
        "prerequisites": inline_formset([{"requires": notice.pk}]),
        "fees": inline_formset([]), "documents": inline_formset([]), "steps": inline_formset([]),
    })
    response = client.post(f"/admin/snippets/licensing/procedure/edit/{irc.pk}/", data)
    assert response.status_code == 200
    assert "This prerequisite would create a cycle: DT-03 → XD-03" in response.content.decode()
    assert not ProcedurePrerequisite.objects.filter(procedure=irc, requires=notice).exists()
