"""Demo content of the licensing app: agencies, legal documents, the procedure catalogue (vi + en), the
calendar's compensatory days, a demo investor and officers, and a history of dossiers for the performance
page. Idempotent: a second run adds nothing."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from . import demo_catalogue as data
from .calendar import WorkingCalendar
from .models import (
    Agency,
    ApplicabilityRule,
    Application,
    ApplicationHistory,
    ApplicationStatus,
    CalendarException,
    LegalDocument,
    OfficerProfile,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    RuleCondition,
    new_dossier_code,
)


def _procedure(spec: dict, agencies: dict, documents: dict) -> Procedure:
    all_reason = spec.get("all")
    procedure, created = Procedure.objects.get_or_create(
        code=spec["code"], effective_from=spec.get("effective_from", data.V2021),
        defaults={
            "name_vi": spec["vi"], "name_en": spec["en"], "agency": agencies[spec["agency"]],
            **data.other_languages("name", spec["en"]), **data.other_languages("result", spec["result"][1]),
            **data.other_languages("reason_all", all_reason[1] if all_reason else ""),
            "time_limit": spec["time"], "time_unit": spec["unit"], "online_level": spec["online"],
            "portal_url": spec.get("portal", data.NATIONAL_PORTAL),
            "result_vi": spec["result"][0], "result_en": spec["result"][1],
            "effective_to": spec.get("effective_to"), "applies_to_all": bool(all_reason),
            "reason_all_vi": all_reason[0] if all_reason else "", "reason_all_en": all_reason[1] if all_reason else "",
        })
    if not created:
        return procedure
    procedure.legal_basis.set([documents[number] for number in spec.get("basis", [])])
    for amount, currency, note_vi, note_en in spec.get("fees", []):
        ProcedureFee.objects.create(procedure=procedure, amount=Decimal(amount), currency=currency,
                                    note_vi=note_vi, note_en=note_en, **data.other_languages("note", note_en))
    for order, (name_vi, name_en) in enumerate(spec.get("documents", [])):
        ProcedureDocument.objects.create(procedure=procedure, sort_order=order, name_vi=name_vi, name_en=name_en,
                                         **data.other_languages("name", name_en))
    for reason_vi, reason_en, conditions in spec.get("rules", []):
        rule = ApplicabilityRule.objects.create(procedure=procedure, reason_vi=reason_vi, reason_en=reason_en,
                                                **data.other_languages("reason", reason_en))
        for group, field, op, value in conditions:
            RuleCondition.objects.create(rule=rule, group=group, field=field, operator=op, value=value)
    return procedure


@transaction.atomic
def load() -> None:
    """Create the demo content unless it exists (the site layer adds ``CALLS_TO_ACTION`` to its home pages)."""
    agencies = load_catalogue()
    _people_and_dossiers(agencies)


#: The home pages' calls to action towards the licensing pages, by language: (title, text, path).
CALLS_TO_ACTION = {
    "en": [("Plan your project", "The licences your project needs, in order, with statutory times and fees.",
            "/en/licensing/plan/"),
           ("Track an application", "Follow a dossier with its code and tracking key.", "/en/licensing/track/")],
    "vi": [("Lập kế hoạch dự án", "Các thủ tục dự án cần thực hiện, theo thứ tự, với thời hạn luật định và lệ phí.",
            "/vi/licensing/plan/"),
           ("Tra cứu hồ sơ", "Theo dõi hồ sơ bằng mã hồ sơ và mã tra cứu.", "/vi/licensing/track/")],
}


@transaction.atomic
def load_catalogue() -> dict[str, Agency]:
    """Create the demo catalogue and calendar exceptions unless they exist; returns the agencies by code."""
    agencies = {}
    for code, name_vi, name_en, level, (centre_vi, centre_en) in data.AGENCIES:
        contacts = {**data.AGENCY_CONTACTS[code], **data.other_languages("name", name_en),
                    **data.other_languages("one_stop_centre", centre_en)}
        agencies[code], created = Agency.objects.get_or_create(code=code, defaults={
            "name_vi": name_vi, "name_en": name_en, "level": level, "one_stop_centre_vi": centre_vi,
            "one_stop_centre_en": centre_en, **contacts})
        missing = {field: value for field, value in contacts.items() if not getattr(agencies[code], field)}
        if missing and not created:  # agencies of an earlier demo get the contact fields added since
            Agency.objects.filter(pk=agencies[code].pk).update(**missing)
    documents = {}
    for number, title_vi, title_en, effective in data.LEGAL_DOCUMENTS:
        documents[number], _ = LegalDocument.objects.get_or_create(number=number, defaults={
            "title_vi": title_vi, "title_en": title_en, "effective_from": effective,
            **data.other_languages("title", title_en)})
    procedures = [(spec, _procedure(spec, agencies, documents)) for spec in data.PROCEDURES]
    by_code: dict[str, list[Procedure]] = {}
    for _spec, procedure in procedures:
        by_code.setdefault(procedure.code, []).append(procedure)
    for spec, procedure in procedures:
        for required_code in spec.get("requires", []):
            for required in by_code.get(required_code, []):
                if required.is_in_force(procedure.effective_to or procedure.effective_from) or \
                        len(by_code[required_code]) == 1:
                    ProcedurePrerequisite.objects.get_or_create(procedure=procedure, requires=required)
    for day, kind, reason in data.CALENDAR_EXCEPTIONS:
        CalendarException.objects.get_or_create(date=day, defaults={"kind": kind, "reason": reason})
    return agencies


DEMO_PASSWORD = "invest-demo-2025"  # noqa: S105 - demo accounts only, printed in the README
DEMO_PROJECT = "DEMO-LIC-0001"
OFFICERS = [("officer-bql", "bql-kkt", "Chuyên viên một cửa"), ("officer-finance", "so-tai-chinh", "Chuyên viên")]


def _account(username: str, email: str, **extra):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _people_and_dossiers(agencies: dict) -> None:
    from projects.choices import InvestorKind, ProjectKind, ProjectStatus
    from projects.models import Investor, InvestorMembership, Project
    from projects.services import Share, register_project

    group, _ = Group.objects.get_or_create(name="Licensing officers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for username, agency_code, title in OFFICERS:
        officer = _account(username, f"{username}@demo.invest.local")
        officer.groups.add(group)
        OfficerProfile.objects.get_or_create(user=officer, defaults={"agency": agencies[agency_code],
                                                                     "title": title})
    investor_user = _account("investor", "investor@demo.invest.local")
    # The demo investor works on a project of the registry, so that the registry's figures (which reproduce
    # the article's) are not changed by the licensing demo.
    project = (Project.objects.filter(kind=ProjectKind.FDI).exclude(status=ProjectStatus.TERMINATED)
               .order_by("-registered_on", "code").first())
    if project is None:
        investor, _ = Investor.objects.get_or_create(
            registration_number="DEMO-KR-001",
            defaults={"name_vi": "Công ty TNHH Hanbit Electronics Vina",
                      "name_en": "Hanbit Electronics Vina Co., Ltd.", "country": "KR",
                      "kind": InvestorKind.FOREIGN_ENTERPRISE})
        project = Project(code=DEMO_PROJECT, name_vi="Nhà máy linh kiện điện tử Hanbit",
                          name_en="Hanbit electronic components plant", registered_on=date(2025, 9, 1),
                          currency="USD", registered_capital=Decimal("20000000"), exchange_rate=Decimal("26000"),
                          exchange_rate_date=date(2025, 9, 1), land_area_m2=Decimal("30000"), planned_employees=400)
        register_project(project, [Share(investor, Decimal("100"))], locate_now=False)
    investor = project.shares.order_by("-share_pct").first().investor
    InvestorMembership.objects.get_or_create(investor=investor, user=investor_user, defaults={"role": "owner"})
    if Application.objects.filter(project=project).exists():
        return
    _history(project)


REFUSAL_REASONS = ("Hồ sơ không đáp ứng điều kiện theo quy định. / "
                   "The dossier does not meet the statutory conditions.")


def _history(project) -> None:
    """About 400 dossiers received in the last 320 days with their outcomes, written directly as records of
    the past (no notifications are sent for them): nothing is dated after today, and refusals give reasons."""
    rng = random.Random(2025)
    calendar = WorkingCalendar()
    today = timezone.localdate()
    procedures = list(Procedure.objects.in_force(today).select_related("agency"))
    # Some agencies are slower than others, as the article's late-dossier figures show.
    lateness = {"vp-dang-ky-dat": 0.35, "so-tnmt": 0.2, "so-xay-dung": 0.15}
    applications, histories = [], []
    for _n in range(400):
        procedure = rng.choice(procedures)
        received = today - timedelta(days=rng.randint(5, 320))
        due = calendar.add_days(received, procedure.time_limit, procedure.time_unit)
        roll = rng.random()
        # A few dossiers are still open past their due date, as in any office, but by weeks, not months.
        if due >= today or (roll < 0.08 and (today - due).days <= 30):
            status, resolved = ApplicationStatus.IN_PROCESS, None
        else:
            late = rng.random() < lateness.get(procedure.agency.code, 0.05)
            # A late decision still lies in the past: at most 25 days after the due date, and not after today.
            resolved = due + timedelta(days=rng.randint(1, min(25, (today - due).days))) if late else due - timedelta(
                days=rng.randint(0, max(0, (due - received).days - 1)))
            status = ApplicationStatus.REFUSED if roll > 0.95 else ApplicationStatus.APPROVED
        applications.append(Application(
            project=project, procedure=procedure, agency=procedure.agency, submitted_on=received,
            dossier_code=new_dossier_code(received), received_on=received, due_date=due, status=status,
            resolved_on=resolved))
    for application in applications:
        application.days_taken = application.clock_days(calendar)
    Application.objects.bulk_create(applications)
    for application in applications:
        histories.append(ApplicationHistory(application=application, from_status=ApplicationStatus.SUBMITTED,
                                            to_status=ApplicationStatus.RECEIVED, on=application.received_on,
                                            source="demo"))
        if application.resolved_on:
            note = REFUSAL_REASONS if application.status == ApplicationStatus.REFUSED else ""
            histories.append(ApplicationHistory(application=application, from_status=ApplicationStatus.RECEIVED,
                                                to_status=application.status, on=application.resolved_on,
                                                note=note, source="demo"))
    ApplicationHistory.objects.bulk_create(histories)
