"""Aftercare's rules: who may raise an issue for which project, the due date in working days, the owner,
the moves of an issue's status, escalation once (by hand and by the daily scan), who sees which issue, the
answer e-mailed to the investor's people, and the board dashboard's aftercare items."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from projects.choices import ProjectStatus
from promotion import aftercare, aftercare_mail
from promotion.models import AftercareAccount, AftercareIssue, AftercareMessage, IssueStatus
from promotion.wagtail_hooks import aftercare_work
from tests.factories_aftercare import agency, agency_officer, board, heads_member, issue, operating_project
from tests.factories_promotion import officer
from tests.waiting import wait_until

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 3, 16)  # a Monday


@pytest.fixture
def people(db):
    """The board's officer, an investor's user with an operating project and another investor's."""
    staff = board("hoa")
    investor, project = operating_project("lan")
    other, other_project = operating_project("kim")
    return staff, investor, project, other, other_project


def late(item: AftercareIssue, due: date = TODAY - timedelta(days=1)) -> AftercareIssue:
    AftercareIssue.objects.filter(pk=item.pk).update(due_on=due)
    item.refresh_from_db()
    return item


def test_investor_raises_an_issue_due_in_working_days_owned_by_the_account_officer(people):
    staff, investor, project, *_ = people
    aftercare.assign_account_officer(project, staff, staff)
    # Raised Wednesday 29 April 2026: 30 April and 1 May are holidays, 2-3 May a weekend; utilities get 5 days.
    item = issue(project, investor, raised_at=datetime(2026, 4, 29, 10, tzinfo=HANOI))
    assert re.fullmatch(r"AFT-2026-\d{6}", item.reference)
    assert item.due_on == date(2026, 5, 8)
    assert item.owner == staff and item.status == IssueStatus.OPEN
    assert item.raised_by == investor and item.raised_by_investor and item.agency is None


def test_due_days_by_category_may_be_overridden_in_settings(people, settings):
    _staff, investor, project, *_ = people
    settings.AFTERCARE_DUE_DAYS = {"utilities": 1}
    item = issue(project, investor, raised_at=datetime(2026, 3, 13, 9, tzinfo=HANOI))  # a Friday
    assert item.due_on == date(2026, 3, 16)
    land = issue(project, investor, category="land", raised_at=datetime(2026, 3, 13, 9, tzinfo=HANOI))
    assert land.due_on == date(2026, 4, 3)  # 15 working days: the table's default is kept


def test_investor_raises_only_for_their_own_operating_projects(people):
    staff, investor, project, other, other_project = people
    with pytest.raises(aftercare.AftercareError):
        issue(other_project, investor)
    _user, building = operating_project("duc", status=ProjectStatus.UNDER_CONSTRUCTION)
    with pytest.raises(aftercare.AftercareError):
        issue(building, _user)
    with pytest.raises(aftercare.AftercareError):
        issue(project, investor, category="weather")
    with pytest.raises(aftercare.AftercareError):  # an investor may not pose as the board
        issue(project, investor, by_investor=False)
    assert not AftercareIssue.objects.exists()
    raised = issue(other_project, staff, by_investor=False)
    assert raised.raised_by == staff and not raised.raised_by_investor and raised.owner is None


def test_an_agency_officers_issue_involves_their_agency(people):
    *_, other_project = people
    construction = agency()
    inspector = agency_officer("an", construction)
    assert issue(other_project, inspector, by_investor=False).agency == construction


def test_account_officer_must_be_able_to_work_issues_and_the_project_operating(people):
    staff, investor, project, *_ = people
    reader = officer("binh", "view_aftercareissue")
    with pytest.raises(aftercare.AftercareError):
        aftercare.assign_account_officer(project, reader, staff)
    with pytest.raises(aftercare.AftercareError):
        aftercare.assign_account_officer(project, staff, reader)
    _user, building = operating_project("duc", status=ProjectStatus.UNDER_CONSTRUCTION)
    with pytest.raises(aftercare.AftercareError):
        aftercare.assign_account_officer(building, staff, staff)
    account = aftercare.assign_account_officer(project, staff, staff)
    AftercareAccount.objects.filter(pk=account.pk).update(since=date(2025, 1, 2))
    assert aftercare.assign_account_officer(project, staff, staff).since == date(2025, 1, 2)  # same officer
    colleague = board("minh")
    account = aftercare.assign_account_officer(project, colleague, staff)
    assert account.officer == colleague and account.since == timezone.localdate()
    assert AftercareAccount.objects.count() == 1


