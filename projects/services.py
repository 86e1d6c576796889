"""Registration and upkeep of projects: shares, kind, capital equivalents, location, plots and status.

Statistics live in ``projects.statistics`` and are re-exported here for callers that want one entry point."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zones.choices import PlotStatus
from zones.models import ExchangeRate, Plot

from .choices import STATUS_DATE_FIELDS, CapitalChangeKind, Currency, ProjectKind, ProjectStatus
from .location import locate
from .models import HOME_COUNTRY, HUNDRED, CapitalChange, Investor, Project, ProjectInvestor, ProjectStatusChange
from .page_cache import registry_changed
from .statistics import Filters, Period, cumulative_fdi, home_figures, ranking, series, signed, summary  # noqa: F401

# Law on Investment 2020 counts any foreign ownership as foreign investment: a project is FDI when its foreign
# share is above this threshold (0%).
FDI_THRESHOLD_PCT = Decimal("0")

# A terminated project stays terminated; a suspended one may resume.
ALLOWED_TRANSITIONS = {
    ProjectStatus.PLANNED: {ProjectStatus.REGISTERED, ProjectStatus.TERMINATED},
    ProjectStatus.REGISTERED: {ProjectStatus.POLICY_APPROVED, ProjectStatus.CERTIFICATE_ISSUED,
                               ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.OPERATING,
                               ProjectStatus.SUSPENDED, ProjectStatus.TERMINATED},
    ProjectStatus.POLICY_APPROVED: {ProjectStatus.CERTIFICATE_ISSUED, ProjectStatus.UNDER_CONSTRUCTION,
                                    ProjectStatus.SUSPENDED, ProjectStatus.TERMINATED},
    ProjectStatus.CERTIFICATE_ISSUED: {ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.OPERATING,
                                       ProjectStatus.SUSPENDED, ProjectStatus.TERMINATED},
    ProjectStatus.UNDER_CONSTRUCTION: {ProjectStatus.OPERATING, ProjectStatus.SUSPENDED, ProjectStatus.TERMINATED},
    ProjectStatus.OPERATING: {ProjectStatus.SUSPENDED, ProjectStatus.TERMINATED},
    ProjectStatus.SUSPENDED: {ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.OPERATING, ProjectStatus.TERMINATED},
    ProjectStatus.TERMINATED: set(),
}


class IllegalStatusChange(ValidationError):
    """A status change the transitions table does not allow."""


@dataclass(frozen=True)
class Share:
    """An investor's share in a project being registered."""

    investor: Investor
    share_pct: Decimal


def ownership(shares: Iterable[tuple[str, Decimal]]) -> tuple[Decimal, str]:
    """(foreign share %, lead country) from (country, share %) pairs; lead = largest foreign holder, else VN."""
    foreign = Decimal("0")
    lead, lead_share = HOME_COUNTRY, Decimal("-1")
    for country, pct in shares:
        if country != HOME_COUNTRY:
            foreign += pct
            if pct > lead_share:
                lead, lead_share = country, pct
    return foreign, lead


def kind_for_foreign_share(foreign_pct: Decimal) -> str:
    """The project kind the foreign share implies."""
    return ProjectKind.FDI if foreign_pct > FDI_THRESHOLD_PCT else ProjectKind.DOMESTIC


def check_shares(pcts: Iterable[Decimal]) -> None:
    """Shares must be positive and total exactly 100%."""
    pcts = list(pcts)
    if not pcts:
        raise ValidationError(_("A project needs at least one investor."))
    if any(p <= 0 for p in pcts):
        raise ValidationError(_("Every share must be above 0%."))
    total = sum(pcts, Decimal("0"))
    if total != HUNDRED:
        raise ValidationError(_("Ownership shares total %(total)s%%, not 100%%.") % {"total": total})


def check_kind(declared: str | None, foreign_pct: Decimal) -> str:
    """The kind implied by the shares; a declared kind that contradicts them is an error."""
    implied = kind_for_foreign_share(foreign_pct)
    if declared and declared != implied:
        raise ValidationError(_("The project is declared %(declared)s but its foreign share is %(pct)s%%.")
                              % {"declared": declared, "pct": foreign_pct})
    return implied


def apply_capital(project: Project) -> None:
    """Fill the VND and USD equivalents of the registered capital at the recorded rate."""
    if project.registered_capital < 0:
        raise ValidationError({"registered_capital": _("Capital cannot be negative.")})
    project.capital_vnd, project.capital_usd = project.convert(project.registered_capital, project.currency)


