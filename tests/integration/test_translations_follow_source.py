"""One source, translations that follow it: a price and a boundary changed on the Vietnamese page reach every
language within the same request; text edited later on the source shows as stale — the source's text, marked —
until its translation is redone; the admin's progress report says so per language and page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from shapely.geometry import mapping
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_localize.models import Translation

from core import translations
from tests.factories import square_m, zone_index
from tests.factories_zones import make_zone
from zones.models import ZoneDistance, ZoneFigureSource, ZonePage
from zones.models.reference import NamedPlace

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ko", "ja", "zh-hans", "zh-hant")


@pytest.fixture
def locales(home_page):
    return {code: Locale.objects.get_or_create(language_code=code)[0]
            for code in ("en", "vi", "ko", "ja", "zh-hans", "zh-hant")}


@pytest.fixture
def zone_vi(home_page, locales):
    """Minh Hung III written in Vietnamese, translated into the five other languages through wagtail-localize."""
    index = zone_index(home_page)
    for code in ("vi", *LANGUAGES[1:]):
        translations.translate_page(index, code, {"title": f"Zones {code}"})
    index_vi = index.get_translation(locales["vi"])
    zone = make_zone(index_vi, "minh-hung-3", title="KCN Minh Hưng III", summary="Khu công nghiệp cho điện tử.",
                     land_price_min_usd=Decimal("55"), land_price_max_usd=Decimal("70"), power_mva=Decimal("112"))
    ZoneFigureSource.objects.create(zone=zone, figure="land_price", source="Bảng giá của chủ đầu tư")
    zone.save_revision().publish()
    names = {"en": "Minh Hung III Industrial Park", "ko": "Minh Hung III 산업단지", "ja": "ミンフンIII工業団地",
             "zh-hans": "明兴三工业园", "zh-hant": "明興三工業園"}
    for code in LANGUAGES:
        translations.translate_page(zone, code, {
            "title": names[code], "summary": f"Summary in {code}.",
            "figure_sources": [{"source": f"Developer price list ({code})"}]})
    return ZonePage.objects.get(pk=zone.pk)


def _edit_data(zone, **changes) -> dict:
    data = {
        "title": zone.title, "slug": zone.slug, "code": zone.code, "kind": zone.kind, "status": zone.status,
        "summary": zone.summary, "body": rich_text(""), "price_basis": zone.price_basis,
        "land_price_min_usd": zone.land_price_min_usd, "land_price_max_usd": zone.land_price_max_usd,
        "total_area_ha": zone.total_area_ha, "leasable_area_ha": zone.leasable_area_ha,
        "leased_area_ha": zone.leased_area_ha, "power_mva": zone.power_mva, "geometry": zone.geometry,
        "source_crs": zone.source_crs or "EPSG:4326",
        "distances": inline_formset([]), "gallery_images": inline_formset([]), "brochures": inline_formset([]),
        "figure_sources": inline_formset([{"id": row.pk, "figure": row.figure, "source": row.source}
                                          for row in zone.figure_sources.all()]),
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data({key: "" if value is None else value for key, value in data.items()})


def test_a_price_and_a_boundary_changed_on_the_vietnamese_page_reach_every_language_at_once(
        client, admin_user, zone_vi):
    import json

    client.force_login(admin_user)
    boundary = json.dumps(mapping(square_m(106.6, 11.5, 2500)))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[zone_vi.pk]), _edit_data(
        zone_vi, land_price_min_usd="56.50", land_price_max_usd="56.50", power_mva="150", geometry=boundary))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    fresh = ZonePage.objects.get(pk=zone_vi.pk)
    assert fresh.land_price_min_usd == Decimal("56.50")
    for page in ZonePage.objects.filter(translation_key=zone_vi.translation_key):
        assert (page.land_price_min_usd, page.power_mva) == (Decimal("56.50"), Decimal("150.0")), page.locale
        assert page.geometry == fresh.geometry
    for code in ("en", "ko", "zh-hant"):
        page = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale__language_code=code)
        html = client.get(page.url).text
        assert "56.50" in html and "150 MVA" in html and "112 MVA" not in html, code
        assert "Summary in" in html, code  # its own text is untouched


def test_shared_values_changed_on_a_translation_reach_the_source_and_the_drafts(zone_vi, locales):
    """A page translated by hand (its translation editor switched off) changes a shared value: every language
    follows, and a draft waiting in another language takes the new value instead of bringing back the old."""
    ko = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale=locales["ko"])
    ja = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale=locales["ja"])
    ja.summary = "下書き"
    ja.save_revision()  # a Japanese draft, still at 112 MVA
    ko.power_mva = Decimal("180")
    ko.save_revision().publish()
    assert set(ZonePage.objects.filter(translation_key=zone_vi.translation_key)
               .values_list("power_mva", flat=True)) == {Decimal("180")}
    ja.refresh_from_db()
    assert ja.latest_revision.as_object().power_mva == Decimal("180")
    ja.latest_revision.publish()
    assert set(ZonePage.objects.filter(translation_key=zone_vi.translation_key)
               .values_list("power_mva", flat=True)) == {Decimal("180")}


def test_source_text_edited_later_shows_as_stale_until_translated(client, admin_user, zone_vi, locales):
    zone_vi.summary = "Khu công nghiệp cho điện tử và bán dẫn."
    zone_vi.save_revision().publish()
    en = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale=locales["en"])
    html = client.get(en.url).text
    assert 'lang="vi" data-source-text>Khu công nghiệp cho điện tử và bán dẫn.' in html
    assert "Summary in en" not in html
    assert 'data-testid="source-text-notice"' in html
    assert "Minh Hung III Industrial Park" in html  # the title's translation is still current

    by_code, rows = translations.progress(ZonePage.objects.filter(translation_key=zone_vi.translation_key))
    cells = rows[0].cells
    assert cells["vi"]["status"] == translations.SOURCE
    assert cells["en"]["status"] == translations.STALE and cells["en"]["untranslated"] == 1
    assert {s.code: s.stale for s in by_code}["en"] == 1

    client.force_login(admin_user)
    report = client.get(reverse("translation_progress") + "?status=stale&language=en")
    assert report.status_code == 200
    assert "KCN Minh Hưng III" in report.text and report.text.count('class="translation-stale"') == 1
    assert reverse("wagtail_localize:download_pofile", args=[cells["en"]["translation"].pk]) in report.text

    translations.translate_page(zone_vi, "en", {"summary": "An industrial park for electronics and chips."})
    html = client.get(en.url).text
    assert "An industrial park for electronics and chips." in html and "data-source-text" not in html
    group = ZonePage.objects.filter(translation_key=zone_vi.translation_key)
    assert translations.progress(group)[1][0].cells["en"]["status"] == translations.UP_TO_DATE


def test_child_rows_follow_by_translation_key(zone_vi, locales):
    """A figure source added on the source page appears in every language (its text until translated); an
    edited date reaches every language's row; the translated names stay."""
    row = zone_vi.figure_sources.get()
    row.as_of = datetime.date(2026, 7, 1)
    zone_vi.figure_sources = [row, ZoneFigureSource(figure="power", source="Kế hoạch trạm biến áp")]
    zone_vi.distances = [ZoneDistance(place=NamedPlace.objects.create(code="p1", name_vi="Cảng", kind="port"),
                                      road_km=Decimal("40"))]
    zone_vi.save_revision().publish()
    en = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale=locales["en"])
    sources = {r.figure: r for r in en.figure_sources.all()}
    assert str(sources["land_price"].as_of) == "2026-07-01"
    assert sources["land_price"].source == "Developer price list (en)"
    assert sources["power"].source == "Kế hoạch trạm biến áp" and sources["power"].locale_id == locales["en"].pk
    assert [d.road_km for d in en.distances.all()] == [Decimal("40.0")]