def test_status_moves_through_answer_resolution_reply_and_closing(people):
    staff, investor, project, other, _ = people
    item = issue(project, investor)
    message = aftercare.answer(item, staff, "The power company visits on Monday.")
    item.refresh_from_db()
    assert item.status == IssueStatus.IN_PROGRESS and item.answer == "The power company visits on Monday."
    assert item.answered_at == message.created_at and item.owner == staff
    aftercare.note(item, staff, "Call the district electricity office")
    assert [m.body for m in aftercare.public_messages(item)] == ["The power company visits on Monday."]
    aftercare.resolve(item, staff)
    assert item.status == IssueStatus.RESOLVED and item.resolved_at is not None
    with pytest.raises(aftercare.AftercareError):
        aftercare.investor_reply(item, other, "Me too")
    aftercare.investor_reply(item, investor, "The cuts are back.")
    item.refresh_from_db()
    assert item.status == IssueStatus.IN_PROGRESS and item.resolved_at is None
    aftercare.close(item, staff)
    for action in (lambda: aftercare.answer(item, staff, "Again"), lambda: aftercare.investor_reply(
            item, investor, "Again"), lambda: aftercare.resolve(item, staff), lambda: aftercare.close(item, staff),
            lambda: aftercare.escalate(item, staff)):
        with pytest.raises(aftercare.AftercareError):
            action()
    assert AftercareMessage.objects.filter(issue=item).count() == 3


def test_owner_must_be_able_to_work_issues_and_a_reader_changes_nothing(people):
    staff, investor, project, *_ = people
    item = issue(project, investor)
    reader = officer("binh", "view_aftercareissue")
    with pytest.raises(aftercare.AftercareError):
        aftercare.assign_owner(item, reader, staff)
    with pytest.raises(aftercare.AftercareError):
        aftercare.assign_owner(item, staff, reader)
    with pytest.raises(aftercare.AftercareError):
        aftercare.answer(item, reader, "Hello")
    aftercare.assign_owner(item, staff, staff)
    item.refresh_from_db()
    assert item.owner == staff and item.status == IssueStatus.IN_PROGRESS


def test_escalated_once_by_hand(people):
    staff, investor, project, *_ = people
    head = heads_member()
    item = issue(project, investor)
    aftercare.escalate(item, staff)
    item.refresh_from_db()
    assert item.status == IssueStatus.ESCALATED and item.escalated_at is not None
    assert item.escalated_to == head.email
    with pytest.raises(aftercare.AftercareError):
        aftercare.escalate(item, staff)
    aftercare.resolve(item, staff)
    assert aftercare.escalate_overdue(TODAY + timedelta(days=90)) == 0  # settled, and escalated already


def test_overdue_issues_are_escalated_once_and_the_heads_emailed_once(people):
    staff, investor, project, *_ = people
    head = heads_member()
    overdue = late(issue(project, investor, title="Overdue"))
    due_today = late(issue(project, investor, title="Due today"), TODAY)
    settled = late(issue(project, investor, title="Settled"))
    aftercare.resolve(settled, staff)
    mail.outbox.clear()
    assert aftercare.escalate_overdue(TODAY) == 1
    overdue.refresh_from_db()
    due_today.refresh_from_db()
    assert overdue.status == IssueStatus.ESCALATED and due_today.escalated_at is None
    assert [message.to for message in mail.outbox] == [[head.email]]
    assert overdue.reference in mail.outbox[0].subject and "Overdue" in mail.outbox[0].body
    assert f"/admin/aftercare/{overdue.pk}/" in mail.outbox[0].body
    aftercare.answer(overdue, staff, "On it")  # still escalated, still unresolved
    assert aftercare.escalate_overdue(TODAY) == 0
    assert aftercare.escalate_overdue(TODAY + timedelta(days=1)) == 1  # the one due today is late tomorrow
    assert len(mail.outbox) == 2
    assert aftercare_mail.send_escalation(overdue.pk) is False  # a redelivered task sends nothing twice


