"""Admin screens for the zones app's reference data and plots (zone and policy pages use the page editor)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .gis_import import wagtail_hooks as gis_import_hooks  # noqa: F401 - registers the GIS import screens
from .models import AdministrativeUnit, InfrastructureFeature, NamedPlace, Plot, Sector


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
    model = Plot
    icon = "table"
    menu_label = _("Plots")
    list_display = ["code", "zone", "land_use", "status", "area_m2", "price_override_usd"]
    list_filter = ["zone", "status", "land_use"]
    search_fields = ["code"]
    ordering = ["zone__title", "code"]


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
