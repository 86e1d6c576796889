"""What each model indexes: zones, policies, procedures and projects in both languages, public fields only."""

import datetime

import pytest
from django.utils import timezone

from search import services, tasks
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import SearchDocument
from search.registry import REGISTRY
from tests import factories_search as f
from zones.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(home_page):
    _province, dong_xoai, chon_thanh = f.units()
    zone = f.zone(home_page, "Dong Xoai III Industrial Park", "dong-xoai-iii", 106.92, 11.55, commune=dong_xoai,
                  summary="Serviced land on National Road 14.", leasable=100, leased=40, price=55)
    vi_zone = zone.copy_for_translation(f.vi_home(home_page).locale, copy_parents=True)
    vi_zone.title = "Khu công nghiệp Đồng Xoài III"
    vi_zone.summary = "Đất sạch trên Quốc lộ 14, tỉnh Bình Phước."
    vi_zone.save_revision().publish()
    other = f.zone(home_page, "Minh Hung III Industrial Park", "minh-hung-iii", 106.62, 11.48, commune=chon_thanh,
                   leasable=300, leased=50, price=45)
    draft = f.zone(home_page, "Draft Park", "draft-park", 106.5, 11.4, publish=False)
    policy = f.policy(home_page, "Corporate income tax incentive", "Tax exemption for four years in Binh Phuoc.")
    procedure = f.procedure("Cấp Giấy chứng nhận đăng ký đầu tư", "Issuing the investment registration certificate")
    project = f.project("Nhà máy may Minh Long", "Minh Long garment factory", commune=dong_xoai)
    return {"zone": zone, "vi_zone": vi_zone, "other": other, "draft": draft, "policy": policy,
            "procedure": procedure, "project": project}


@pytest.mark.smoke
def test_rebuild_indexes_every_public_object_in_both_languages(corpus):
    count = services.rebuild_index()
    assert count == SearchDocument.objects.count()
    keys = set(SearchDocument.objects.values_list("doc_type", "object_id", "locale"))
    assert ("zone", str(corpus["zone"].pk), "en") in keys
    assert ("zone", str(corpus["vi_zone"].pk), "vi") in keys
    assert not any(t == "zone" and i == str(corpus["draft"].pk) for t, i, _ in keys)  # drafts are not public
    assert {("procedure", str(corpus["procedure"].pk), lang) for lang in ("vi", "en")} <= keys
    assert {("project", str(corpus["project"].pk), lang) for lang in ("vi", "en")} <= keys
    assert ("policy", str(corpus["policy"].pk), "en") in keys


def test_a_project_names_its_zone_in_each_language(corpus):
    project = corpus["project"]
    project.zone = corpus["zone"]
    project.save()
    services.rebuild_index()
    summaries = dict(SearchDocument.objects.filter(doc_type="project", object_id=str(project.pk))
                     .values_list("locale", "text__summary"))
    assert "Khu công nghiệp Đồng Xoài III" in summaries["vi"] and "Dong Xoai III" not in summaries["vi"]
    assert "Dong Xoai III Industrial Park" in summaries["en"]


def test_a_merged_commune_is_faceted_as_today_and_still_found_by_its_old_name(corpus):
    """The 2025 merger: Tan Phu ward of Binh Phuoc became Dong Xoai ward of (the new) Dong Nai province."""
    province, old_ward, _chon_thanh = f.units()
    dong_nai = AdministrativeUnit.objects.create(code="75", level="province", name_vi="Đồng Nai",
                                                 name_en="Dong Nai province", valid_from=datetime.date(2025, 7, 1))
    new_ward = AdministrativeUnit.objects.create(code="75001", level="commune", name_vi="Phường Đồng Xoài",
                                                 name_en="Dong Xoai ward", parent=dong_nai,
                                                 valid_from=datetime.date(2025, 7, 1))
    AdministrativeUnit.objects.filter(pk__in=[province.pk, old_ward.pk]).update(valid_to=datetime.date(2025, 6, 30))
    old_ward.refresh_from_db()
    old_ward.successors.add(new_ward)
    assert old_ward.current(datetime.date(2025, 6, 30)) == [old_ward]
    assert old_ward.current() == [new_ward]

    services.rebuild_index()
    for doc_type, obj in (("project", corpus["project"]), ("zone", corpus["zone"])):
        row = SearchDocument.objects.get(doc_type=doc_type, object_id=str(obj.pk), locale="en")
        assert (row.province, row.commune) == ("Dong Nai province", "Dong Xoai ward")
    results = get_backend().search(SearchQuery(text="tan phu", locale="en", filters={"type": ("project",)}))
    assert [hit.object_id for hit in results.hits] == [str(corpus["project"].pk)]


def test_policies_and_procedures_follow_their_dates_every_night(corpus, settings):
    today = timezone.localdate()
    policy, procedure = corpus["policy"], corpus["procedure"]
    services.rebuild_index()
    keys = lambda: set(SearchDocument.objects.values_list("doc_type", "object_id"))  # noqa: E731
    assert {("policy", str(policy.pk)), ("procedure", str(procedure.pk))} <= keys()
    # Both expire yesterday (no save, no signal: only the date moved on).
    type(policy).objects.filter(pk=policy.pk).update(effective_to=today - datetime.timedelta(days=1))
    type(procedure).objects.filter(pk=procedure.pk).update(effective_to=today - datetime.timedelta(days=1))
    assert ("policy", str(policy.pk)) in keys()
    tasks.refresh_dated_documents.apply()
    assert not {("policy", str(policy.pk)), ("procedure", str(procedure.pk))} & keys()
    assert ("zone", str(corpus["zone"].pk)) in keys()  # other types are left alone
    entry = settings.CELERY_BEAT_SCHEDULE["search-refresh-dated"]
    assert entry["task"] == tasks.refresh_dated_documents.name


