"""Choice lists of the projects app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvestorKind(models.TextChoices):
    DOMESTIC_ENTERPRISE = "domestic_enterprise", _("Domestic enterprise")
    FOREIGN_ENTERPRISE = "foreign_enterprise", _("Foreign enterprise")
    INDIVIDUAL = "individual", _("Individual")
    JOINT_VENTURE = "joint_venture", _("Joint venture")


class ProjectKind(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic")
    FDI = "fdi", _("FDI")


class Currency(models.TextChoices):
    VND = "VND", _("Vietnamese dong (VND)")
    USD = "USD", _("US dollar (USD)")


class ProjectStatus(models.TextChoices):
    #: Declared by the investor and not yet registered by the authority: outside the registry's statistics.
    PLANNED = "planned", _("Planned (not yet registered)")
    REGISTERED = "registered", _("Registered")
    POLICY_APPROVED = "policy_approved", _("Investment policy approved")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


# The date field each status records when a project enters it.
STATUS_DATE_FIELDS = {
    ProjectStatus.REGISTERED: "registered_on",
    ProjectStatus.POLICY_APPROVED: "policy_approved_on",
    ProjectStatus.CERTIFICATE_ISSUED: "certificate_date",
    ProjectStatus.UNDER_CONSTRUCTION: "construction_started_on",
    ProjectStatus.OPERATING: "operating_since",
    ProjectStatus.SUSPENDED: "suspended_on",
    ProjectStatus.TERMINATED: "terminated_on",
}


class CapitalChangeKind(models.TextChoices):
    NEW = "new", _("New registration")
    INCREASE = "increase", _("Capital increase")
    DECREASE = "decrease", _("Capital decrease")
    CONTRIBUTION = "contribution", _("Capital contribution / share purchase by foreign investors")
