"""Accounts that explain themselves: an unconfirmed account is told so (only with its right password) and can
have the confirmation e-mail sent again, within limits; user names and e-mails in any letter case, on the site
and in the admin; every e-mail link on the configured address, which production's deploy check verifies."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from licensing.views import accounts as account_views

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-pass-2026"
SITE = "https://invest.province.test"
UNCONFIRMED = "not confirmed yet"
GENERIC = "do not match an active account"


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE + "/"


@pytest.fixture
def newcomer(django_user_model):
    return django_user_model.objects.create_user("newcomer@firm.test", "newcomer@firm.test", PASSWORD,
                                                 is_active=False)


def sign_in(client, username, password=PASSWORD, address="203.0.113.20"):
    return client.post(reverse("licensing:signin"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def resend(client, address="203.0.113.20"):
    return client.post(reverse("licensing:resend_activation"), REMOTE_ADDR=address, follow=True)


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_an_unconfirmed_account_is_told_and_the_resent_link_activates_it(client, newcomer):
    html = sign_in(client, "NewComer@Firm.test").content.decode()
    assert UNCONFIRMED in html and GENERIC not in html
    assert reverse("licensing:resend_activation") in html
    page = resend(client).content.decode()
    assert "We sent a new confirmation link to newcomer@firm.test" in page
    [message] = mail.outbox
    assert message.to == ["newcomer@firm.test"]
    [link] = links(message)
    assert link.startswith(SITE + "/") and "/activate/" in link
    response = client.get(link.removeprefix(SITE))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(newcomer.pk)


def test_a_wrong_password_tells_nothing_about_the_unconfirmed_account(client, newcomer):
    unconfirmed = sign_in(client, "newcomer@firm.test", "wrong-password").content.decode()
    nobody = sign_in(client, "nobody@firm.test", "wrong-password").content.decode()
    for html in (unconfirmed, nobody):
        assert GENERIC in html and UNCONFIRMED not in html
        assert reverse("licensing:resend_activation") not in html
    resend(client)  # the session holds no proven account: nothing is sent
    assert mail.outbox == []


def test_an_account_deactivated_after_use_is_not_offered_a_confirmation(client, newcomer):
    newcomer.last_login = newcomer.date_joined
    newcomer.save()
    html = sign_in(client, "newcomer@firm.test").content.decode()
    assert GENERIC in html and UNCONFIRMED not in html


def test_resending_is_limited_per_address_and_per_client(client, newcomer, django_user_model, monkeypatch):
    sign_in(client, "newcomer@firm.test")
    for _ in range(account_views.SIGNUP_MAILS_PER_ADDRESS):
        resend(client)
    page = resend(client).content.decode()
    assert "We have sent several confirmation e-mails" in page
    assert len(mail.outbox) == account_views.SIGNUP_MAILS_PER_ADDRESS

    monkeypatch.setattr(account_views, "SIGNUP_MAILS_PER_CLIENT", account_views.SIGNUP_MAILS_PER_ADDRESS + 2)
    django_user_model.objects.create_user("second@firm.test", "second@firm.test", PASSWORD, is_active=False)
    sign_in(client, "second@firm.test")
    assert "We sent a new confirmation link" in resend(client).content.decode()  # the client's 5th
    assert "We have sent several" in resend(client).content.decode()  # the client's 6th
    assert "We sent a new confirmation link" in resend(client, address="198.51.100.1").content.decode()


def test_sign_up_and_resend_share_the_address_limit(client, newcomer):
    for _ in range(account_views.SIGNUP_MAILS_PER_ADDRESS):
        client.post(reverse("licensing:signup"), {
            "email": "NEWCOMER@firm.test", "company": "Firm", "country": "VN",
            "password1": PASSWORD, "password2": PASSWORD}, REMOTE_ADDR="203.0.113.20")
    sign_in(client, "newcomer@firm.test")
    assert "We have sent several" in resend(client).content.decode()
    assert len(mail.outbox) == account_views.SIGNUP_MAILS_PER_ADDRESS


def test_user_names_in_any_case_on_the_site_and_in_the_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("Officer-Mixed", "mixed@board.test", PASSWORD)
    assert sign_in(client, "officer-MIXED").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    response = client.post("/admin/login/", {"username": "OFFICER-mixed", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_names_that_differ_only_by_case_are_never_guessed_between(client, django_user_model):
    lower = django_user_model.objects.create_user("dup", "dup-lower@board.test", PASSWORD)
    django_user_model.objects.create_user("DUP", "dup-upper@board.test", PASSWORD)
    assert sign_in(client, "Dup").status_code == 200 and "_auth_user_id" not in client.session
    assert sign_in(client, "dup").status_code == 302 and client.session["_auth_user_id"] == str(lower.pk)


def test_the_admin_refuses_a_user_name_that_differs_only_by_case(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root-admin", "root@board.test", PASSWORD)
    officer = django_user_model.objects.create_user("officer", "officer@board.test", PASSWORD)
    client.force_login(admin)
    new = {"username": "Officer", "email": "other@board.test", "first_name": "O", "last_name": "T",
           "password1": PASSWORD, "password2": PASSWORD, "is_active": "on"}
    response = client.post(reverse("wagtailusers_users:add"), new)
    assert response.status_code == 200 and "already exists (user names ignore letter case)" in response.text
    assert not django_user_model.objects.filter(email="other@board.test").exists()
    assert client.post(reverse("wagtailusers_users:add"), {**new, "username": "officer-2"}).status_code == 302
    second = django_user_model.objects.get(username="officer-2")

    edit = {"username": "OFFICER", "email": second.email, "first_name": "O", "last_name": "T", "is_active": "on"}
    response = client.post(reverse("wagtailusers_users:edit", args=[second.pk]), edit)
    assert response.status_code == 200 and "already exists" in response.text
    second.refresh_from_db()
    assert second.username == "officer-2"
    own = {**edit, "username": "Officer", "email": officer.email}  # its own name in another case is its own
    assert client.post(reverse("wagtailusers_users:edit", args=[officer.pk]), own).status_code == 302
    officer.refresh_from_db()
    assert officer.username == "Officer"


def test_sign_up_with_an_address_in_another_case_makes_no_second_account(client, django_user_model):
    owner = django_user_model.objects.create_user("owner@firm.test", "owner@firm.test", PASSWORD)
    response = client.post(reverse("licensing:signup"), {
        "email": "Owner@FIRM.test", "company": "Firm", "country": "VN",
        "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert list(django_user_model.objects.filter(email__iexact="owner@firm.test")) == [owner]
    [message] = mail.outbox
    assert message.to == ["owner@firm.test"] and "already has one" in message.body
    assert all(link.startswith(SITE + "/") for link in links(message)) and len(links(message)) == 2


def test_the_password_reset_link_uses_the_configured_address(client, django_user_model):
    django_user_model.objects.create_user("reset@firm.test", "reset@firm.test", PASSWORD)
    page = client.get(reverse("licensing:password_reset")).content.decode()
    assert "The e-mail address of your account" in page
    client.post(reverse("licensing:password_reset"), {"email": "RESET@firm.test"}, HTTP_HOST="testserver")
    [message] = mail.outbox
    [link] = links(message)
    assert link.startswith(SITE + "/") and "testserver" not in link


@pytest.mark.parametrize("address", ["", "http://invest.province.gov.vn", "https://127.0.0.1:8000",
                                     "https://localhost", "https://invest.example.org", "https://www.example"])
def test_the_deploy_check_refuses_a_missing_plain_or_local_address(settings, address):
    settings.WAGTAILADMIN_BASE_URL = address
    with pytest.raises(SystemCheckError, match="WAGTAILADMIN_BASE_URL"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])


def test_the_deploy_check_accepts_the_public_https_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://invest.province.gov.vn"
    settings.SECURE_SSL_REDIRECT = True
    call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])
