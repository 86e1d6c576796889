"""A GIS import changes pages only as far as the editor's page permissions go, as the page editor would let
them: add under the index, edit a zone, publish. Checked at preview, at confirm and when the import runs."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from tests.factories import zone_index
from tests.factories_gis import CORPUS
from zones.gis_import.options import ImportOptions
from zones.gis_import.running import run_import
from zones.gis_import.services import confirm_import, preview_upload
from zones.models import ImportRecord, ImportStatus, ZonePage

pytestmark = pytest.mark.django_db


def importer(django_user_model, name: str, index=None, page_rights=()):
    """A staff user who may use the GIS import, with ``page_rights`` ("add", "change", "publish") on ``index``."""
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw-import-2026", is_staff=True)
    group = Group.objects.create(name=f"{name}-group")
    group.permissions.add(*Permission.objects.filter(codename__in=[
        "access_admin", "add_importrecord", "view_importrecord", "add_plot", "change_plot"]))
    for right in page_rights:
        GroupPagePermission.objects.create(group=group, page=index,
                                           permission=Permission.objects.get(codename=f"{right}_page"))
    user.groups.add(group)
    return user


def preview(user, name="zones_ok.geojson", **options):
    with open(CORPUS / name, "rb") as handle:
        return preview_upload(handle, name, ImportOptions(**options), user)


def test_without_page_rights_the_import_is_refused_with_the_page_named(client, home_page, django_user_model):
    index = zone_index(home_page)
    user = importer(django_user_model, "no-pages")
    client.force_login(user)
    with open(CORPUS / "zones_ok.geojson", "rb") as handle:
        response = client.post(reverse("gis_import"), {"file": handle, "target": "zones", "index": index.pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert f"You may not add zones under &quot;{index.title}&quot; (the file has 2 new zones)." in text
    assert not ZonePage.objects.exists()
    refused = ImportRecord.objects.get()
    assert refused.status == ImportStatus.REFUSED and "may not add zones" in refused.error
    assert "/" not in refused.error.split("under")[0]  # no server path in the message


def test_who_may_add_but_not_publish_saves_drafts_only(home_page, django_user_model):
    index = zone_index(home_page)
    user = importer(django_user_model, "drafts-only", index, ["add", "change"])
    with pytest.raises(Exception, match="You may not publish new zones under"):
        preview(user, index_id=index.pk, publish=True)
    record, _prepared = preview(user, index_id=index.pk, publish=False)
    confirm_import(record, user)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE
    assert ZonePage.objects.count() == 2 and not ZonePage.objects.live().exists()


def test_an_existing_zone_the_user_may_not_edit_is_not_touched(home_page, django_user_model, admin_user):
    index = zone_index(home_page)
    record, _prepared = preview(admin_user, index_id=index.pk, publish=True)
    confirm_import(record, admin_user)
    zone = ZonePage.objects.get(code="becamex")
    revisions = zone.revisions.count()
    # May add pages elsewhere, but has no right on this index's zones.
    user = importer(django_user_model, "other-section", home_page, [])
    with pytest.raises(Exception, match=f'You may not edit the zone "{zone.title}"'):
        preview(user, index_id=index.pk, publish=False)
    assert zone.revisions.count() == revisions


def test_rights_lost_after_the_preview_stop_the_confirm_and_the_run(home_page, django_user_model):
    index = zone_index(home_page)
    user = importer(django_user_model, "loses-rights", index, ["add", "change", "publish"])
    record, _prepared = preview(user, index_id=index.pk, publish=True)
    GroupPagePermission.objects.filter(group__user=user).delete()
    user = django_user_model.objects.get(pk=user.pk)  # the next request's user: Wagtail caches rights per object
    with pytest.raises(Exception, match="You may not add zones"):
        confirm_import(record, user)
    record.refresh_from_db()
    assert record.status == ImportStatus.PREVIEWED  # still there to cancel or to confirm by someone who may
    # Claimed and run (say by a task queued before the rights changed): it fails with the reason, never stays
    # running, and its staged file is gone.
    assert record.claim()
    run_import(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED and "You may not add zones" in record.error
    assert not ZonePage.objects.exists()
    assert not record.staging_dir or not Path(record.staging_dir).exists()


def test_an_import_whose_uploader_was_removed_fails_with_a_reason(home_page, django_user_model):
    index = zone_index(home_page)
    user = importer(django_user_model, "leaves", index, ["add", "change", "publish"])
    record, _prepared = preview(user, index_id=index.pk, publish=True)
    assert record.claim()
    user.delete()  # the record keeps no user (SET_NULL)
    run_import(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED and "no account behind it" in record.error
    assert not ZonePage.objects.exists()
