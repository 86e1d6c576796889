"""Investor accounts: confirming the e-mail address, and the signal other apps hear when an address is confirmed."""

from django.db import transaction
from django.dispatch import Signal

#: Sent (``sender`` = the user model, ``user`` = the account) once an investor has proved they own the address.
email_confirmed = Signal()


@transaction.atomic
def confirm_email(user) -> None:
    """Activate the account whose owner followed the confirmation link, and tell the other apps."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    email_confirmed.send(sender=type(user), user=user)
