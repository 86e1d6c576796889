"""Where a figure comes from: its source, the date it is true at, who checked it, and whether it may be out of
date (older than the period the board sets in the admin, ``zones.FigureSettings``).

Like ``zones.services`` this module imports no module of ``zones.models`` (the models call it): it finds the
model classes by name in the app registry."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext

#: The period after which a figure may be out of date, when the board has set none.
DEFAULT_STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Source:
    """A figure's source as the pages show it: the document or decision it comes from, a link, the date the
    figure is true at, who checked it and when; ``stale`` when it is older than the board's period (or has no
    date); ``illustrative`` for demo data."""

    text: str
    url: str = ""
    as_of: datetime.date | None = None
    checked_by: str = ""
    checked_on: datetime.date | None = None
    stale: bool = False
    illustrative: bool = False

    def __str__(self) -> str:
        """The source in one line, as exports print it: text, link, date, checker and flags."""
        parts = [self.text or gettext("No source recorded.")]
        if self.url:
            parts.append(self.url)
        parts.append(gettext("as of %(date)s") % {"date": f"{self.as_of:%d/%m/%Y}"} if self.as_of
                     else gettext("no “as of” date"))
        if self.checked_on:
            parts.append(gettext("checked by %(name)s on %(date)s") % {"name": self.checked_by or "—",
                                                                        "date": f"{self.checked_on:%d/%m/%Y}"})
        if self.illustrative:
            parts.append(gettext("illustrative"))
        if self.stale:
            parts.append(gettext("may be out of date"))
        return " · ".join(parts)


def stale_after_days() -> int:
    """The board's period (days) after which a figure may be out of date."""
    settings = apps.get_model("zones", "FigureSettings").load()
    return settings.stale_after_days or DEFAULT_STALE_AFTER_DAYS


def is_stale(as_of: datetime.date | None, on_date: datetime.date | None = None, after_days: int | None = None) -> bool:
    """Whether a figure true at ``as_of`` may be out of date on ``on_date`` (today): it has no date, or its date
    is more than ``after_days`` (the board's period by default) before ``on_date``."""
    if as_of is None:
        return True
    on_date = on_date or timezone.localdate()
    after_days = stale_after_days() if after_days is None else after_days
    return (on_date - as_of).days > after_days


@dataclass(frozen=True)
class FigureToCheck:
    """A figure the board should check: what it is, where it is used, why it needs checking, where to edit it."""

    kind: str
    name: str
    reasons: list[str]
    obj: object
    source: Source


def reasons_to_check(source: Source) -> list[str]:
    """Why a figure needs checking, in words: no source, may be out of date, never checked."""
    reasons = []
    if not source.text.strip():
        reasons.append(gettext("No source"))
    if source.as_of is None:
        reasons.append(gettext("No “as of” date"))
    elif source.stale:
        reasons.append(gettext("May be out of date (as of %(date)s)") % {"date": source.as_of.isoformat()})
    if source.checked_on is None:
        reasons.append(gettext("Not checked"))
    return reasons


#: The models holding sourced figures the board keeps, listed in "Figures to check" in this order.
SOURCED_MODELS = ("ZoneFigureSource", "ExchangeRate", "ElectricityTariff", "ElectricityBandHours", "MinimumWage",
                  "EmployerContribution", "CorporateIncomeTaxRate")


def figures_to_check(on_date: datetime.date | None = None) -> list[FigureToCheck]:
    """Every sourced figure that has no source or no date, may be out of date or was never checked: the
    figure sources of the zones, and the cost data rows in force on ``on_date`` (today) or later (rows a later
    one replaced are history and left out)."""
    on_date = on_date or timezone.localdate()
    after_days = stale_after_days()
    found = []
    for name in SOURCED_MODELS:
        model = apps.get_model("zones", name)
        rows = model.objects.all()
        if hasattr(model, "current_rows"):
            rows = model.current_rows(on_date)
        else:
            rows = rows.select_related("zone")
        for row in rows:
            source = row.source_info(on_date=on_date, stale_after_days=after_days)
            reasons = reasons_to_check(source)
            if reasons:
                found.append(FigureToCheck(str(model._meta.verbose_name), str(row), reasons, row, source))
    zones = apps.get_model("zones", "ZonePage").objects.filter(figure_sources__isnull=True).order_by("title")
    for zone in zones:
        found.append(FigureToCheck(str(zone._meta.verbose_name), zone.title, [gettext("No source for any figure")],
                                   zone, Source("")))
    return found


def given(value) -> bool:
    """Whether a figure was given: None and empty text were never entered; 0 is a real figure."""
    return value is not None and value != ""


def not_given_text() -> str:
    """What the pages show for a figure that was never given."""
    return gettext("not yet given")
