"""Who holds a permission, asked of the database in one query (Django answers it only per user)."""

from django.contrib.auth import get_user_model
from django.db.models import Q


def users_with_perm(perm: str):
    """The active users who hold ``perm`` ("app_label.codename"): superusers, and those given it directly or
    through a group; ordered by user name."""
    app_label, codename = perm.split(".", 1)
    direct = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    grouped = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return (get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | direct | grouped)
            .distinct().order_by("username"))
