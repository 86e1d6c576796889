"""The board's work on the admin's home: enquiries, dossiers and imports counted and linked to their filtered
lists, each line shown only to those who may open its list, labels escaped, a bounded number of queries."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail import hooks

from core.imports import ImportStatus
from licensing import services as licensing_services
from licensing.models import Agency, Application
from projects.models import ImportJob
from promotion import services
from promotion.dashboard import BoardWorkPanel
from tests.factories import UserFactory
from tests.factories_licensing import editor, investor_with_project, load_catalogue
from tests.factories_licensing import officer as agency_officer
from tests.factories_promotion import enquiry, officer, topic
from zones.models import ImportRecord

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HOME = "/admin/"


def line(html: str, url: str) -> int | None:
    """The count the panel shows on the line linking to ``url`` (None when there is no such line)."""
    found = re.search(r'data-count="(\d+)">\s*<a href="' + re.escape(escape(url)) + '"', html)
    return int(found.group(1)) if found else None


def panel_of(response) -> str:
    html = response.content.decode()
    start = html.find('id="board-work-section"')
    if start < 0:
        return ""
    end = html.find('class="w-panel ', start)  # the next panel, if any
    return html[start:end if end >= 0 else None]


@pytest.fixture
def world(db):
    """Enquiries (one overdue, one awaiting and assigned to the boss, one answered), dossiers of two agencies
    (overdue, due this week, due later), and imports in every state that counts."""
    today = timezone.localdate()
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    subject = topic("Plots", days=3)
    late = enquiry(subject, name="Late", received_at=datetime.now(HANOI) - timedelta(days=30))
    waiting = enquiry(subject, name="Waiting")
    services.assign(waiting, boss)
    services.reply(enquiry(subject, name="Answered"), boss, "Here you are.")
    load_catalogue()
    account, _investor, project = investor_with_project("dash-investor")
    finance, board = Agency.objects.get(code="so-tai-chinh"), Agency.objects.get(code="bql-kkt")
    dossiers = {}
    for name, agency, due in (("late", finance, today - timedelta(days=3)),
                              ("week", finance, licensing_services.week_end(today)),
                              ("later", finance, today + timedelta(days=40)),
                              ("other", board, today - timedelta(days=3))):
        dossier = licensing_services.record_application(account, project, "DN-01", today, another=True)
        Application.objects.filter(pk=dossier.pk).update(agency=agency, due_date=due)
        dossiers[name] = dossier
    for status in (ImportStatus.RUNNING, ImportStatus.PREVIEWED, ImportStatus.PREVIEWED, ImportStatus.DONE):
        ImportRecord.objects.create(file_name=f"{status}.gpkg", status=status)
    ImportJob.objects.create(original_name="projects.xlsx", file_format="xlsx", status=ImportStatus.PREVIEWED)
    ImportJob.objects.create(original_name="old.xlsx", file_format="xlsx", status=ImportStatus.DONE)
    return {"boss": boss, "late": late, "waiting": waiting, "dossiers": dossiers}


QUEUE = reverse("promotion_admin:queue")
DOSSIERS = reverse("licensing_admin:queue")


def test_superuser_sees_every_group_with_its_counts_and_links(client, world):
    client.force_login(world["boss"])
    panel = panel_of(client.get(HOME))
    assert "The board&#x27;s work" in panel
    assert panel.index(">Enquiries<") < panel.index(">Dossiers<") < panel.index(">Imports<")
    assert line(panel, f"{QUEUE}?awaiting=on") == 2
    assert line(panel, f"{QUEUE}?overdue=on") == 1
    assert line(panel, f"{QUEUE}?officer={world['boss'].pk}&awaiting=on") == 1
    assert line(panel, f"{DOSSIERS}?due=overdue") == 2  # every agency's, for a superuser
    assert line(panel, f"{DOSSIERS}?due=week") == 1
    history = reverse("gis_import_history:index")
    assert line(panel, f"{history}?status=running") == 1
    assert line(panel, f"{history}?status=previewed") == 2
    assert line(panel, reverse("projects_import:upload")) == 1
    assert panel.count("Needs action") == 2  # the overdue lines say so in words, not in colour alone


def test_the_links_open_lists_filtered_to_what_was_counted(client, world):
    client.force_login(world["boss"])
    overdue = client.get(f"{QUEUE}?overdue=on").content.decode()
    assert world["late"].reference in overdue and world["waiting"].reference not in overdue
    mine = client.get(f"{QUEUE}?officer={world['boss'].pk}&awaiting=on").content.decode()
    assert world["waiting"].reference in mine and world["late"].reference not in mine
    dossiers = world["dossiers"]
    week = client.get(f"{DOSSIERS}?due=week").content.decode()
    assert dossiers["week"].dossier_code in week
    assert all(dossiers[name].dossier_code not in week for name in ("late", "later", "other"))
    late = client.get(f"{DOSSIERS}?due=overdue").content.decode()
    assert dossiers["late"].dossier_code in late and dossiers["other"].dossier_code in late
    assert dossiers["week"].dossier_code not in late
    running = client.get(reverse("gis_import_history:index"), {"status": "running"}).content.decode()
    assert "running.gpkg" in running and "previewed.gpkg" not in running


def test_a_zero_count_is_shown_calmly(client, world):
    Application.objects.all().delete()
    client.force_login(world["boss"])
    panel = panel_of(client.get(HOME))
    assert line(panel, f"{DOSSIERS}?due=overdue") == 0
    assert panel.count("Needs action") == 1  # the overdue enquiry only
    assert "(nothing waiting)" in panel


def test_an_enquiry_reader_sees_only_the_enquiry_lines(client, world):
    reader = officer("reader", "view_enquiry")
    client.force_login(reader)
    panel = panel_of(client.get(HOME))
    assert line(panel, f"{QUEUE}?awaiting=on") == 2 and line(panel, f"{QUEUE}?overdue=on") == 1
    assert "officer=" not in panel  # only those who may answer are ever assigned one
    assert ">Dossiers<" not in panel and ">Imports<" not in panel


def test_an_agency_officer_sees_only_their_agency_dossiers(client, world):
    clerk = agency_officer("dash-clerk", "so-tai-chinh")
    client.force_login(clerk)
    panel = panel_of(client.get(HOME))
    assert line(panel, f"{DOSSIERS}?due=overdue") == 1  # not the Economic Zone board's
    assert line(panel, f"{DOSSIERS}?due=week") == 1
    assert ">Enquiries<" not in panel and ">Imports<" not in panel
    late = client.get(f"{DOSSIERS}?due=overdue").content.decode()
    assert world["dossiers"]["late"].dossier_code in late
    assert world["dossiers"]["other"].dossier_code not in late


def test_an_importer_sees_the_imports_they_may_open(client, world):
    user = editor("dash-editor")
    user.user_permissions.add(Permission.objects.get(codename="view_importrecord"))
    client.force_login(user)
    panel = panel_of(client.get(HOME))
    assert line(panel, f"{reverse('gis_import_history:index')}?status=previewed") == 2
    assert reverse("projects_import:upload") not in panel  # needs projects.add_project
    assert ">Enquiries<" not in panel and ">Dossiers<" not in panel


def test_a_user_with_no_permission_sees_no_panel(client, world):
    client.force_login(editor("dash-nobody"))
    response = client.get(HOME)
    assert response.status_code == 200
    assert 'id="board-work-section"' not in response.content.decode()
    assert "The board&#x27;s work" not in response.content.decode()


def test_labels_and_headings_are_escaped(client, world):
    def hostile(request):
        return [{"group": "<b>Group</b>", "label": "<script>alert(1)</script>", "count": 3,
                 "url": "/admin/?a=1&b=<x>", "tone": "critical", "order": 1}]

    client.force_login(world["boss"])
    with hooks.register_temporarily("register_board_work", hostile):
        html = client.get(HOME).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Group&lt;/b&gt;" in html
    assert 'href="/admin/?a=1&amp;b=&lt;x&gt;"' in html


def test_the_panel_keeps_to_a_few_queries(client, world, django_assert_max_num_queries):
    request = RequestFactory().get(HOME)
    request.user = world["boss"]
    licensing_services.officer_queue_counts(world["boss"])  # the working calendar, read once per process
    with django_assert_max_num_queries(6):  # one each: enquiries, leads, aftercare, dossiers, GIS and project imports
        html = BoardWorkPanel().render_html({"request": request})
    assert "data-testid=\"board-work\"" in html
    client.force_login(world["boss"])
    client.get(HOME)
    for _more in range(15):
        enquiry(name="More")
    with django_assert_max_num_queries(40):
        assert client.get(HOME).status_code == 200
