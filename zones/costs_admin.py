"""Admin screens of the cost data (snippets, each row with its source) and "Figures to check": every sourced
figure with no source or date, out of date or never checked, each with a link to edit it. Imported by
zones/wagtail_hooks.py, the module Wagtail discovers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .figures import SOURCED_MODELS, figures_to_check
from .models import (
    CorporateIncomeTaxRate,
    ElectricityBandHours,
    ElectricityTariff,
    EmployerContribution,
    ExchangeRate,
    MinimumWage,
)

SOURCE_COLUMNS = ["as_of", "checked_on", "illustrative"]


class ExchangeRateViewSet(SnippetViewSet):
    model = ExchangeRate
    icon = "doc-full"
    menu_label = _("Exchange rates")
    list_display = ["vnd_per_usd", "effective_from", *SOURCE_COLUMNS]


class ElectricityTariffViewSet(SnippetViewSet):
    model = ElectricityTariff
    icon = "doc-full"
    menu_label = _("Electricity tariffs")
    list_display = ["voltage_level", "band", "price_vnd_kwh", "effective_from", *SOURCE_COLUMNS]
    list_filter = ["voltage_level", "band"]


class ElectricityBandHoursViewSet(SnippetViewSet):
    model = ElectricityBandHours
    icon = "time"
    menu_label = _("Time-band hours")
    list_display = ["band", "share_pct", "effective_from", *SOURCE_COLUMNS]


class MinimumWageViewSet(SnippetViewSet):
    model = MinimumWage
    icon = "user"
    menu_label = _("Regional minimum wages")
    list_display = ["region", "monthly_vnd", "effective_from", *SOURCE_COLUMNS]
    list_filter = ["region"]


class EmployerContributionViewSet(SnippetViewSet):
    model = EmployerContribution
    icon = "group"
    menu_label = _("Employer contributions")
    list_display = ["kind", "rate_pct", "effective_from", *SOURCE_COLUMNS]


class CorporateIncomeTaxRateViewSet(SnippetViewSet):
    model = CorporateIncomeTaxRate
    icon = "doc-full"
    menu_label = _("Corporate income tax")
    list_display = ["rate_pct", "effective_from", *SOURCE_COLUMNS]


class CostDataGroup(SnippetViewSetGroup):
    items = (ExchangeRateViewSet, ElectricityTariffViewSet, ElectricityBandHoursViewSet, MinimumWageViewSet,
             EmployerContributionViewSet, CorporateIncomeTaxRateViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Cost data")
    menu_name = "cost-data"


register_snippet(CostDataGroup)


class FiguresToCheckMenuItem(MenuItem):
    def is_shown(self, request):
        return can_check_figures(request.user)


@hooks.register("register_admin_menu_item")
def register_figures_to_check_menu_item():
    return FiguresToCheckMenuItem(_("Figures to check"), reverse("zones_figures_to_check"), icon_name="warning",
                                  order=260, name="figures-to-check")


@hooks.register("register_admin_urls")
def register_figures_to_check_url():
    return [path("figures-to-check/", figures_to_check_view, name="zones_figures_to_check")]


#: The permissions that let a user see the list (to change a cost row or a zone page).
CHECK_PERMISSIONS = tuple(f"zones.change_{name.lower()}" for name in SOURCED_MODELS if name != "ZoneFigureSource") \
    + ("zones.change_zonepage",)


def can_check_figures(user) -> bool:
    """Whether ``user`` keeps figures: may change cost data or zone pages."""
    return any(user.has_perm(permission) for permission in CHECK_PERMISSIONS)


def figures_to_check_view(request):
    """The list of figures to check, with their reasons and edit links."""
    if not can_check_figures(request.user):
        raise PermissionDenied
    finder = AdminURLFinder(request.user)
    rows = []
    for figure in figures_to_check():
        target = getattr(figure.obj, "zone", None) or figure.obj
        rows.append({"figure": figure, "edit_url": finder.get_edit_url(target)})
    return render(request, "zones/admin/figures_to_check.html", {"rows": rows})