def test_a_zone_not_yet_translated_is_listed_in_its_own_language(client, home_page, locales):
    """A new zone exists only in English: the Vietnamese index lists it once, marked as English, and links to it."""
    index = zone_index(home_page)
    translations.translate_page(index, "vi", {"title": "Các khu công nghiệp"})
    make_zone(index, "new-park", title="New Park")
    both = make_zone(index, "old-park", title="Old Park")
    translations.translate_page(both, "vi", {"title": "KCN Cũ"})
    html = client.get("/vi/zones/").text
    assert html.count('lang="en" data-source-text>New Park</a>') == 1
    assert "/en/zones/new-park/" in html
    assert "KCN Cũ" in html and "Old Park" not in html


def test_a_translator_works_from_a_po_file(client, admin_user, zone_vi, locales, django_capture_on_commit_callbacks):
    """The stale English text goes out as a PO file with the source's new text to translate, comes back filled
    in, and once published the page is up to date."""
    import polib
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail_localize.models import Translation

    zone_vi.summary = "Khu công nghiệp cho điện tử và bán dẫn."
    zone_vi.save_revision().publish()
    translation = Translation.objects.get(source__object_id=zone_vi.translation_key, target_locale=locales["en"])
    client.force_login(admin_user)
    exported = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert exported.status_code == 200
    po = polib.pofile(exported.content.decode())
    entry = next(e for e in po if e.msgid == "Khu công nghiệp cho điện tử và bán dẫn.")
    assert entry.msgstr == ""  # new text, to translate
    entry.msgstr = "An industrial park for electronics and semiconductors."
    upload = SimpleUploadedFile("en.po", str(po).encode(), content_type="text/x-gettext-translation")
    client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=admin_user, publish=True)
    en = ZonePage.objects.get(translation_key=zone_vi.translation_key, locale=locales["en"])
    assert en.summary == "An industrial park for electronics and semiconductors."
    html = client.get(en.url).text
    assert "data-source-text" not in html and "An industrial park for electronics and semiconductors." in html


