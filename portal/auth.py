"""Signing in with the e-mail address or the user name, held by the sign-in throttle."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from core import throttle
from licensing.accounts import find_account, name_taken


class EmailOrUsernameBackend(ModelBackend):
    """Django's backend, matching the user name or the e-mail address in any letter case
    (``licensing.accounts.find_account``), and refusing, without checking any password, an account or a client
    address that has failed too often. Both the site's sign-in and the admin's use it.

    Only active accounts are matched: an unconfirmed sign-up cannot take an address over, and the site's form
    tells an unconfirmed investor so only after checking the password itself.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if throttle.signin_blocked(request, username or ""):
            raise PermissionDenied  # Django stops here and sends user_login_failed
        if not username or password is None:
            return None
        user = find_account(username)
        if user is None:
            get_user_model()().set_password(password)  # as slow as a real check: timing tells nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
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


class CaseInsensitiveUsernameMixin:
    """Refuses a user name that differs from another account's only by letter case (``name_taken``)."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if name_taken(username, exclude_pk=self.instance.pk):
            raise forms.ValidationError(
                _("An account with the user name %(name)s already exists (user names ignore letter case)."),
                code="duplicate_username", params={"name": username})
        return username


class AdminUserCreationForm(CaseInsensitiveUsernameMixin, UserCreationForm):
    """Wagtail's form for a new user, with case-insensitive user names."""


class AdminUserEditForm(CaseInsensitiveUsernameMixin, UserEditForm):
    """Wagtail's form for editing a user, with case-insensitive user names."""


class AdminUserViewSet(UserViewSet):
    """Wagtail's user screens with the forms above."""

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
