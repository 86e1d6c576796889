"""Search in Korean, Japanese and Chinese: a zone translated into each language is indexed in that language and
found by its name, or a part of it of two characters, on that language's search page, its JSON endpoint and the
backend; the other documents are indexed in every language of the site."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from search import services
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import SearchDocument
from tests import factories_search as f

pytestmark = pytest.mark.django_db

#: language -> (the zone's name, a part of it of two characters that only it has, the other zone's name)
NAMES = {
    "ko": ("민흥 III 산업단지", "민흥", "동쏘아이 산업단지"),
    "ja": ("ミンフン第3工業団地", "ンフ", "ドンソアイ工業団地"),
    "zh-hans": ("明兴三工业园", "兴三", "同帅工业园"),
    "zh-hant": ("明興三工業園", "興三", "同帥工業園"),
}


def translate(page, language: str, title: str):
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def zones(home_page):
    minh_hung = f.zone(home_page, "Minh Hung III Industrial Park", "minh-hung-iii", 106.62, 11.48)
    dong_xoai = f.zone(home_page, "Dong Xoai Industrial Park", "dong-xoai", 106.92, 11.55)
    found = {"en": minh_hung}
    for language, (name, _part, other) in NAMES.items():
        found[language] = translate(minh_hung, language, name)
        found["other", language] = translate(dong_xoai, language, other)
    for page in found.values():
        services.index_object("zone", page.pk)
    return found


def page_hits(client, language, text):
    response = client.get(f"/{language}/search/", {"q": text})
    assert response.status_code == 200
    return [(hit.doc_type, hit.object_id, hit.locale) for hit in response.context["results"].hits]


@pytest.mark.parametrize("language", list(NAMES))
def test_a_translated_zone_is_indexed_in_its_language(zones, language):
    document = SearchDocument.objects.get(doc_type="zone", object_id=str(zones[language].pk))
    assert (document.locale, document.title) == (language, NAMES[language][0])


@pytest.mark.parametrize("language", list(NAMES))
def test_the_search_page_finds_the_zone_by_its_name_and_by_two_characters_of_it(client, zones, language):
    name, part, _other = NAMES[language]
    zone = ("zone", str(zones[language].pk), language)
    assert page_hits(client, language, name) == [zone]
    assert page_hits(client, language, part) == [zone]
    assert page_hits(client, language, name[:2]) == [zone]
    html = client.get(f"/{language}/search/", {"q": part}).content.decode()
    assert name in html


@pytest.mark.parametrize("language", list(NAMES))
def test_the_json_endpoint_and_the_backend_find_it_in_that_language_only(client, zones, language):
    name, part, _other = NAMES[language]
    body = client.get(f"/{language}/search/api/", {"q": part}).json()
    assert [(hit["id"], hit["locale"], hit["title"]) for hit in body["hits"]] == [
        (str(zones[language].pk), language, name)]
    found = get_backend().search(SearchQuery(text=name, locale=language))
    assert [(hit.object_id, hit.locale) for hit in found.hits] == [(str(zones[language].pk), language)]
    others = [code for code in NAMES if code != language]
    assert all(get_backend().search(SearchQuery(text=part, locale=code)).total == 0 for code in others
               if part not in NAMES[code][0])


def test_a_shared_word_finds_both_zones_and_characters_not_in_order_find_nothing(client, zones):
    both = {("zone", str(zones["ko"].pk), "ko"), ("zone", str(zones["other", "ko"].pk), "ko")}
    assert set(page_hits(client, "ko", "산업단지")) == both
    assert set(page_hits(client, "zh-hant", "工業園")) == {("zone", str(zones[key].pk), "zh-hant")
                                                          for key in ("zh-hant", ("other", "zh-hant"))}
    assert page_hits(client, "ko", "단업") == []  # both characters are in the name, but not in this order
    assert page_hits(client, "zh-hans", "三明") == []


def test_latin_words_still_find_the_korean_translation_through_its_latin_text(client, zones):
    assert page_hits(client, "ko", "III 산업단지")[0] == ("zone", str(zones["ko"].pk), "ko")
    assert page_hits(client, "en", "minh hung") == [("zone", str(zones["en"].pk), "en")]


def test_procedures_are_indexed_in_every_language_of_the_site(client, home_page):
    procedure = f.procedure("Cấp Giấy chứng nhận đăng ký đầu tư", "Issuing the investment registration certificate")
    services.index_object("procedure", procedure.pk)
    locales = set(SearchDocument.objects.filter(doc_type="procedure", object_id=str(procedure.pk))
                  .values_list("locale", flat=True))
    assert locales == {code for code, _name in settings.LANGUAGES}
    assert page_hits(client, "ja", "investment registration certificate") == [
        ("procedure", str(procedure.pk), "ja")]