def test_visible_issues_for_the_board_an_agency_officer_and_others(people):
    staff, investor, project, *_ = people
    construction, finance = agency(), agency("so-tai-chinh", "Department of Finance")
    built = issue(project, investor, title="Permit", agency=construction)
    taxed = issue(project, investor, title="Tax", agency=finance)
    loose = issue(project, investor, title="Nobody")
    inspector = agency_officer("an", construction)
    assert set(aftercare.visible_issues(staff)) == {built, taxed, loose}
    assert list(aftercare.visible_issues(inspector)) == [built]
    assert not aftercare.visible_issues(officer("tam")).exists()  # holds nothing on aftercare
    assert not aftercare.visible_issues(investor).exists()
    with pytest.raises(aftercare.AftercareError):
        aftercare.answer(taxed, inspector, "Not my agency")
    with pytest.raises(aftercare.AftercareError):  # nor may they hand their issue to another agency
        aftercare.set_agency(built, finance, inspector)
    aftercare.set_agency(taxed, construction, staff)
    assert taxed in aftercare.visible_issues(inspector)


def test_board_work_items_count_what_the_user_sees(people, rf: RequestFactory):
    staff, investor, project, *_ = people
    construction = agency()
    opened = issue(project, investor, agency=construction)
    overdue = late(issue(project, investor))
    escalated = issue(project, investor)
    aftercare.escalate(escalated, staff)
    request = rf.get("/admin/")
    request.user = staff
    items = {item["label"]: item for item in aftercare_work(request)}
    assert {str(label): item["count"] for label, item in items.items()} == {
        "Open issues": 2, "Overdue issues": 1, "Escalated issues": 1}
    overdue_item = next(item for item in items.values() if item["tone"] == "critical")
    assert overdue_item["url"] == "/admin/aftercare/?overdue=on" and str(overdue_item["group"]) == "Aftercare"
    assert all(isinstance(item["order"], int) for item in items.values())
    request.user = agency_officer("an", construction)
    assert [item["count"] for item in aftercare_work(request)] == [1, 0, 0]
    request.user = officer("tam")
    assert aftercare_work(request) == []
    assert opened.pk and overdue.pk


@pytest.mark.django_db(transaction=True)
def test_answer_is_emailed_to_the_investors_people_by_the_worker(celery_worker):
    staff = board("hoa")
    investor, project = operating_project("lan")
    item = issue(project, investor, title="Water pressure")
    mail.outbox.clear()
    aftercare.note(item, staff, "Internal: call the water company")
    aftercare.answer(item, staff, "The water company raises the pressure on Friday.")
    wait_until(lambda: len(mail.outbox) == 1, timeout=30, message="the answer e-mailed")
    sent = mail.outbox[0]
    assert sent.to == [investor.email] and item.reference in sent.subject and "Water pressure" in sent.subject
    assert "The water company raises the pressure on Friday." in sent.body and "Internal" not in sent.body
    assert f"/en/enquiries/aftercare/{item.pk}/" in sent.body
    message = AftercareMessage.objects.get(internal=False)
    wait_until(lambda: AftercareMessage.objects.get(pk=message.pk).emailed_at is not None, timeout=30,
               message="the answer stamped as sent")
    assert aftercare_mail.send_answer(message.pk) is False
    assert aftercare_mail.send_answer(AftercareMessage.objects.get(internal=True).pk) is False
    assert len(mail.outbox) == 1


def test_demo_names_account_officers_and_illustrative_issues_once(db):
    from promotion import demo_aftercare

    projects = [operating_project(name)[1] for name in ("p1", "p2", "p3", "p4")]
    operating_project("p5", status=ProjectStatus.UNDER_CONSTRUCTION)
    assert demo_aftercare.load() == 5
    assert demo_aftercare.load() == 0
    accounts = AftercareAccount.objects.select_related("officer")
    assert sorted(account.project.code for account in accounts) == sorted(p.code for p in projects)[:3]
    assert {account.officer.username for account in accounts} == {demo_aftercare.OFFICER}
    assert all("illustrative" in title for title in AftercareIssue.objects.values_list("title", flat=True))
    assert set(AftercareIssue.objects.values_list("status", flat=True)) == set(IssueStatus.values)
    demo_investor = AftercareIssue.objects.filter(raised_by__username=demo_aftercare.INVESTOR).first()
    assert demo_investor is not None and demo_investor in aftercare.for_investor(demo_investor.raised_by)
    assert AftercareMessage.objects.filter(emailed_at__isnull=True).count() == 0  # records of the past
