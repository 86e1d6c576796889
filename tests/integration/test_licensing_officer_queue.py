"""The officers' dossier queue: receipt date and number, order, search and filters, assignment, bulk receipt,
saved filters, export, the agency rule on every path, and dates written as the public site writes them."""

import csv
import io
import re
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from licensing import queue, services, workflow
from licensing.calendar import calendar
from licensing.models import Application, ApplicationAssignment, ApplicationStatus, SavedQueueFilter
from tests.factories_licensing import investor_with_project, load_catalogue, officer

pytestmark = pytest.mark.django_db
COUNTER_DAY = date(2026, 11, 25)
CODES = re.compile(r'data-code="(DOS-[^"]+)"')


@pytest.fixture
def board(home_page):
    """The catalogue; two officers of the Economic Zone Management Board, one of the Department of Finance;
    an investor whose project files dossiers with both."""
    load_catalogue()
    account, _investor, project = investor_with_project("oq-investor")
    return {"investor": account, "project": project, "clerk": officer("oq-clerk", "bql-kkt"),
            "colleague": officer("oq-colleague", "bql-kkt"), "outsider": officer("oq-outsider", "so-tai-chinh")}


def lodge(board, code="DT-03", on=COUNTER_DAY) -> Application:
    return services.record_application(board["investor"], board["project"], code, on, another=True)


def listed(client, **params) -> list[str]:
    return CODES.findall(client.get(reverse("licensing_admin:queue"), params).content.decode())


def receive_url(*applications) -> str:
    ids = "&".join(f"id={a.pk}" for a in applications)
    return f"{reverse('wagtail_bulk_action', args=['licensing', 'application', 'receive'])}?{ids}"


