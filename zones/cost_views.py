"""The public total-cost page: a site (a zone's plot, or an area in a zone) and the investor's assumptions,
costed by ``zones.costs.total_cost`` with the kept project profile."""

from decimal import Decimal

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from core.profile import ProjectProfile

from . import profiles
from .costs import CostAssumptionsForm, total_cost
from .models import Plot, ZonePage


class CostSiteForm(forms.Form):
    """The site to cost: a zone by code, and one of its plots by code or an area."""

    zone = forms.SlugField(max_length=40)
    plot = forms.CharField(max_length=40, required=False)
    area_m2 = forms.DecimalField(label=_("Land area (m²)"), min_value=1, max_value=1_000_000_000, max_digits=14,
                                 decimal_places=2, required=False)


def _zone(code: str) -> ZonePage:
    """The live public zone of ``code``, in the active language when translated."""
    zones = ZonePage.objects.live().public().filter(code=code)
    zone = zones.filter(locale=Locale.get_active()).first() or zones.first()
    if zone is None:
        raise Http404("No such zone")
    return zone


@require_GET
def cost(request):
    """The total cost of occupancy of a plot (``?zone=&plot=``) or an area of a zone (``?zone=&area_m2=``) over
    the years the investor chooses, per part and per year, in USD and VND, each figure with its source."""
    site = CostSiteForm(request.GET)
    if not site.is_valid() and "zone" in site.errors:
        raise Http404("No zone given")
    zone = _zone(site.data["zone"])
    plot = area = price = None
    if site.is_valid():
        if site.cleaned_data["plot"]:
            plot = Plot.objects.for_zone(zone).leasable().filter(code=site.cleaned_data["plot"]).first()
            if plot is None:
                raise Http404("No such plot")
            area, price = Decimal(str(plot.area_m2 or 0)), plot.price_usd(zone)
        elif site.cleaned_data["area_m2"]:
            area, price = site.cleaned_data["area_m2"], zone.land_price_min_usd
    profile = profiles.profile_of(profiles.current(request))
    form = CostAssumptionsForm(request.GET)
    breakdown = None
    if area and form.is_valid():
        breakdown = total_cost(zone, area_m2=area, land_price_usd_m2=price,
                               profile=profile or ProjectProfile(), assumptions=form.assumptions(profile))
    return render(request, "zones/cost.html", {
        "zone": zone, "plot": plot, "area_m2": area, "price": price, "site_form": site, "form": form,
        "breakdown": breakdown, "has_profile": profile is not None,
    })
