"""The home page, site settings, language routing and the demo loader."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_home_page_serves_in_both_languages(client, home_page, site_settings):
    en = client.get("/en/")
    vi = client.get("/vi/")
    assert en.status_code == 200 and vi.status_code == 200
    assert '<html lang="en">' in en.text and '<html lang="vi">' in vi.text
    assert "Invest in Binh Phuoc" in en.text
    assert "Đầu tư vào Bình Phước" in vi.text
    assert "Trung tâm Xúc tiến Đầu tư" in vi.text  # footer in the page's language
    assert 'hreflang="vi" href="http://testserver/vi/"' in en.text


def test_root_redirects_by_accept_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302 and response["Location"] == "/vi/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert response["Location"] == "/en/"


def test_ui_strings_are_translated(client, home_page):
    text = client.get("/vi/").text
    assert "Bỏ qua, đến nội dung chính" in text
    assert "Số liệu chính" in text


def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    policy = client.get("/en/")["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src


def test_call_to_action_hidden_until_its_page_is_live(client, home_page):
    target = home_page.add_child(instance=Page(title="Zones", slug="zones", live=False))
    home_page.calls_to_action = [("action", {"title": "Find a zone", "text": "", "page": target, "url": ""})]
    home_page.save_revision().publish()
    assert "Find a zone" not in client.get("/en/").text
    target.save_revision().publish()
    assert "Find a zone" in client.get("/en/").text


def test_call_to_action_refuses_off_site_links(home_page):
    from wagtail.blocks import StructBlockValidationError

    from portal.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "x", "text": "", "page": None, "url": "//evil.example/"}))


def test_load_demo_is_idempotent(capsys):
    from promotion.models import AftercareIssue, Enquiry, Lead

    call_command("load_demo")
    counts = (Page.objects.count(), SiteSettings.objects.count(), Enquiry.objects.count(), Lead.objects.count(),
              AftercareIssue.objects.count())
    call_command("load_demo")
    assert (Page.objects.count(), SiteSettings.objects.count(), Enquiry.objects.count(), Lead.objects.count(),
            AftercareIssue.objects.count()) == counts
    # The board's demo work is the administrator's: answered enquiries, rated; owned leads; nothing e-mailed.
    answered = Enquiry.objects.filter(first_answered_at__isnull=False)
    assert Enquiry.objects.count() == 4 and answered.count() == 2
    assert all(e.officer.username == "admin" and e.rating.score >= 4 for e in answered)
    assert Enquiry.objects.filter(acknowledged_at__isnull=True).count() == 0
    assert Lead.objects.filter(owner__username="admin").count() == Lead.objects.count() > 0
    assert HomePage.objects.count() == 6  # the English home page and its five translations
    assert "password" in capsys.readouterr().out


class TestHomePageModel(WagtailPageTestCase):
    def test_home_page_can_only_be_created_at_the_top(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_renders(self):
        from portal import demo

        home = demo.ensure_home_pages()
        self.assertPageIsRenderable(home)
