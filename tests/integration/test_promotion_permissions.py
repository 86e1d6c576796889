"""Permission matrix over every route of the promotion app (enquiries, leads, aftercare; public and admin) for
every role: anonymous, the investor, another investor, an enquiry officer, a lead officer, the board's aftercare
staff, an agency officer, an editor and an admin. A refused POST changes nothing; another person's object is a
404; a new route without a line in the matrix fails; no public route shows a lead."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from promotion import pipeline, services
from promotion.models import (
    AftercareAccount,
    AftercareIssue,
    AftercareMessage,
    Enquiry,
    EnquiryMessage,
    EnquiryRating,
    Lead,
    LeadActivity,
    LeadStageChange,
)
from tests.factories_aftercare import agency, agency_officer, board, issue, operating_project
from tests.factories_leads import lead, lead_officer, planned_project
from tests.factories_licensing import editor, user
from tests.factories_promotion import enquiry, officer, topic

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "investor", "other_investor", "enquiry_officer", "lead_officer", "aftercare_officer",
         "agency_officer", "editor", "admin"]
NAMESPACES = ("promotion", "promotion_admin", "promotion_leads", "promotion_aftercare")
WRONG_TOKEN = "w" * 43
#: What the state is made of: every row a POST of the promotion app may write.
STATE_MODELS = (Enquiry, EnquiryMessage, EnquiryRating, Lead, LeadStageChange, LeadActivity, AftercareIssue,
                AftercareMessage, AftercareAccount)


@pytest.fixture
def world(home_page):
    investor, project = operating_project("pm-investor")
    other_investor, other_project = operating_project("pm-other")
    admin = user("pm-admin", is_superuser=True, is_staff=True)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    item = enquiry(topic(), user=investor, attachment=pdf)
    services.reply(item, admin, "The plot is free.")  # answered: it may be rated
    elsewhere, own = agency("so-xay-dung", "Department of Construction"), agency("so-cong-thuong", "Industry")
    users = {
        "anonymous": None, "investor": investor, "other_investor": other_investor,
        "enquiry_officer": officer("pm-enquiries", "view_enquiry", "change_enquiry"),
        "lead_officer": lead_officer("pm-leads"), "aftercare_officer": board("pm-aftercare"),
        "agency_officer": agency_officer("pm-agency", own, "view_aftercareissue"),
        "editor": editor("pm-editor"), "admin": admin,
    }
    first, second = planned_project("Matrix plant"), planned_project("Second plant")
    return {
        "users": users, "enquiry": item, "file": item.attachments.get(), "project": project,
        "lead": lead(users["lead_officer"], investor_name="Matrix Lead Co", project=first), "second": second,
        "issue": issue(project, investor, agency=elsewhere),
        "agency_issue": issue(other_project, other_investor, title="Their customs hold", agency=own),
        "own_agency": own, "colleague": board("pm-colleague"),
    }


def _routes(world):
    e, f, ld, i = world["enquiry"], world["file"], world["lead"], world["issue"]
    public = dict.fromkeys(ROLES, 200)
    signed_in = {**public, "anonymous": 302}
    # Aftercare pages are for users acting for an investor: the anonymous sign in, everybody else is refused.
    investor_only = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "investor": 200, "other_investor": 200}
    own_issue = {**investor_only, "other_investor": 404}
    missing = dict.fromkeys(ROLES, 404)
    # Inside /admin/ Wagtail answers a missing permission with a redirect (to its home page, or to sign in).
    refused = dict.fromkeys(ROLES, 302)
    enquiries = {**refused, "enquiry_officer": 200, "admin": 200}
    leads = {**refused, "lead_officer": 200, "admin": 200}
    issues = {**refused, "aftercare_officer": 200, "agency_officer": 200, "admin": 200}
    board_issue = {**issues, "agency_officer": 404}
    board_only = {**refused, "aftercare_officer": 200, "admin": 200}
    return [
        ("get", reverse("promotion:mine"), signed_in),
        ("get", reverse("promotion:ask"), public),
        ("get", reverse("promotion:service"), public),
        ("get", reverse("promotion:detail", args=[e.token]), public),
        ("get", reverse("promotion:detail", args=[WRONG_TOKEN]), missing),
        ("post", reverse("promotion:detail", args=[e.token]), refused),  # whoever holds the link may reply
        ("post", reverse("promotion:detail", args=[WRONG_TOKEN]), missing),
        ("post", reverse("promotion:rate", args=[e.token]), refused),
        ("post", reverse("promotion:rate", args=[WRONG_TOKEN]), missing),
        ("get", reverse("promotion:attachment", args=[e.token, f.pk]), public),
        ("get", reverse("promotion:attachment", args=[WRONG_TOKEN, f.pk]), missing),
        ("get", reverse("promotion:attachment", args=[e.token, f.pk + 1]), missing),
        ("get", reverse("promotion:aftercare"), investor_only),
        ("get", reverse("promotion:aftercare_new"), investor_only),
        ("post", reverse("promotion:aftercare_new"), {**investor_only, "investor": 302}),
        ("get", reverse("promotion:aftercare_detail", args=[i.pk]), own_issue),
        ("post", reverse("promotion:aftercare_detail", args=[i.pk]), {**own_issue, "investor": 302}),
        ("get", reverse("promotion_admin:queue"), enquiries),
        ("get", reverse("promotion_admin:detail", args=[e.pk]), enquiries),
        ("get", reverse("promotion_admin:detail", args=[e.pk + 1000]), {**refused, "enquiry_officer": 404,
                                                                     "admin": 404}),
        ("get", reverse("promotion_admin:attachment", args=[e.pk, f.pk]), enquiries),
        ("post", reverse("promotion_admin:reply", args=[e.pk]), refused),
        ("post", reverse("promotion_admin:assign", args=[e.pk]), refused),
        ("post", reverse("promotion_admin:close", args=[e.pk]), refused),
        ("get", reverse("promotion_leads:list"), leads),
        ("get", reverse("promotion_leads:add"), leads),
        ("post", reverse("promotion_leads:add"), refused),
        ("get", reverse("promotion_leads:export", args=["csv"]), leads),
        ("get", reverse("promotion_leads:export", args=["xlsx"]), leads),
        ("get", reverse("promotion_leads:report"), leads),
        ("get", reverse("promotion_leads:export_figures", args=["csv"]), leads),
        ("get", reverse("promotion_leads:detail", args=[ld.pk]), leads),
        ("get", reverse("promotion_leads:detail", args=[ld.pk + 1000]), {**refused, "lead_officer": 404,
                                                                      "admin": 404}),
        ("get", reverse("promotion_leads:edit", args=[ld.pk]), leads),
        ("post", reverse("promotion_leads:edit", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:move", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:link", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:unlink", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:activity", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:next_action", args=[ld.pk]), refused),
        ("post", reverse("promotion_leads:from_enquiry", args=[e.pk]), refused),
        ("get", reverse("promotion_aftercare:issues"), issues),
        ("get", reverse("promotion_aftercare:accounts"), issues),
        ("get", reverse("promotion_aftercare:new"), board_only),
        ("post", reverse("promotion_aftercare:new"), refused),
        ("post", reverse("promotion_aftercare:name_officer"), refused),
        ("get", reverse("promotion_aftercare:detail", args=[i.pk]), board_issue),
        ("get", reverse("promotion_aftercare:detail", args=[world["agency_issue"].pk]), issues),
        ("post", reverse("promotion_aftercare:answer", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:note", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:owner", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:agency", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:escalate", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:resolve", args=[i.pk]), refused),
        ("post", reverse("promotion_aftercare:close", args=[i.pk]), refused),
    ]


def _posts(world):
    """What each POST sends, and the roles whose POST changes the state (for everyone else it changes
    nothing)."""
    e, ld, i, users = world["enquiry"], world["lead"], world["issue"], world["users"]
    everyone = set(ROLES)
    enquiries, leads, board_staff = {"enquiry_officer", "admin"}, {"lead_officer", "admin"}, {"aftercare_officer",
                                                                                               "admin"}
    lead_fields = {"investor_name": "Renamed Co", "country": "JP", "capital_usd": "2000000", "jobs": 10,
                   "land_ha": "1.50", "likelihood": 70, "owner": users["lead_officer"].pk, "notes": "n"}
    new_issue = {"project": world["project"].pk, "category": "customs", "title": "Moulds held",
                 "description": "At the port."}
    return {
        reverse("promotion:detail", args=[e.token]): ({"body": "Thank you."}, everyone),
        reverse("promotion:detail", args=[WRONG_TOKEN]): ({"body": "Thank you."}, set()),
        reverse("promotion:rate", args=[e.token]): ({"score": 4}, everyone),
        reverse("promotion:rate", args=[WRONG_TOKEN]): ({"score": 4}, set()),
        reverse("promotion:aftercare_new"): (new_issue, {"investor"}),
        reverse("promotion:aftercare_detail", args=[i.pk]): ({"body": "Still cut."}, {"investor"}),
        reverse("promotion_admin:reply", args=[e.pk]): ({"body": "More news."}, enquiries),
        reverse("promotion_admin:assign", args=[e.pk]): ({"officer": users["enquiry_officer"].pk}, enquiries),
        reverse("promotion_admin:close", args=[e.pk]): ({}, enquiries),
        reverse("promotion_leads:add"): ({**lead_fields, "investor_name": "Found Co", "stage": "qualified"}, leads),
        reverse("promotion_leads:edit", args=[ld.pk]): (lead_fields, leads),
        reverse("promotion_leads:move", args=[ld.pk]): ({"stage": "qualified"}, leads),
        reverse("promotion_leads:link", args=[ld.pk]): ({"project": world["second"].pk}, leads),
        reverse("promotion_leads:unlink", args=[ld.pk]): ({}, leads),
        reverse("promotion_leads:activity", args=[ld.pk]): (
            {"kind": "call", "date": "2026-03-02", "summary": "Called."}, leads),
        reverse("promotion_leads:next_action", args=[ld.pk]): (
            {"next_action": "Visit", "next_action_on": "2026-04-01"}, leads),
        reverse("promotion_leads:from_enquiry", args=[e.pk]): ({}, leads),
        reverse("promotion_aftercare:new"): (new_issue, board_staff),
        reverse("promotion_aftercare:name_officer"): (
            {"project": world["project"].pk, "officer": users["aftercare_officer"].pk}, board_staff),
        reverse("promotion_aftercare:answer", args=[i.pk]): ({"body": "We called EVN."}, board_staff),
        reverse("promotion_aftercare:note", args=[i.pk]): ({"body": "Internal."}, board_staff),
        reverse("promotion_aftercare:owner", args=[i.pk]): ({"owner": world["colleague"].pk}, board_staff),
        reverse("promotion_aftercare:agency", args=[i.pk]): ({"agency": world["own_agency"].pk}, board_staff),
        reverse("promotion_aftercare:escalate", args=[i.pk]): ({}, board_staff),
        reverse("promotion_aftercare:resolve", args=[i.pk]): ({}, board_staff),
        reverse("promotion_aftercare:close", args=[i.pk]): ({}, board_staff),
    }


def _state() -> list:
    return [list(model.objects.order_by("pk").values()) for model in STATE_MODELS]


def _status(client, method: str, url: str, data) -> int:
    """The answer's status; outside the language prefix Django turns a 404 into a redirect to the prefixed
    path (missing too), counted here as the 404 it is."""
    response = getattr(client, method)(url, data)
    if response.status_code == 302 and response["Location"] == f"/en{url}":
        return client.get(response["Location"]).status_code
    return response.status_code


@pytest.mark.smoke
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    posts = _posts(world)
    failures = []
    for method, url, expected in _routes(world):
        data, changers = posts[url] if method == "post" else ({}, set())
        before = _state() if method == "post" else None
        status = _status(client, method, url, data)
        if status != expected[role]:
            failures.append(f"{role} {method.upper()} {url}: {status} != {expected[role]}")
        if method == "post" and (_state() != before) != (role in changers):
            failures.append(f"{role} POST {url}: {'changed' if role not in changers else 'did not change'}")
    assert not failures, "\n".join(failures)


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from _names(pattern.url_patterns, inner or "")
        elif isinstance(pattern, URLPattern) and pattern.name and namespace in NAMESPACES:
            yield f"{namespace}:{pattern.name}"


def test_every_route_of_the_app_is_in_the_matrix(world):
    routes = set(_names(get_resolver().url_patterns))
    assert {name.split(":")[0] for name in routes} == set(NAMESPACES)
    covered = {resolve(url).view_name for _method, url, _expected in _routes(world)}
    assert routes - covered == set(), "routes without a line in the permission matrix"


def test_no_public_route_shows_a_lead(client, world):
    secret = {"investor_name": "Hidden Pipeline Co", "next_action": "Secret dinner", "notes": "Secret notes"}
    found = pipeline.lead_from_enquiry(world["enquiry"], world["users"]["lead_officer"])
    Lead.objects.filter(pk=found.pk).update(**secret)
    pipeline.log_activity(found, world["users"]["lead_officer"], kind="call", summary="Secret call")
    Lead.objects.filter(pk=world["lead"].pk).update(**secret)
    public = [url for method, url, _expected in _routes(world) if method == "get" and not url.startswith("/admin/")]
    assert len(public) > 5
    for role in ("anonymous", "investor", "other_investor"):
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        for url in public:
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            for words in (*secret.values(), "Secret call", "Matrix Lead Co"):
                assert words.encode() not in body, f"{role} sees {words!r} on {url}"
            assert b"/admin/leads/" not in body, f"{role} sees a link to a lead on {url}"
    views = [resolve(url).func for url in public]
    assert not any(view.__module__.startswith("promotion.pipeline") for view in views)


def test_a_wrong_token_finds_no_enquiry_and_changes_nothing(client, world):
    e = world["enquiry"]
    client.force_login(world["users"]["investor"])
    before = _state()
    for wrong in (WRONG_TOKEN, e.token[:-1] + ("x" if e.token[-1] != "x" else "y")):
        assert client.get(reverse("promotion:detail", args=[wrong])).status_code == 404
        assert client.post(reverse("promotion:detail", args=[wrong]), {"body": "Hi"}).status_code == 404
        assert client.post(reverse("promotion:rate", args=[wrong]), {"score": 1}).status_code == 404
    assert _state() == before
    assert client.post(reverse("promotion:rate", args=[e.token]), {"score": 1}).status_code == 302
    assert EnquiryRating.objects.get().score == 1
