"""Views of the zones app that are not Wagtail pages."""

from django.shortcuts import render

from .forms import IncentiveFinderForm
from .services import applicable_incentives


def incentive_finder(request):
    """Ask for a project profile (GET) and show the incentives that apply and why."""
    form = IncentiveFinderForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        matches = applicable_incentives(form.profile())
    return render(request, "zones/incentive_finder.html", {"form": form, "matches": matches})
