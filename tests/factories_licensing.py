"""Test data for the licensing app: the demo catalogue, investors with users and projects, officers."""

import itertools
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from licensing import calendar as licensing_calendar
from licensing import catalogue, demo
from licensing.models import Agency, OfficerProfile
from projects.choices import InvestorKind
from projects.models import Investor, InvestorMembership, Project
from projects.services import Share, register_project

PASSWORD = "pw-test-1234"
_counter = itertools.count(1)


def fresh_caches() -> None:
    """Forget the catalogue and calendar caches (transactional tests flush the tables without signals)."""
    catalogue.invalidate()
    licensing_calendar.clear_cache()


def load_catalogue() -> None:
    fresh_caches()
    demo.load_catalogue()


def user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.org",
                                                password=PASSWORD, **extra)


def investor_with_project(username: str, country: str = "KR", project_code: str | None = None):
    """A user acting for an investor that owns one project; returns (user, investor, project)."""
    account = user(username)
    kind = InvestorKind.DOMESTIC_ENTERPRISE if country == "VN" else InvestorKind.FOREIGN_ENTERPRISE
    investor = Investor.objects.create(name_vi=f"Công ty {username}", name_en=f"{username} Co.", country=country,
                                       kind=kind)
    InvestorMembership.objects.create(investor=investor, user=account)
    project = Project(code=project_code or f"LIC-{next(_counter):04d}", name_vi=f"Dự án {username}",
                      name_en=f"{username} project", registered_on=date(2025, 1, 6), currency="USD",
                      registered_capital=Decimal("5000000"), exchange_rate=Decimal("25000"),
                      exchange_rate_date=date(2025, 1, 6))
    register_project(project, [Share(investor, Decimal("100"))], locate_now=False)
    return account, investor, project


def officer(username: str, agency_code: str):
    """A user working for the agency ``agency_code``, allowed into the Wagtail admin."""
    account = user(username)
    group, _created = Group.objects.get_or_create(name="Licensing officers (test)")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    account.groups.add(group)
    OfficerProfile.objects.create(user=account, agency=Agency.objects.get(code=agency_code))
    return account


def editor(username: str):
    """A Wagtail editor without an agency."""
    account = user(username)
    group, _created = Group.objects.get_or_create(name="Editors (test)")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    account.groups.add(group)
    return account


def received_dossier(username: str):
    """The demo catalogue and an investor's DN-01 dossier received on Monday 2 March 2026; returns
    (user, application)."""
    from licensing import services, workflow
    from licensing.models import ApplicationStatus

    load_catalogue()
    account, _investor, project = investor_with_project(username)
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    workflow.transition(application, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
    return account, application


def signed_in_investor(client, username: str = "rf-investor"):
    """The demo catalogue, and an investor's user with a project signed in on ``client``; returns (user,
    project)."""
    load_catalogue()
    account, _company, project = investor_with_project(username)
    client.force_login(account)
    return account, project


def load_environmental_criteria() -> None:
    """The environmental criteria the data migration seeds (transactional tests flush them)."""
    import importlib

    from django.apps import apps

    importlib.import_module("licensing.migrations.0006_seed_environmental_criteria").seed(apps, None)
