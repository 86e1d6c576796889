"""The demo's pages in the site's six languages, made the way an editor makes translations: one source page
per page, translated through wagtail-localize, every translation complete."""

import unicodedata

import pytest
from django.db import transaction
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from core.translations import SOURCE, UP_TO_DATE, progress
from licensing import demo as licensing_demo
from portal import demo as portal_demo
from portal.models import HomePage
from zones import demo as zones_demo
from zones.models import IncentiveIndexPage, IncentivePolicyPage, ZoneIndexPage, ZonePage

LANGUAGES = {"en", "vi", "ko", "ja", "zh-hans", "zh-hant"}
#: Each kind of demo page and the language it is written in.
SOURCES = {HomePage: "en", ZoneIndexPage: "en", IncentiveIndexPage: "en", ZonePage: "vi", IncentivePolicyPage: "vi"}


def _load():
    home = portal_demo.ensure_home_pages()
    actions = zones_demo.load(home)
    portal_demo.add_calls_to_action(actions)
    portal_demo.add_calls_to_action(licensing_demo.CALLS_TO_ACTION)
    return home


@pytest.fixture(scope="module")
def six_languages(django_db_setup, django_db_blocker):
    """The home pages and the zones demo in every site language, loaded once for the module (rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("six_languages")]


def _pages(model):
    return model.objects.select_related("locale")


def test_every_demo_page_is_in_six_languages_linked_to_its_source():
    for model, source_language in SOURCES.items():
        groups = {}
        for page in _pages(model):
            groups.setdefault(page.translation_key, {})[page.locale.language_code] = page
        assert groups, model
        for by_language in groups.values():
            assert set(by_language) == LANGUAGES, (model, by_language)
            assert all(page.live for page in by_language.values())
            source = by_language[source_language]
            links = Translation.objects.filter(source__object_id=source.translation_key,
                                               source__locale=source.locale, enabled=True)
            assert set(links.values_list("target_locale__language_code", flat=True)) == LANGUAGES - {
                source_language}, source


def test_progress_shows_every_demo_page_up_to_date_in_every_language():
    languages, rows = progress(Page.objects.exclude(depth=1))
    assert len(rows) == sum(model.objects.filter(locale__language_code=language).count()
                            for model, language in SOURCES.items())
    for row in rows:
        assert {cell["status"] for cell in row.cells.values()} <= {SOURCE, UP_TO_DATE}, (row.source, row.cells)
    assert all(language.stale == language.missing == 0 and language.percent == 100 for language in languages)


def _has_vietnamese_diacritics(text: str) -> bool:
    """Latin letters with marks (ư, ơ, ạ, đ ...), as Vietnamese writes them; kana's voicing marks are not."""
    return any(char in "đĐ" or (unicodedata.name(char, "").startswith("LATIN")
                               and unicodedata.normalize("NFD", char) != char) for char in text)


def _script(text: str) -> set[str]:
    names = {unicodedata.name(char, "") for char in text}
    return {script for script in ("HANGUL", "HIRAGANA", "KATAKANA", "CJK UNIFIED") if any(
        name.startswith(script) for name in names)}


SCRIPTS = {"ko": {"HANGUL"}, "ja": {"HIRAGANA", "KATAKANA", "CJK UNIFIED"}, "zh-hans": {"CJK UNIFIED"},
           "zh-hant": {"CJK UNIFIED"}}
SUMMARY = {HomePage: "hero_title", ZoneIndexPage: "seo_title", IncentiveIndexPage: "seo_title", ZonePage: "summary",
           IncentivePolicyPage: "summary"}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_titles_and_summaries_are_written_in_the_language_script(language):
    for model, field in SUMMARY.items():
        for page in model.objects.filter(locale__language_code=language):
            for text in (page.title, getattr(page, field)):
                assert _script(text) & SCRIPTS[language], (language, text)
                assert not _has_vietnamese_diacritics(text), (language, text)


def test_zone_summaries_write_numbers_the_language_way():
    hoa_lu = {zone.locale.language_code: zone for zone in _pages(ZonePage).filter(code="hoa-lu")}
    assert "28.364 ha" in hoa_lu["vi"].summary
    assert "28,364 ha" in hoa_lu["en"].summary
    assert "28,364公顷" in hoa_lu["zh-hans"].summary and "28,364公頃" in hoa_lu["zh-hant"].summary
    assert hoa_lu["ko"].developer == "성 경제구역관리위원회 (데모)"
    assert hoa_lu["ja"].figure_sources.first().source.startswith("デモ用の例示データ")


def test_policy_items_are_translated_inside_the_stream():
    policies = {page.locale.language_code: page
                for page in _pages(IncentivePolicyPage).filter(slug="hoa-lu-border-gate-support")}
    assert set(policies) == LANGUAGES
    items = {language: policy.items[0].value for language, policy in policies.items()}
    assert items["vi"]["title"] == "Tiền thuê đất và đấu nối"
    assert items["zh-hant"]["title"] == "土地租金與基礎設施接入"
    assert items["en"]["other"] == "Support for power and water connection costs."
    assert all(item["land_rent_exemption_years"] == 15 for item in items.values())


def test_home_calls_to_action_lead_to_the_page_of_their_language():
    for home in _pages(HomePage):
        language = home.locale.language_code
        actions = {block.value["title"]: block.value for block in home.calls_to_action}
        assert len(actions) == 4, (language, actions)
        pages = [action["page"] for action in actions.values() if action["page"]]
        assert [page.locale_id for page in pages] == [home.locale_id], language
        assert all(action["url"].startswith(f"/{language}/") for action in actions.values() if action["url"])


def test_zone_and_home_pages_answer_in_every_language(client):
    for zone in _pages(ZonePage).filter(code="minh-hung-3"):
        response = client.get(zone.url)
        assert response.status_code == 200, zone.url
        assert zone.title in response.content.decode()
    for home in _pages(HomePage):
        response = client.get(home.url)
        assert response.status_code == 200, home.url
        assert home.hero_title in response.content.decode()
    assert client.get("/ko/zones/minh-hung-3/").context["page"].title == "Minh Hung III 산업단지"


def test_loading_again_changes_nothing():
    def state():
        return (Page.objects.count(), Revision.objects.count(), StringTranslation.objects.count(),
                Translation.objects.count())

    before = state()
    _load()
    assert state() == before
