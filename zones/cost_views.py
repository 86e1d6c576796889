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
    """The site to cost: a zone by code and an area (its plots, ``plot`` repeated, are read by the view)."""

    zone = forms.SlugField(max_length=40)
    area_m2 = forms.DecimalField(label=_("Land area (m²)"), min_value=1, max_value=1_000_000_000, max_digits=14,
                                 decimal_places=2, required=False)


def _zone(code: str) -> ZonePage:
    """The live public zone of ``code``, in the active language when translated."""
    zones = ZonePage.objects.live().public().filter(code=code)
    zone = zones.filter(locale=Locale.get_active()).first() or zones.first()
    if zone is None:
        raise Http404("No such zone")
    return zone


#: A site of adjacent plots is costed together, up to this many plots.
MAX_PLOTS = 6


def _plots_area_and_price(plots: list, zone) -> tuple[Decimal, Decimal | None]:
    """The plots' area together (m²) and their price per m² weighted by area (None when one has no price)."""
    areas = [Decimal(str(plot.area_m2 or 0)) for plot in plots]
    prices = [plot.price_usd(zone) for plot in plots]
    area = sum(areas, Decimal("0"))
    if any(price is None for price in prices) or not area:
        return area, None
    return area, (sum((a * p for a, p in zip(areas, prices, strict=True)), Decimal("0")) / area).quantize(
        Decimal("0.0001"))


@require_GET
def cost(request):
    """The total cost of occupancy of a plot (``?zone=&plot=``; adjacent plots: ``plot`` repeated) or an area
    of a zone (``?zone=&area_m2=``) over the years the investor chooses, per part and per year, in USD and VND,
    each figure with its source."""
    site = CostSiteForm(request.GET)
    if not site.is_valid() and "zone" in site.errors:
        raise Http404("No zone given")
    zone = _zone(site.data["zone"])
    plots, area, price = [], None, None
    if site.is_valid():
        codes = list(dict.fromkeys(code[:40] for code in request.GET.getlist("plot") if code))[:MAX_PLOTS]
        if codes:
            plots = sorted(Plot.objects.for_zone(zone).leasable().filter(code__in=codes), key=lambda p: p.code)
            if len(plots) != len(codes):
                raise Http404("No such plot")
            area, price = _plots_area_and_price(plots, zone)
        elif site.cleaned_data["area_m2"]:
            area, price = site.cleaned_data["area_m2"], zone.land_price_min_usd
    profile = profiles.profile_of(profiles.current(request))
    form = CostAssumptionsForm(request.GET)
    breakdown = None
    if area and form.is_valid():
        breakdown = total_cost(zone, area_m2=area, land_price_usd_m2=price,
                               profile=profile or ProjectProfile(), assumptions=form.assumptions(profile))
    return render(request, "zones/cost.html", {
        "zone": zone, "plots": plots, "area_m2": area, "price": price, "site_form": site, "form": form,
        "breakdown": breakdown,
    })