@pytest.mark.django_db(transaction=True)
def test_every_languages_search_document_follows_a_shared_value(home_page, worker_settled):
    """The price changed on one language's page reaches the other languages' search documents (facets and
    price filters), through the real worker."""
    from search.models import SearchDocument

    index = zone_index(home_page)
    translations.translate_page(index, "vi", {"title": "Các khu công nghiệp"})
    zone = make_zone(index, "dong-xoai-3", title="Dong Xoai III", land_price_min_usd=Decimal("50"))
    vi = translations.translate_page(zone, "vi", {"title": "KCN Đồng Xoài III"})
    Translation.objects.filter(target_locale__language_code="vi").update(enabled=False)  # edited by hand now
    worker_settled()
    vi = ZonePage.objects.get(pk=vi.pk)
    vi.land_price_min_usd = Decimal("61")
    vi.save_revision().publish()
    worker_settled()
    english = SearchDocument.objects.get(doc_type="zone", object_id=str(zone.pk), locale="en")
    assert english.land_price_usd == Decimal("61")


def test_the_kept_stale_check_follows_a_translated_string_saved_on_its_own(zone_vi, locales):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    english = zone_vi.get_translation(locales["en"])
    assert "summary" not in translations.stale_fields(english)[1]
    zone_vi.summary = "Khu công nghiệp cho điện tử và cơ khí."
    zone_vi.save_revision().publish()
    english = ZonePage.objects.get(pk=english.pk)
    assert "summary" in translations.stale_fields(english)[1]
    with CaptureQueriesContext(connection) as kept:
        assert "summary" in translations.stale_fields(english)[1]
    assert len(kept) == 0  # kept per process until a page or a translation changes
    source = TranslationSource.objects.get(object_id=zone_vi.translation_key, locale=locales["vi"])
    segment = StringSegment.objects.get(source=source, context__path="summary")
    StringTranslation.objects.create(translation_of=segment.string, locale=locales["en"], context=segment.context,
                                     data="An industrial park for electronics and engineering.")
    assert "summary" not in translations.stale_fields(english)[1]
