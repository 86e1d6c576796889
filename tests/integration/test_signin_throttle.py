"""One sign-in throttle for every form that signs someone in: the site's, the admin's and password reset.

Limits per account (whatever identifier names it) and per client address, counted in the shared cache."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Strong-2026!"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("officer7", "Officer7@Example.org", PASSWORD, is_staff=True,
                                                 is_superuser=True)


def admin_sign_in(client, username, password, address="203.0.113.9", **extra):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302 and "/login/" not in response["Location"]


def test_admin_sign_in_locks_the_account_after_ten_failures(client, officer, settings):
    assert settings.SIGNIN_ACCOUNT_LIMIT == 10
    for attempt in range(10):
        # The user name and the e-mail in any case count against the same account.
        name = ("officer7", "officer7@example.org", "OFFICER7@EXAMPLE.ORG")[attempt % 3]
        assert not signed_in(admin_sign_in(client, name, "wrong"))
    response = admin_sign_in(client, "officer7", PASSWORD)
    assert not signed_in(response)
    assert "Too many failed sign-ins for this account" in response.content.decode()
    # The site's form refuses it too: one counter for the account, whichever form.
    response = client.post(reverse("licensing:signin"), {"username": "officer7", "password": PASSWORD})
    assert response.status_code == 200 and "Too many failed sign-ins" in response.content.decode()


def test_a_success_before_the_limit_clears_the_account(client, officer):
    for _ in range(9):
        admin_sign_in(client, "officer7", "wrong")
    assert signed_in(admin_sign_in(client, "officer7", PASSWORD))
    client.logout()
    for _ in range(9):
        admin_sign_in(client, "officer7", "wrong")
    assert signed_in(admin_sign_in(client, "officer7", PASSWORD))


def test_one_address_trying_many_accounts_is_stopped(client, officer, settings):
    settings.SIGNIN_ADDRESS_LIMIT = 30
    for i in range(30):
        admin_sign_in(client, f"nobody-{i}", "wrong", address="198.51.100.7")
    response = admin_sign_in(client, "officer7", PASSWORD, address="198.51.100.7")
    assert not signed_in(response)
    assert "from your network" in response.content.decode()
    # Another address is not affected, nor is the account itself.
    assert signed_in(admin_sign_in(client, "officer7", PASSWORD, address="198.51.100.8"))


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, officer, settings):
    settings.SIGNIN_ADDRESS_LIMIT = 5
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        # The attacker varies the left part of X-Forwarded-For; the proxy appended the real address.
        admin_sign_in(client, f"nobody-{i}", "wrong", address="10.0.0.2",
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 198.51.100.20")
    blocked = admin_sign_in(client, "officer7", PASSWORD, address="10.0.0.2",
                            HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.20")
    assert not signed_in(blocked)
    # Every visitor shares the proxy's own address; another client behind it is not blocked.
    assert signed_in(admin_sign_in(client, "officer7", PASSWORD, address="10.0.0.2",
                                   HTTP_X_FORWARDED_FOR="198.51.100.21"))


@pytest.mark.parametrize("url", ["/admin/password_reset/", "licensing:password_reset"])
def test_password_reset_sends_at_most_three_mails_an_hour(client, officer, url):
    url = url if url.startswith("/") else reverse(url)
    for _ in range(6):
        response = client.post(url, {"email": "officer7@example.org"})
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 3


def test_deploy_check_refuses_a_cache_private_to_each_process(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(SystemCheckError, match="portal.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["caches"])
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/9"}}
    call_command("check", "--deploy", "--fail-level", "ERROR", tags=["caches"])
