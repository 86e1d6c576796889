"""Builders for aftercare tests: operating projects with their investor's user, agencies, the board's staff,
agency officers and issues raised through the service."""

from django.contrib.auth.models import Group, Permission

from licensing.models import Agency, OfficerProfile
from projects.choices import ProjectStatus
from projects.models import Project
from promotion import aftercare
from tests.factories_licensing import investor_with_project
from tests.factories_promotion import officer

BOARD = ("view_aftercareissue", "change_aftercareissue")


def operating_project(username: str, status: str = ProjectStatus.OPERATING):
    """A user acting for an investor whose one project is operating (or ``status``); returns (user, project)."""
    account, _investor, project = investor_with_project(username)
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return account, project


def board(username: str = "hoa", *codenames: str):
    """A member of the board's staff who may read and work every aftercare issue (or hold ``codenames``)."""
    return officer(username, *(codenames or BOARD))


def agency(code: str = "so-xay-dung", name: str = "Department of Construction") -> Agency:
    """An agency (found by its code, else created)."""
    return Agency.objects.get_or_create(code=code, defaults={"name_vi": f"{name} (vi)", "name_en": name,
                                                             "level": "province"})[0]


def agency_officer(username: str, of: Agency, *codenames: str):
    """A user working for the agency ``of`` who may enter the admin and holds ``promotion.<codename>`` each."""
    user = officer(username, *(codenames or BOARD))
    OfficerProfile.objects.create(user=user, agency=of)
    return user


def heads_member(username: str = "minh"):
    """A member of the board's heads group, who receives escalations."""
    from django.conf import settings

    user = officer(username)
    user.groups.add(Group.objects.get(name=settings.ENQUIRY_HEADS_GROUP))
    return user


def issue(project, user, *, by_investor: bool = True, category: str = "utilities", title: str = "Power cuts",
          description: str = "Three cuts this week.", **extra):
    """An issue of ``project`` raised through the service by ``user``."""
    return aftercare.raise_issue(project, category=category, title=title, description=description, user=user,
                                 by_investor=by_investor, **extra)


def grant(user, *codenames: str) -> None:
    """Give ``user`` the promotion permissions ``codenames`` directly."""
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames, content_type__app_label="promotion"))
