"""Signing in with the e-mail address or the user name, held by the sign-in throttle."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from wagtail.admin.forms.auth import LoginForm

from core import throttle


class EmailOrUsernameBackend(ModelBackend):
    """Django's backend, which also accepts the account's e-mail address in any letter case, and refuses,
    without checking any password, an account or a client address that has failed too often.

    Investors' user names are their e-mail addresses, but accounts made by the board (officers, editors)
    have short user names: the sign-in form asks for an e-mail and must accept it for them too. Only active
    accounts are matched (an unconfirmed sign-up cannot take an address over); an address shared by several
    active accounts signs none of them in by address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if throttle.signin_blocked(request, username or ""):
            raise PermissionDenied  # Django stops here and sends user_login_failed
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None or not username or "@" not in username or password is None:
            return user
        matches = list(get_user_model()._default_manager.filter(email__iexact=username.strip(), is_active=True)[:2])
        if len(matches) != 1:
            get_user_model()().set_password(password)  # as slow as a real check: timing tells nothing
            return None
        candidate = matches[0]
        if candidate.check_password(password) and self.user_can_authenticate(candidate):
            return candidate
        return None


def count_failure(sender, credentials, request=None, **kwargs):
    """``user_login_failed``: count the failure against the account and the client address."""
    throttle.signin_failed(request, credentials.get("username") or "")


def clear_failures(sender, request, user, **kwargs):
    """``user_logged_in``: the account's failures are forgotten."""
    throttle.signin_succeeded(user)


class AdminLoginForm(throttle.ThrottledSignInMixin, LoginForm):
    """Wagtail's admin sign-in form, telling a blocked account or address why it is refused."""


class AdminPasswordResetForm(throttle.ThrottledPasswordResetMixin, PasswordResetForm):
    """The admin's password reset form, throttled like the site's."""