def test_zone_document_carries_facets_land_price_and_location(corpus):
    services.index_object("zone", corpus["zone"].pk)
    doc = SearchDocument.objects.get(doc_type="zone", object_id=str(corpus["zone"].pk))
    assert doc.kind == "industrial_park" and doc.status == "operating"
    assert doc.province == "Binh Phuoc" and doc.commune == "Tan Phu ward, Dong Xoai"
    assert float(doc.available_land_ha) == pytest.approx(60.0)
    assert float(doc.land_price_usd) == 55
    assert doc.lon == pytest.approx(106.92, abs=0.02) and doc.lat == pytest.approx(11.55, abs=0.02)
    assert doc.url.endswith("/zones/dong-xoai-iii/")


def test_unpublishing_and_deleting_remove_the_documents(corpus):
    services.rebuild_index()
    zone = corpus["other"]
    zone.unpublish()
    services.index_object("zone", zone.pk)
    assert not SearchDocument.objects.filter(doc_type="zone", object_id=str(zone.pk)).exists()
    procedure = corpus["procedure"]
    procedure.effective_to = datetime.date(2022, 1, 1)
    procedure.save()
    services.index_object("procedure", procedure.pk)
    assert not SearchDocument.objects.filter(doc_type="procedure", object_id=str(procedure.pk)).exists()


def test_search_finds_vietnamese_without_diacritics_in_each_language(corpus):
    services.rebuild_index()
    results = get_backend().search(SearchQuery(text="dong xoai", locale="vi"))
    titles = [hit.title for hit in results.hits]
    assert "Khu công nghiệp Đồng Xoài III" in titles
    results = get_backend().search(SearchQuery(text="giay chung nhan dang ky dau tu", locale="vi"))
    assert [hit.doc_type for hit in results.hits] == ["procedure"]
    results = get_backend().search(SearchQuery(text="garment", locale="en", filters={"type": ("project",)}))
    assert [hit.title for hit in results.hits] == ["Minh Long garment factory"]


def test_every_registered_type_has_a_model():
    assert {"page", "zone", "policy", "procedure", "project"} <= set(REGISTRY)
    assert all(definition.model is not None for definition in REGISTRY.values())


def test_demo_loader_is_idempotent(corpus):
    from search import demo

    demo.load()
    first = sorted(SearchDocument.objects.values_list("doc_type", "object_id", "locale"))
    demo.load()
    assert sorted(SearchDocument.objects.values_list("doc_type", "object_id", "locale")) == first
    assert first


def test_rebuild_command(corpus):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"Indexed {SearchDocument.objects.count()} documents." in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_indexing_waits_for_a_change_in_progress_and_stores_what_it_committed(home_page):
    """index_object locks the object's row: a change committed while it runs cannot be overwritten by
    documents read before it (PostgreSQL row locks; SQLite serialises whole write transactions)."""
    import threading

    from django.db import connection, transaction

    from zones.models import ZonePage

    zone = f.zone(home_page, "Locked Park", "locked-park", 106.7, 11.5)
    services.index_object("zone", zone.pk)
    finished = threading.Event()

    def index_in_another_connection():
        try:
            services.index_object("zone", zone.pk)
        finally:
            connection.close()
            finished.set()

    with transaction.atomic():
        ZonePage.objects.select_for_update().filter(pk=zone.pk).update(title="Renamed Park")  # not committed yet
        worker = threading.Thread(target=index_in_another_connection)
        worker.start()
        assert not finished.wait(1.5), "indexing did not wait for the change in progress"
    worker.join(timeout=30)
    assert finished.is_set()
    assert set(SearchDocument.objects.filter(doc_type="zone", object_id=str(zone.pk)).values_list(
        "title", flat=True)) == {"Renamed Park"}


def test_a_definition_registered_after_search_is_ready_is_kept_in_step(db, django_capture_on_commit_callbacks):
    """Apps may become ready in any order: a definition registered late still gets its receivers."""
    from celery import signals
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from search.registry import register
    from search.tasks import update_index
    from zones.models import NamedPlace

    sent = []

    def on_sent(sender=None, body=None, **kwargs):
        if sender == update_index.name:
            sent.append(tuple(body[0]))

    register("place", NamedPlace, "Place", lambda model: model.objects.all())(lambda place: [])
    signals.after_task_publish.connect(on_sent, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            place = NamedPlace.objects.create(code="cat-lai", kind="seaport", name_vi="Cát Lái", name_en="Cat Lai")
        assert ("place", str(place.pk)) in sent
    finally:
        signals.after_task_publish.disconnect(on_sent)
        del REGISTRY["place"]
        for signal, name in ((post_save, "post_save"), (post_delete, "post_delete"),
                             (page_published, "page_published"), (page_unpublished, "page_unpublished")):
            signal.disconnect(sender=NamedPlace, dispatch_uid=f"search.{name}.zones.namedplace")
