"""The investor's API tokens page: make a token (its key is shown once), see their tokens, revoke one."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from licensing.views.investor import investor_required

from . import tokens

#: How long a new token may be used (days; empty: until revoked).
LIFETIMES = (("", gettext_lazy("Until I revoke it")), ("30", gettext_lazy("30 days")),
             ("90", gettext_lazy("90 days")), ("365", gettext_lazy("One year")))


class TokenForm(forms.Form):
    """A new token's name and lifetime."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=80,
                           help_text=gettext_lazy("What the token is for, e.g. the system that will use it."))
    lifetime = forms.ChoiceField(label=gettext_lazy("Valid for"), choices=LIFETIMES, required=False)

    def expires_at(self):
        days = self.cleaned_data.get("lifetime")
        return timezone.now() + timedelta(days=int(days)) if days else None


@investor_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """The caller's tokens and the form for a new one; after making one, its key, shown this once."""
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        _token, key = tokens.create_token(request.user, form.cleaned_data["name"], form.expires_at())
        form = TokenForm()
    response = render(request, "api/tokens.html", {
        "form": form, "key": key, "tokens": tokens.tokens_for(request.user), "now": timezone.now()})
    add_never_cache_headers(response)
    return response


@investor_required
@require_POST
def token_revoke(request, pk: int):
    """Revoke one of the caller's tokens (404 for anyone else's)."""
    token = tokens.revoke(request.user, pk)
    messages.success(request, _("The token “%(name)s” was revoked: it no longer opens the API.") % {
        "name": token.name})
    return redirect("api-tokens:list")
