"""axe-core on every public page type, in English and Vietnamese, and in the states a crawler never sees: the
search suggestions open, refused forms, map popups open, a filtered zone list, details opened, an investor's
own pages. WCAG 2.x A and AA and axe's best practices; each violation is listed with its impact, the first
elements it names and their HTML."""

from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LANGUAGES = ("en", "vi")
ZONE = "minh-hung-han-quoc"
INVESTOR = "investor"


def _addresses(language: str) -> dict:
    """The path of each page type in ``language``, and what the states need (the demo's zone kinds)."""
    from licensing.models import Application, Procedure
    from projects.models import Project
    from zones.models import IncentiveIndexPage, IncentivePolicyPage, ZoneIndexPage, ZonePage

    def live(model):
        return model.objects.live().filter(locale__language_code=language)

    kinds = Counter(live(ZonePage).values_list("kind", flat=True))
    with translation.override(language):
        application = Application.objects.filter(project__shares__investor__memberships__user__username=INVESTOR)
        return {
            "home": f"/{language}/",
            "zone index": live(ZoneIndexPage).get().url,
            "zone": live(ZonePage).get(code=ZONE).url,
            "incentives": live(IncentiveIndexPage).get().url,
            "policy": live(IncentivePolicyPage).first().url,
            "incentive finder": reverse("zones:incentive_finder"),
            "cost": reverse("zones:cost") + f"?zone={ZONE}&area_m2=20000",
            "compare": reverse("zones:compare"),
            "shortlist": reverse("zones:shortlist"),
            "sites": reverse("zones:sites"),
            "profile": reverse("zones:profile"),
            "search": reverse("search:search") + "?q=minh+hung",
            "dashboard": reverse("projects:dashboard"),
            "project": reverse("projects:project", args=[Project.objects.order_by("pk").first().pk]),
            "procedures": reverse("licensing:procedures"),
            "procedure": reverse("licensing:procedure", args=[Procedure.objects.order_by("code").first().code]),
            "plan": reverse("licensing:plan"),
            "performance": reverse("licensing:performance"),
            "track": reverse("licensing:track"),
            "sign-in": reverse("licensing:signin"),
            "sign-up": reverse("licensing:signup"),
            "my projects": reverse("licensing:my_projects"),
            "my applications": reverse("licensing:my_applications"),
            "application new": reverse("licensing:application_new"),
            "application": reverse("licensing:application_detail", args=[application.order_by("pk").first().pk]),
            "enquiry": reverse("promotion:ask"),
            "data catalogue": reverse("catalogue:page"),
            "not found": f"/{language}/no-such-page/",
            "rarest kind": min(kinds, key=lambda kind: (kinds[kind], kind)),
            "zones": sum(kinds.values()),
        }


@pytest.fixture(scope="module")
def site(shared_demo_server):
    """The server's URL and each language's addresses."""
    return shared_demo_server, {language: _addresses(language) for language in LANGUAGES}


def sign_in(watched, language: str):
    """Sign in as the demo investor through the form."""
    from licensing.demo import DEMO_PASSWORD

    with translation.override(language):
        watched.goto(reverse("licensing:signin"))
    watched.page.fill("#id_username", INVESTOR)
    watched.page.fill("#id_password", DEMO_PASSWORD)
    watched.page.locator("#main form button[type=submit]").first.click()
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.locator("#id_password").count() == 0, "the demo investor is signed in"


def open_map_popup(page, shapes: str):
    """Click the first of ``shapes`` on the map and wait for its popup."""
    page.locator(".leaflet-container").first.wait_for()
    page.locator(shapes).first.click(force=True)
    page.locator(".leaflet-popup-content").wait_for()
    # Leaflet fades a popup in: its colours are measured once it is fully opaque.
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")


def suggestions_open(page, paths):
    box = page.locator("header").get_by_role("combobox")
    box.press_sequentially("minh hung", delay=20)
    page.get_by_role("listbox").get_by_role("option").first.wait_for()


def sign_in_refused(page, paths):
    page.fill("#id_username", INVESTOR)
    page.fill("#id_password", "not-the-password")
    page.locator("#main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_password").count() == 1, "a refused sign-in shows the form again"


def submitted_empty(page, paths):
    page.locator("#main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def zone_index_filtered(page, paths):
    page.select_option("#id_kind", paths["rarest kind"])
    page.locator("#zone-filters button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert 0 < page.locator(".zone-card").count() < paths["zones"], "the filter narrows the list"


def details_opened(page, paths):
    summaries = page.locator("#main details > summary")
    assert summaries.count() > 0, "the page has details to open"
    for summary in summaries.all():
        summary.click()
    assert page.locator("#main details:not([open])").count() == 0


#: (name, page, what to do there, signed in as the demo investor)
CASES = [(name, name, None, False) for name in (
    "home", "zone index", "zone", "incentives", "policy", "incentive finder", "cost", "compare", "shortlist",
    "sites", "profile", "search", "dashboard", "project", "procedures", "procedure", "plan", "performance",
    "track", "sign-in", "sign-up", "enquiry", "data catalogue", "not found")] + [
    (name, name, None, True) for name in ("my projects", "my applications", "application")] + [
    ("search suggestions open", "home", suggestions_open, False),
    ("sign-in refused", "sign-in", sign_in_refused, False),
    ("enquiry sent empty", "enquiry", submitted_empty, False),
    ("licensing application sent empty", "application new", submitted_empty, True),
    ("zone plot popup open", "zone", lambda page, paths: open_map_popup(page, "path.map-plot-available"), False),
    ("zone index popup open", "zone index",
     lambda page, paths: open_map_popup(page, ".leaflet-marker-icon"), False),
    ("zone index filtered", "zone index", zone_index_filtered, False),
    ("zone details open", "zone", details_opened, False),
    ("dashboard details open", "dashboard", details_opened, False),
]


def violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                         ".then(result => result.violations)", TAGS)


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
        if len(violation["nodes"]) > 3:
            lines.append(f"    ... and {len(violation['nodes']) - 3} more")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "page_name", "action", "signed_in"), CASES, ids=[case[0] for case in CASES])
def test_no_axe_violation(chromium, site, language, name, page_name, action, signed_in):
    base_url, addresses = site
    paths = addresses[language]
    with watched_page(chromium, base_url, bypass_csp=True) as watched:  # axe is injected as a script
        page = watched.page
        path = paths[page_name]
        if signed_in:
            sign_in(watched, language)
        response = watched.goto(path)
        assert response.status == (404 if page_name == "not found" else 200), (path, response.status)
        if page_name == "not found":  # the browser logs the page's own 404 status as an error
            watched.console_errors[:] = [text for text in watched.console_errors if "status of 404" not in text]
        assert page.locator("html").get_attribute("lang") == language
        if action:
            action(page, paths)
        found = violations(page)
        assert not found, f"{language} {name} ({page.url}):\n{describe(found)}"
