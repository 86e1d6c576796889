"""``wagtail.users`` with the user screens of ``portal.auth`` (user names that ignore letter case). A module of
its own: it is imported while the apps load, before any model may be."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """``wagtail.users``, its user screens from ``portal.auth.AdminUserViewSet``."""

    user_viewset = "portal.auth.AdminUserViewSet"
