"""A new investor who has not confirmed the e-mail yet signs in: the page says so and sends the confirmation
e-mail again, in English and in Vietnamese (the live server shares Django's locmem outbox with the test)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from portal import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Strong-pass-2026"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_unconfirmed_investor_is_told_and_resends_the_confirmation(browser_page, settings, language, tmp_path):
    settings.WAGTAILADMIN_BASE_URL = "https://invest.province.test"
    demo.ensure_home_pages(languages=("en", "vi"))
    email = f"new-{language}@firm.test"
    get_user_model().objects.create_user(email, email, PASSWORD, is_active=False)
    mail.outbox = []
    page = browser_page.page
    browser_page.goto(f"/{language}/licensing/account/sign-in/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("input[name=username]").fill(email.upper())
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()

    told = page.locator("form:has(input[name=password]) [data-testid=error-summary] [role=alert]")
    expect(told).to_be_visible()
    if language == "en":
        expect(told).to_contain_text("Your e-mail address is not confirmed yet")
    resend = page.locator(f"form[action='/{language}/licensing/account/confirmation/resend/'] button")
    expect(resend).to_be_visible()
    page.screenshot(path=str(tmp_path / f"unconfirmed-{language}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / f"unconfirmed-{language}-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    resend.click()
    expect(page.locator(".messages .message-success")).to_contain_text(email)
    assert [message.to for message in mail.outbox] == [[email]]
    assert f"https://invest.province.test/{language}/licensing/account/activate/" in mail.outbox[0].body
