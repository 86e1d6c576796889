"""Admin screens for the zones app's reference data and plots (zone and policy pages use the page editor)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .gis_import import wagtail_hooks as gis_import_hooks  # noqa: F401 - registers the GIS import screens
from .models import AdministrativeUnit, InfrastructureFeature, NamedPlace, Plot, Sector, ZonePage


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Administrative units")
    list_display = ["name_vi", "name_en", "level", "code", "parent", "valid_from", "valid_to",
                    "difficult_conditions"]
    list_filter = ["level", "difficult_conditions"]
    search_fields = ["name_vi", "name_en", "code"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors (VSIC)")
    list_display = ["code", "level", "name_en", "name_vi", "checked"]
    list_filter = ["level", "checked"]
    search_fields = ["code", "name_vi", "name_en", "keywords_en", "keywords_vi"]


class NamedPlaceViewSet(SnippetViewSet):
    model = NamedPlace
    icon = "globe"
    menu_label = _("Named places")
    list_display = ["name_en", "name_vi", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name_vi", "name_en", "code"]


class PlotViewSet(SnippetViewSet):
    """The plots of every zone, 50 a page; a zone's page in the editor links to its own plots here."""

    model = Plot
    icon = "table"
    menu_label = _("Plots")
    list_display = ["code", "zone", "land_use", "status", "area_m2", "price_override_usd"]
    list_filter = ["zone", "status", "land_use"]
    search_fields = ["code"]
    ordering = ["zone__title", "code"]
    list_per_page = 50

    def get_queryset(self, request):
        return Plot.objects.select_related("zone")


def zone_plots_url(zone) -> str:
    """The admin listing of ``zone``'s plots."""
    return f"{reverse(Plot.snippet_viewset.get_url_name('list'))}?{urlencode({'zone': zone.pk})}"


@hooks.register("register_page_header_buttons")
def zone_plots_button(page, user, view_name, next_url=None):
    """On a zone page in the admin: a link to the zone's plots (a paginated, searchable listing)."""
    if isinstance(page.specific_deferred, ZonePage) and user.has_perm("zones.view_plot"):
        yield Button(_("Plots of this zone"), zone_plots_url(page), icon_name="table", priority=79)


class InfrastructureFeatureViewSet(SnippetViewSet):
    model = InfrastructureFeature
    icon = "pick"
    menu_label = _("Infrastructure")
    list_display = ["name_en", "name_vi", "layer", "status", "details_en", "code"]
    list_filter = ["layer", "status", "illustrative"]
    search_fields = ["name_vi", "name_en", "code"]


class ZonesDataGroup(SnippetViewSetGroup):
    items = (PlotViewSet, InfrastructureFeatureViewSet, NamedPlaceViewSet, SectorViewSet, AdministrativeUnitViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Zones data")
    menu_name = "zones-data"


register_snippet(ZonesDataGroup)


from . import costs_admin  # noqa: E402, F401 - registers the cost data screens and "Figures to check"
