"""A refused form, by keyboard: focus lands on the error summary, and following one of its links puts focus in
the field it names."""

import pytest
from playwright.sync_api import expect

from portal import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_refused_sign_up_focuses_the_summary_whose_link_focuses_the_field(browser_page):
    demo.ensure_home_pages()
    page = browser_page.page
    browser_page.goto("/en/licensing/account/sign-up/")
    page.locator("#id_email").fill("someone@example.com")
    page.locator("#id_company").fill("Someone Co")
    page.locator("#id_password1").fill("a long enough passphrase 42")
    page.locator("#id_password2").fill("another passphrase")
    page.locator("#id_password2").press("Enter")  # submitted from the keyboard

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    password2 = page.locator("#id_password2")
    expect(password2).to_have_attribute("aria-invalid", "true")
    expect(password2).to_have_attribute("aria-describedby", "id_password2_error")
    expect(page.locator("#id_password2_error")).to_have_text("The two passwords differ.")

    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Password again: The two passwords differ.")).to_be_focused()
    page.keyboard.press("Enter")
    expect(password2).to_be_focused()
