"""Signing in with the e-mail address or the user name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Django's backend, which also accepts the account's e-mail address in any letter case.

    Investors' user names are their e-mail addresses, but accounts made by the board (officers, editors)
    have short user names: the sign-in form asks for an e-mail and must accept it for them too. Only active
    accounts are matched (an unconfirmed sign-up cannot take an address over); an address shared by several
    active accounts signs none of them in by address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
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
