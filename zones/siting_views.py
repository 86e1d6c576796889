"""The site finder page: the investor's site needs (the kept project profile's site questions), the zones and
plots that fit with their reasons, and one map of the fitting plots."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import profiles, services, siting, units
from .forms import SITE_FIELDS
from .models import Plot

#: The options listed under each zone (the best ones; the rest are counted).
OPTIONS_SHOWN = 5
#: The questions the page asks; the profile's other answers travel as hidden fields, so that keeping the
#: submitted profile keeps them too.
ASKED = ("sector_code", *SITE_FIELDS)


def _map_features(search: siting.SiteSearch, request) -> tuple[list[dict], list[dict]]:
    """The boundaries of the zones that fit and their fitting plots, as the map renderer takes them (one query
    for the plots)."""
    fitting = search.fitting
    ids = {pk for found in fitting for option in found.fitting_options[:OPTIONS_SHOWN] for pk in option.plot_ids}
    plots = {plot.pk: plot for plot in Plot.objects.filter(pk__in=ids).select_related("zone").order_by("code")}
    features = []
    for found in fitting:
        mine = [plots[pk] for pk in sorted(found.fitting_plot_ids & ids) if pk in plots]
        features += services.plot_map_features(found.zone, mine, fitting=ids)
    return services.zone_map_features([found.zone for found in fitting], request), features


@require_GET
def sites(request):
    """Find a site: the site questions prefilled from the kept profile (a submitted form is kept), and every
    published zone judged for them, ranked, with its options and their reasons."""
    unit = units.unit_of(request)
    form = profiles.form_for(request)
    if not form.is_bound:
        form.fields["land_unit"].initial = unit
    search = zone_features = plot_features = None
    if form.is_bound and form.is_valid():
        search = siting.find_sites(siting.SiteNeeds.from_values(form.cleaned_data), unit=unit)
        zone_features, plot_features = _map_features(search, request)
    return render(request, "zones/sites.html", {
        "form": form, "asked": [form[name] for name in ASKED],
        "kept": [form[name] for name in form.fields if name not in ASKED], "search": search, "unit": unit,
        "zone_features": zone_features, "plot_features": plot_features, "options_shown": OPTIONS_SHOWN})