@transaction.atomic
def register_project(project: Project, shares: list[Share], *, declared_kind: str | None = None, actor=None,
                     locate_now: bool = True) -> Project:
    """Validate and save a new project with its shares, its first capital change ("new registration") and
    its first status-history row, all or nothing. The kind follows the shares (a contradicting declared
    kind is an error); zone and commune follow the location point."""
    check_shares(s.share_pct for s in shares)
    foreign, lead = ownership((s.investor.country, s.share_pct) for s in shares)
    project.kind = check_kind(declared_kind, foreign)
    project.foreign_share_pct, project.lead_country = foreign, lead
    apply_capital(project)
    project.full_clean()
    if locate_now:
        locate([project])
    project.save()
    ProjectInvestor.objects.bulk_create(
        [ProjectInvestor(project=project, investor=s.investor, share_pct=s.share_pct, sort_order=i)
         for i, s in enumerate(shares)])
    _record_new_registration(project)
    ProjectStatusChange.objects.create(project=project, from_status="", to_status=project.status,
                                       date=project.registered_on, actor=actor, note=_("Registered"))
    return project


def _record_new_registration(project: Project) -> None:
    """The project's "new registration" capital change (the one the statistics count), once it is in the
    registry: a planned project has none until the authority registers it."""
    if project.status == ProjectStatus.PLANNED or project.capital_changes.filter(kind=CapitalChangeKind.NEW).exists():
        return
    CapitalChange(project=project, kind=CapitalChangeKind.NEW, date=project.registered_on,
                  currency=project.currency, amount=project.registered_capital,
                  exchange_rate=project.exchange_rate).save()


@transaction.atomic
def declare_planned_project(investor: Investor, *, name: str, sector=None, capital_usd: Decimal | None = None,
                            land_area_m2: Decimal | None = None, foreign_share_pct: Decimal | None = None,
                            zone=None, actor=None) -> Project:
    """An investor's own project, declared before the authority registers it: status planned, the investor
    holding it whole, outside the registry's statistics until ``change_status(project, REGISTERED)``. Capital
    is in USD at the exchange rate in force today (0 while none is recorded; the authority sets it when it
    registers the project); the foreign share is the one declared, else the investor's (100% or 0%)."""
    today = timezone.localdate()
    rate = ExchangeRate.objects.in_force(today)
    foreign = (foreign_share_pct if foreign_share_pct is not None
               else HUNDRED if investor.country != HOME_COUNTRY else Decimal("0"))
    number = Project.objects.filter(investors=investor).count() + 1
    while Project.objects.filter(code=f"PLAN-{investor.pk}-{number}").exists():
        number += 1
    project = Project(code=f"PLAN-{investor.pk}-{number}", name_vi=name, name_en=name, sector=sector,
                      status=ProjectStatus.PLANNED, registered_on=today, currency=Currency.USD,
                      registered_capital=capital_usd or Decimal("0"), land_area_m2=land_area_m2,
                      exchange_rate=rate.vnd_per_usd if rate else Decimal("0"), exchange_rate_date=today,
                      foreign_share_pct=foreign, kind=kind_for_foreign_share(foreign),
                      lead_country=investor.country if foreign > 0 else HOME_COUNTRY, zone=zone)
    project.capital_vnd, project.capital_usd = project.convert(project.registered_capital, Currency.USD)
    project.full_clean()
    project.save()
    ProjectInvestor.objects.create(project=project, investor=investor, share_pct=HUNDRED)
    ProjectStatusChange.objects.create(project=project, from_status="", to_status=project.status, date=today,
                                       actor=actor, note=_("Declared by the investor"))
    return project


@transaction.atomic
def sync_project(project: Project, *, actor=None) -> Project:
    """After the project's own fields and inlines were saved (the admin's editor): recompute ownership, kind
    and location, make sure the project has its "new registration" capital change, total its capital
    changes (see ``recompute_capital``) and give a new project its first status-history row. Status moves
    and plots are not its business: see ``save_project``."""
    pairs = list(project.shares.values_list("investor__country", "share_pct"))
    if pairs:
        check_shares(p for _c, p in pairs)
        project.foreign_share_pct, project.lead_country = ownership(pairs)
        project.kind = kind_for_foreign_share(project.foreign_share_pct)
    apply_capital(project)
    locate([project])
    project.save()
    for change in project.capital_changes.all():
        change.save()
    _record_new_registration(project)
    if project.capital_changes.exists():
        recompute_capital(project)
    if not project.status_history.exists():
        ProjectStatusChange.objects.create(project=project, from_status="", to_status=project.status,
                                           date=project.registered_on, actor=actor, note=_("Registered"))
    return project


@transaction.atomic
def save_project(project: Project, *, status: str, plots=None, actor=None) -> Project:
    """The admin editor's one write path, once the editor's form has saved the project's own fields and
    inlines (its status and plots left as they were): keep ownership, capital and location in step
    (``sync_project``), move the project to ``status`` through ``change_status`` (checked against the
    transitions table, one history row, the status date the editor typed or today) and lease ``plots``,
    freeing the ones it no longer holds (``lease_plots``; ``None`` leaves them as they are). A terminated
    project's plots are free again."""
    sync_project(project, actor=actor)
    if status != project.status:
        date = getattr(project, STATUS_DATE_FIELDS[ProjectStatus(status)])
        change_status(project, status, date=date, actor=actor, note=_("Changed in the admin"))
    if plots is not None and project.status != ProjectStatus.TERMINATED:
        lease_plots(project, plots)
    return project


