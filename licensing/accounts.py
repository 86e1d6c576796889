"""Investor accounts: finding the account a sign-in names, confirming the e-mail address, and the signal other
apps hear when an address is confirmed."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal

#: Sent (``sender`` = the user model, ``user`` = the account) once an investor has proved they own the address.
email_confirmed = Signal()


def name_taken(username: str, *, exclude_pk=None) -> bool:
    """Whether another account already has ``username`` in any letter case: user names are case-insensitive
    (sign-in finds "Officer" by "officer"), so no two may differ only by case."""
    accounts = get_user_model()._default_manager.filter(username__iexact=(username or "").strip())
    return accounts.exclude(pk=exclude_pk).exists() if exclude_pk is not None else accounts.exists()


def find_account(identifier: str, *, active: bool = True):
    """The account ``identifier`` names, its user name or its e-mail address in any letter case, or None.

    The one rule for every sign-in (the site's, the admin's): an exact user name wins; otherwise the one
    account whose user name matches in any case, otherwise the one whose e-mail does. Several accounts that
    differ only by case (made before this rule) are never guessed between: none is signed in by the ambiguous
    name, each still by its exact user name."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    accounts = get_user_model()._default_manager.filter(is_active=active)
    exact = accounts.filter(username=identifier).first()
    if exact is not None:
        return exact
    for lookup in (Q(username__iexact=identifier), Q(email__iexact=identifier)):
        matches = list(accounts.filter(lookup)[:2])
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None


@transaction.atomic
def confirm_email(user) -> None:
    """Activate the account whose owner followed the confirmation link, and tell the other apps."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    email_confirmed.send(sender=type(user), user=user)
