"""The home page, the zone index and a zone, the incentives and a policy, the plan and the dashboard in all six
languages, as `load_demo` makes them: no 404, no
character the site's fonts cannot draw, no interface string left in English, no sentence in another language
(names and marked source text apart); and search finds a zone by its Korean, Japanese and Chinese names."""

import json
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from zones.models import IncentiveIndexPage, IncentivePolicyPage, ZonePage

from .glyphs import uncovered_characters
from .language_check import TEXT_NODES, foreign_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
ZONE = "minh-hung-han-quoc"
SEARCHED = ("ko", "ja", "zh-hans", "zh-hant")


def _paths(language: str) -> dict[str, str]:
    with translation.override(language):
        return {"home": f"/{language}/", "zone index": f"/{language}/zones/", "zone": f"/{language}/zones/{ZONE}/",
                "incentives": IncentiveIndexPage.objects.get(locale__language_code=language).url,
                "policy": IncentivePolicyPage.objects.filter(locale__language_code=language).first().url,
                "plan": reverse("licensing:plan"), "dashboard": reverse("projects:dashboard")}


def test_home_zone_plan_and_dashboard_speak_every_language(browser_page, demo_in_every_language):
    page = browser_page.page
    problems = {}
    for language in LANGUAGES:
        for name, path in _paths(language).items():
            response = browser_page.goto(path)
            assert response.status == 200, (language, path)
            assert page.locator("html").get_attribute("lang") == language
            found = {"glyphs": uncovered_characters(page),
                     "foreign": foreign_text(page.evaluate(TEXT_NODES), language)}
            found = {kind: value for kind, value in found.items() if value}
            if found:
                problems[f"{language} {name}"] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)[:3000]


@pytest.mark.parametrize("language", SEARCHED)
def test_search_finds_the_zone_by_its_name_in_the_language(browser_page, demo_in_every_language, language):
    name = ZonePage.objects.get(code=ZONE, locale__language_code=language).title
    with translation.override(language):
        search = reverse("search:search")
    browser_page.goto(f"{search}?q={quote(name)}")
    first = browser_page.page.locator("main a[href*='/zones/']").first
    assert first.get_attribute("href").endswith(f"/{language}/zones/{ZONE}/")
    assert name in first.inner_text()