def refresh_locations(projects) -> int:
    """Recompute zone and commune of many projects (one spatial lookup); returns how many changed."""
    projects = list(projects)
    changed = locate(projects)
    Project.objects.bulk_update(changed, ["zone", "commune"], batch_size=1000)
    if changed:  # a bulk update sends no signal
        registry_changed()
    return len(changed)


@transaction.atomic
def add_capital_change(project: Project, kind: str, amount: Decimal, date: datetime.date, *,
                       currency: str | None = None, exchange_rate: Decimal | None = None,
                       note: str = "") -> CapitalChange:
    """Record an increase, decrease or contribution; the project's registered capital follows."""
    if amount < 0:
        raise ValidationError(_("Give the amount as a positive number; the kind says whether it is a decrease."))
    if kind == CapitalChangeKind.NEW:
        raise ValidationError(_("A project is registered only once."))
    currency = currency or project.currency
    change = CapitalChange(project=project, kind=kind, date=date, currency=currency, amount=amount,
                           exchange_rate=exchange_rate or project.exchange_rate, note=note)
    change.save()
    recompute_capital(project)
    return change


def recompute_capital(project: Project) -> Project:
    """Make the project's registered capital and its VND/USD equivalents the signed sum of its capital changes
    (the statistics count the changes; the project shows their total). Callers hold a transaction: a total
    below zero raises ``ValidationError`` and must roll the change back."""
    totals = project.capital_changes.aggregate(vnd=Sum(signed("amount_vnd")), usd=Sum(signed("amount_usd")))
    project.capital_vnd, project.capital_usd = totals["vnd"] or Decimal("0"), totals["usd"] or Decimal("0")
    if project.capital_vnd < 0:
        raise ValidationError(_("The decrease is larger than the registered capital."))
    project.registered_capital = project.capital_usd if project.currency == "USD" else project.capital_vnd
    project.save(update_fields=["capital_vnd", "capital_usd", "registered_capital"])
    return project


@transaction.atomic
def change_status(project: Project, new_status: str, *, date: datetime.date | None = None, actor=None,
                  note: str = "") -> ProjectStatusChange:
    """Move a project to ``new_status`` if the transitions table allows it; record the date and history.
    A terminated project's plots become available again. ``project`` is updated in place."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    if new_status not in ALLOWED_TRANSITIONS[ProjectStatus(current.status)]:
        raise IllegalStatusChange(_("A project cannot go from %(old)s to %(new)s.")
                                  % {"old": current.get_status_display(), "new": ProjectStatus(new_status).label})
    date = date or timezone.localdate()
    old = current.status
    date_field = STATUS_DATE_FIELDS[ProjectStatus(new_status)]
    for instance in (current, project):
        instance.status = new_status
        setattr(instance, date_field, date)
    current.save(update_fields=["status", date_field])
    if old == ProjectStatus.PLANNED:
        _record_new_registration(project)
    if new_status == ProjectStatus.TERMINATED:
        project.plots.set_status(PlotStatus.AVAILABLE)
    return ProjectStatusChange.objects.create(project=project, from_status=old, to_status=new_status, date=date,
                                              actor=actor, note=note)


def check_plots(project: Project, plots) -> None:
    """Raise ``ValidationError`` unless every plot of ``plots`` is leasable land that no other (not
    terminated) project holds."""
    for plot in plots:
        if not plot.is_leasable:
            raise ValidationError(_("Plot %(code)s is not leasable land.") % {"code": plot.code})
        others = plot.projects.exclude(status=ProjectStatus.TERMINATED)
        if project.pk is not None:
            others = others.exclude(pk=project.pk)
        if others.exists():
            raise ValidationError(_("Plot %(code)s is leased to another project.") % {"code": plot.code})


@transaction.atomic
def lease_plots(project: Project, plots) -> None:
    """Lease ``plots`` to ``project``: they become leased (zone occupancy follows); plots it no longer holds
    become available again. A plot leased to another project, or not leasable, is refused."""
    plots = list(plots)
    check_plots(project, plots)
    chosen = [p.pk for p in plots]
    project.plots.exclude(pk__in=chosen).set_status(PlotStatus.AVAILABLE)
    project.plots.set(plots)
    if not plots:
        return
    Plot.objects.filter(pk__in=chosen).exclude(status=PlotStatus.LEASED).set_status(PlotStatus.LEASED)
    if not project.land_area_m2:
        area = project.plots.aggregate(total=Sum("area_m2"))["total"]
        if area:
            project.land_area_m2 = Decimal(str(round(area, 2)))
            project.save(update_fields=["land_area_m2"])