def test_a_receipt_is_dated_when_the_dossier_was_handed_in_and_the_deadline_runs_from_it(client, board):
    dossier = lodge(board)
    client.force_login(board["clerk"])
    page = reverse("licensing_admin:application", args=[dossier.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(page, {"status": "received", "received_on": tomorrow.isoformat()})
    assert response.status_code == 200 and "cannot be in the future" in response.content.decode()
    response = client.post(page, {"status": "received", "received_on": "2026-11-24"})
    assert "before it was submitted (25/11/2026)" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == ApplicationStatus.SUBMITTED and dossier.received_on is None
    response = client.post(page, {"status": "received", "received_on": "2026-11-25", "receipt_number": "TN-0042"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    due = calendar().add_days(COUNTER_DAY, dossier.procedure.time_limit, dossier.procedure.time_unit)
    assert (dossier.received_on, dossier.receipt_number, dossier.due_date) == (COUNTER_DAY, "TN-0042", due)
    assert due != calendar().add_days(timezone.localdate(), dossier.procedure.time_limit, dossier.procedure.time_unit)
    with pytest.raises(workflow.FutureDate):
        workflow.transition(lodge(board), ApplicationStatus.RECEIVED, on=tomorrow)


def test_the_queue_is_by_due_date_with_new_dossiers_first_among_equals(client, board):
    late, new, due_same_day, later = (lodge(board, on=date(2026, 11, day)) for day in (2, 25, 3, 4))
    workflow.transition(late, ApplicationStatus.RECEIVED, on=date(2026, 11, 2))
    workflow.transition(due_same_day, ApplicationStatus.RECEIVED, on=date(2026, 11, 3))
    workflow.transition(later, ApplicationStatus.RECEIVED, on=date(2026, 11, 4))
    Application.objects.filter(pk=late.pk).update(due_date=date(2026, 11, 20))
    Application.objects.filter(pk=due_same_day.pk).update(due_date=COUNTER_DAY)
    Application.objects.filter(pk=later.pk).update(due_date=date(2026, 12, 10))
    client.force_login(board["clerk"])
    order = [late.dossier_code, new.dossier_code, due_same_day.dossier_code, later.dossier_code]
    assert listed(client) == order
    assert [a.dossier_code for a in services.officer_queue(board["clerk"])] == order


def test_search_and_filters(client, board, django_user_model):
    received, waiting, other_procedure = lodge(board, on=date(2026, 11, 2)), lodge(board), lodge(board, "DT-02")
    workflow.transition(received, ApplicationStatus.RECEIVED, on=date(2026, 11, 2))
    queue.assign(board["clerk"], waiting, board["colleague"])
    client.force_login(board["clerk"])
    everything = {received.dossier_code, waiting.dossier_code, other_procedure.dossier_code}
    assert set(listed(client)) == everything
    assert listed(client, q=waiting.dossier_code.lower()) == [waiting.dossier_code]
    assert set(listed(client, q="oq-investor Co")) == everything  # the investor's name
    assert listed(client, q="no such project") == []
    assert listed(client, procedure=other_procedure.procedure_id) == [other_procedure.dossier_code]
    assert listed(client, status="received") == [received.dossier_code]
    assert listed(client, assigned_to=board["colleague"].pk) == [waiting.dossier_code]
    assert listed(client, due="overdue") == [received.dossier_code]  # 15 calendar days from 2 November
    Application.objects.filter(pk=waiting.pk).update(
        status=ApplicationStatus.RECEIVED, received_on=timezone.localdate(), due_date=timezone.localdate())
    assert listed(client, due="week") == [waiting.dossier_code]
    assert listed(client, status="received", due="overdue") == [received.dossier_code]


def test_assignment_and_reassignment_keep_their_history(client, board):
    dossier = lodge(board)
    client.force_login(board["clerk"])
    assign = reverse("licensing_admin:assign", args=[dossier.pk])
    assert client.post(assign, {"officer": board["clerk"].pk}).status_code == 302
    assert client.post(assign, {"officer": board["colleague"].pk}).status_code == 302
    client.post(assign, {"officer": board["outsider"].pk})  # another agency's officer: refused
    dossier.refresh_from_db()
    assert dossier.assigned_to == board["colleague"]
    rows = list(ApplicationAssignment.objects.filter(application=dossier).values_list("previous", "officer",
                                                                                      "actor"))
    assert rows == [(None, board["clerk"].pk, board["clerk"].pk),
                    (board["clerk"].pk, board["colleague"].pk, board["clerk"].pk)]
    html = client.get(reverse("licensing_admin:application", args=[dossier.pk])).content.decode()
    assert "oq-clerk reassigned it from oq-clerk to oq-colleague" in html
    assert "oq-clerk assigned it to oq-clerk" in html


def test_a_batch_is_received_whole_or_not_at_all(client, board):
    batch = [lodge(board) for _ in range(3)]
    done = lodge(board)
    workflow.transition(done, ApplicationStatus.RECEIVED, on=COUNTER_DAY)
    client.force_login(board["clerk"])
    yesterday = timezone.localdate() - timedelta(days=1)
    form = {"received_on": yesterday.isoformat(), **{f"receipt_{a.pk}": f"TN-{a.pk}" for a in [*batch, done]}}
    response = client.post(receive_url(*batch, done), form)
    assert response.status_code == 200
    assert f"dossier {done.dossier_code} cannot be received" in response.content.decode()
    assert Application.objects.filter(pk__in=[a.pk for a in batch], status=ApplicationStatus.SUBMITTED).count() == 3
    form.pop(f"receipt_{done.pk}")
    response = client.post(receive_url(*batch) + "&next=/admin/dossiers/", form)
    assert response.status_code == 302
    for application in batch:
        application.refresh_from_db()
        assert (application.status, application.received_on, application.receipt_number) == (
            ApplicationStatus.RECEIVED, yesterday, f"TN-{application.pk}")
        assert application.history.last().actor == board["clerk"]


def test_saved_filters_belong_to_their_officer(client, board):
    client.force_login(board["clerk"])
    query = "status=received&due=overdue&page=3&export=csv"
    response = client.post(reverse("licensing_admin:save_filter"), {"name": "Late receipts", "query": query})
    saved = SavedQueueFilter.objects.get()
    assert (saved.user, saved.query) == (board["clerk"], "status=received&due=overdue")
    assert response["Location"].endswith("?status=received&due=overdue")
    assert "Late receipts" in client.get(reverse("licensing_admin:queue")).content.decode()
    client.force_login(board["colleague"])
    assert "Late receipts" not in client.get(reverse("licensing_admin:queue")).content.decode()
    client.post(reverse("licensing_admin:delete_filter", args=[saved.pk]))
    assert SavedQueueFilter.objects.filter(pk=saved.pk).exists()
    client.force_login(board["clerk"])
    client.post(reverse("licensing_admin:delete_filter", args=[saved.pk]))
    assert not SavedQueueFilter.objects.exists()


def test_the_export_is_the_view_with_its_filters_and_scope(client, board):
    received, waiting = lodge(board), lodge(board)
    workflow.transition(received, ApplicationStatus.RECEIVED, on=COUNTER_DAY, receipt_number="TN-7")
    lodge(board, "DN-01")  # the Department of Finance's
    client.force_login(board["clerk"])
    for params, expected in (({}, {received.dossier_code, waiting.dossier_code}),
                             ({"status": "received"}, {received.dossier_code})):
        assert set(listed(client, **params)) == expected
        response = client.get(reverse("licensing_admin:queue"), {**params, "export": "csv"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert {row["Dossier"] for row in rows} == expected
        response = client.get(reverse("licensing_admin:queue"), {**params, "export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected
    row = next(r for r in rows if r["Dossier"] == received.dossier_code)
    assert (row["Receipt number"], row["Status"], row["Received on"]) == ("TN-7", "Received", "25/11/2026")
    headings = [cell.value for cell in sheet[1]]
    received_on = sheet.cell(row=2, column=headings.index("Received on") + 1)
    assert received_on.value == COUNTER_DAY and received_on.number_format == "dd/mm/yyyy"


def test_an_officer_of_another_agency_can_neither_see_nor_assign_nor_receive(client, board):
    dossier = lodge(board)
    client.force_login(board["outsider"])
    assert listed(client, q=dossier.dossier_code) == [] and listed(client) == []
    export = client.get(reverse("licensing_admin:queue"), {"export": "csv"})
    assert dossier.dossier_code not in b"".join(export.streaming_content).decode()
    assert client.get(reverse("licensing_admin:application", args=[dossier.pk])).status_code != 200
    client.post(reverse("licensing_admin:assign", args=[dossier.pk]), {"officer": board["outsider"].pk})
    response = client.post(receive_url(dossier), {"received_on": COUNTER_DAY.isoformat()})
    assert "not your agency" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == ApplicationStatus.SUBMITTED and dossier.assigned_to is None
    assert not ApplicationAssignment.objects.exists()
    with pytest.raises(queue.ReceiptRefused):
        queue.receive_batch(board["outsider"], [dossier], COUNTER_DAY)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_admin_writes_dates_as_the_public_site_does(client, board, language):
    dossier = lodge(board)
    workflow.transition(dossier, ApplicationStatus.RECEIVED, on=date(2026, 12, 3))
    profile = UserProfile.get_for_user(board["clerk"])
    profile.preferred_language = language
    profile.save()
    client.force_login(board["clerk"])
    page = client.get(reverse("licensing_admin:application", args=[dossier.pk])).content.decode()
    listing = client.get(reverse("licensing_admin:queue")).content.decode()
    client.force_login(board["investor"])
    with translation.override(language):
        public = client.get(reverse("licensing:application_detail", args=[dossier.pk]))
    assert 'data-testid="received-on">03/12/2026<' in page and "3 Dec 2026" not in page
    assert ">03/12/2026<" in public.content.decode() and re.search(r">\s*03/12/2026\s*<", listing)
