"""Aftercare pages: the investor's own issues only (another's answers 404, the anonymous sign in), raising one
and replying; the board's list, filters, issue page, forms and account officers, guarded by permissions, an
agency officer reaching their agency's issues only; names with markup stay text."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promotion import aftercare
from promotion.models import AftercareAccount, AftercareIssue, AftercareMessage, IssueStatus
from tests.factories_aftercare import agency, agency_officer, board, issue, operating_project
from tests.factories_licensing import user
from tests.factories_promotion import officer

SCRIPT = "<script>alert(1)</script>"


def refused(response) -> bool:
    """The admin answers a missing permission by sending the user to its home page."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def not_found(client, method: str, url: str, data=None) -> bool:
    """The admin's 404: outside the language prefix Django redirects a 404 to the prefixed path (which is
    missing too), so the answer is a 302 to ``/en<url>`` that answers 404, and nothing is revealed."""
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"] == f"/en{url}":
        response = client.get(response["Location"])
    return response.status_code == 404


@pytest.fixture
def people(db):
    staff = board("hoa")
    investor, project = operating_project("lan")
    other, other_project = operating_project("kim")
    return staff, investor, project, other, other_project


# --- the investor ------------------------------------------------------------------------------------------
def test_investor_lists_their_own_issues_and_another_investors_answers_404(client, people):
    _staff, investor, project, other, other_project = people
    mine = issue(project, investor, title="Our power cuts")
    theirs = issue(other_project, other, title="Their customs hold")
    client.force_login(investor)
    text = client.get(reverse("promotion:aftercare")).content.decode()
    assert mine.reference in text and "Our power cuts" in text
    assert theirs.reference not in text and "Their customs hold" not in text
    assert client.get(reverse("promotion:aftercare_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("promotion:aftercare_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("promotion:aftercare_detail", args=[theirs.pk]), {"body": "Hi"}).status_code == 404
    assert not AftercareMessage.objects.exists()


def test_anonymous_visitors_sign_in_and_users_acting_for_no_investor_are_refused(client, people):
    staff, investor, project, *_ = people
    item = issue(project, investor)
    for url in (reverse("promotion:aftercare"), reverse("promotion:aftercare_new"),
                reverse("promotion:aftercare_detail", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("licensing:signin"))
    client.force_login(staff)
    assert client.get(reverse("promotion:aftercare")).status_code == 403


def test_investor_raises_an_issue_for_their_operating_project_only(client, people):
    _staff, investor, project, _other, other_project = people
    client.force_login(investor)
    page = client.get(reverse("promotion:aftercare_new")).content.decode()
    assert project.code in page and other_project.code not in page
    data = {"project": project.pk, "category": "customs", "title": "Moulds held", "description": "At Hoa Lu."}
    response = client.post(reverse("promotion:aftercare_new"), data)
    created = AftercareIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("promotion:aftercare_detail",
                                                                          args=[created.pk])
    assert created.raised_by_investor and created.raised_by == investor and created.category == "customs"
    response = client.post(reverse("promotion:aftercare_new"), {**data, "project": other_project.pk})
    assert response.status_code == 200 and AftercareIssue.objects.count() == 1


def test_investor_without_an_operating_project_is_told_so(client, db):
    builder, _project = operating_project("duc", status="under_construction")
    client.force_login(builder)
    assert "Raise an issue" not in client.get(reverse("promotion:aftercare")).content.decode()
    text = client.get(reverse("promotion:aftercare_new")).content.decode()
    assert "none of your projects is operating yet" in text and "<form" not in text.split("</header>")[-1]


def test_investor_reads_the_public_conversation_and_replies(client, people):
    staff, investor, project, *_ = people
    aftercare.assign_account_officer(project, staff, staff)
    item = issue(project, investor)
    aftercare.answer(item, staff, "A technician comes on Tuesday.")
    aftercare.note(item, staff, "Secret: the substation is overloaded")
    aftercare.resolve(item, staff)
    client.force_login(investor)
    url = reverse("promotion:aftercare_detail", args=[item.pk])
    text = client.get(url).content.decode()
    assert "A technician comes on Tuesday." in text and "Secret" not in text and "hoa" in text
    assert client.post(url, {"body": "It failed again."}).status_code == 302
    item.refresh_from_db()
    assert item.status == IssueStatus.IN_PROGRESS
    assert "It failed again." in client.get(url).content.decode()


def test_investor_pages_escape_markup(client, people):
    staff, investor, project, *_ = people
    investor.first_name = SCRIPT
    investor.save()
    item = issue(project, investor, title=f"Title {SCRIPT}", description=f"Text {SCRIPT}")
    aftercare.answer(item, staff, f"Answer {SCRIPT}")
    client.force_login(investor)
    for url in (reverse("promotion:aftercare"), reverse("promotion:aftercare_detail", args=[item.pk])):
        text = client.get(url).content.decode()
        assert SCRIPT not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_my_projects_links_to_aftercare(client, people):
    _staff, investor, *_ = people
    client.force_login(investor)
    text = client.get(reverse("licensing:my_projects")).content.decode()
    assert f'href="{reverse("promotion:aftercare")}"' in text


# --- the board ---------------------------------------------------------------------------------------------
def test_admin_pages_need_the_permissions(client, people):
    _staff, investor, project, *_ = people
    item = issue(project, investor)
    client.force_login(officer("tam"))
    for url in (reverse("promotion_aftercare:issues"), reverse("promotion_aftercare:detail", args=[item.pk]),
                reverse("promotion_aftercare:accounts")):
        assert refused(client.get(url))
    reader = officer("binh", "view_aftercareissue")
    client.force_login(reader)
    text = client.get(reverse("promotion_aftercare:detail", args=[item.pk])).content.decode()
    assert item.reference in text and "Send the answer" not in text
    assert refused(client.get(reverse("promotion_aftercare:new")))
    for name in ("answer", "note", "resolve", "close", "escalate"):
        assert refused(client.post(reverse(f"promotion_aftercare:{name}", args=[item.pk]), {"body": "Hello"}))
    assert refused(client.post(reverse("promotion_aftercare:name_officer"), {"project": project.pk,
                                                                             "officer": reader.pk}))
    item.refresh_from_db()
    assert item.status == IssueStatus.OPEN and not AftercareMessage.objects.exists()
    assert not AftercareAccount.objects.exists()


def test_anonymous_visitor_is_sent_to_the_admin_sign_in(client, db):
    response = client.get(reverse("promotion_aftercare:issues"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_board_filters_the_list(client, people):
    staff, investor, project, *_ = people
    construction = agency()
    land = issue(project, investor, category="land", title="Boundary")
    power = issue(project, investor, title="Power", agency=construction)
    AftercareIssue.objects.filter(pk=power.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    aftercare.assign_owner(land, staff, staff)
    client.force_login(staff)
    url = reverse("promotion_aftercare:issues")

    def listed(**params):
        text = client.get(url, params).content.decode()
        return {item.reference for item in (land, power) if item.reference in text}

    assert listed() == {land.reference, power.reference}
    assert listed(category="land") == {land.reference}
    assert listed(status="in_progress") == {land.reference}
    assert listed(agency=construction.pk) == {power.reference}
    assert listed(owner=staff.pk) == {land.reference}
    assert listed(overdue="on") == {power.reference}


def test_agency_officer_sees_only_their_agencys_issues(client, people):
    _staff, investor, project, *_ = people
    construction, finance = agency(), agency("so-tai-chinh", "Department of Finance")
    ours = issue(project, investor, title="Permit", agency=construction)
    theirs = issue(project, investor, title="Tax", agency=finance)
    inspector = agency_officer("an", construction)
    client.force_login(inspector)
    text = client.get(reverse("promotion_aftercare:issues")).content.decode()
    assert ours.reference in text and theirs.reference not in text
    assert client.get(reverse("promotion_aftercare:detail", args=[ours.pk])).status_code == 200
    assert not_found(client, "get", reverse("promotion_aftercare:detail", args=[theirs.pk]))
    assert not_found(client, "post", reverse("promotion_aftercare:answer", args=[theirs.pk]), {"body": "Hi"})
    assert not_found(client, "post", reverse("promotion_aftercare:close", args=[theirs.pk]))
    assert not_found(client, "post", reverse("promotion_aftercare:answer", args=[theirs.pk]), {"body": ""})
    theirs.refresh_from_db()
    assert theirs.status == IssueStatus.OPEN and not AftercareMessage.objects.exists()


def test_board_works_an_issue_through_its_forms(client, people):
    staff, investor, project, *_ = people
    colleague = board("minh")
    construction = agency()
    item = issue(project, investor)
    client.force_login(staff)

    def post(name, data=None):
        response = client.post(reverse(f"promotion_aftercare:{name}", args=[item.pk]), data or {})
        assert response.status_code == 302
        item.refresh_from_db()

    post("owner", {"owner": colleague.pk})
    assert item.owner == colleague and item.status == IssueStatus.IN_PROGRESS
    post("agency", {"agency": construction.pk})
    assert item.agency == construction
    post("note", {"body": "Internal"})
    post("answer", {"body": "Public answer"})
    assert item.answer == "Public answer"
    assert list(item.messages.values_list("internal", flat=True)) == [True, False]
    post("escalate")
    assert item.status == IssueStatus.ESCALATED
    post("escalate")  # a second time: refused with a message, nothing changes
    assert "already been escalated" in client.get(reverse("promotion_aftercare:detail", args=[item.pk])
                                                  ).content.decode()
    post("resolve")
    assert item.status == IssueStatus.RESOLVED
    post("close")
    assert item.status == IssueStatus.CLOSED
    assert "Send the answer" not in client.get(reverse("promotion_aftercare:detail", args=[item.pk])
                                               ).content.decode()


def test_board_raises_an_issue(client, people):
    staff, _investor, project, *_ = people
    client.force_login(staff)
    response = client.post(reverse("promotion_aftercare:new"), {
        "project": project.pk, "category": "tax", "title": "VAT refund", "description": "Slow refund."})
    created = AftercareIssue.objects.get()
    assert response["Location"] == reverse("promotion_aftercare:detail", args=[created.pk])
    assert not created.raised_by_investor and created.raised_by == staff


def test_account_officers_are_named_from_the_accounts_list(client, people):
    staff, _investor, project, _other, other_project = people
    _builder, building = operating_project("duc", status="under_construction")
    client.force_login(staff)
    text = client.get(reverse("promotion_aftercare:accounts")).content.decode()
    assert project.code in text and other_project.code in text and building.code not in text
    response = client.post(reverse("promotion_aftercare:name_officer"), {"project": project.pk,
                                                                         "officer": staff.pk})
    assert response.status_code == 302
    assert AftercareAccount.objects.get().officer == staff
    client.post(reverse("promotion_aftercare:name_officer"), {"project": building.pk, "officer": staff.pk})
    assert AftercareAccount.objects.count() == 1
    unassigned = client.get(reverse("promotion_aftercare:accounts"), {"unassigned": "1"}).content.decode()
    assert other_project.code in unassigned and project.code not in unassigned


def test_admin_escapes_names_and_texts(client, people):
    staff, investor, project, *_ = people
    investor.username = "lan-x"
    investor.first_name = SCRIPT
    investor.save()
    item = issue(project, investor, title=f"Title {SCRIPT}", description=f"Text {SCRIPT}")
    aftercare.note(item, staff, f"Note {SCRIPT}")
    client.force_login(staff)
    for url in (reverse("promotion_aftercare:issues"), reverse("promotion_aftercare:detail", args=[item.pk])):
        text = client.get(url).content.decode()
        assert SCRIPT not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_menu_item_for_those_who_may_read_issues(client, people):
    staff, *_ = people
    client.force_login(staff)
    assert reverse("promotion_aftercare:issues") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(user("plain", is_staff=True))
    assert reverse("promotion_aftercare:issues") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_investor_pages_speak_vietnamese(client, people):
    from django.utils import translation

    _staff, investor, project, *_ = people
    issue(project, investor, category="utilities")
    client.force_login(investor)
    with translation.override("vi"):
        url = reverse("promotion:aftercare")
    text = client.get(url).content.decode()
    assert "Hậu đầu tư: vướng mắc của tôi" in text and "Điện, nước, viễn thông" in text and ">Mới<" in text
