"""Load the demo content of every app; safe to run again."""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from portal import demo

# Each app's demo loader, in dependency order; an app adds its own when it lands.
LOADERS = ["portal.demo.load", "zones.demo.load", "projects.demo.load", "licensing.demo.load", "search.demo.load"]


class Command(BaseCommand):
    help = "Load demo content (idempotent) and create the demo administrator."

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument("--admin-password", default="invest-demo-2025")

    def handle(self, *args, **options):
        for path in LOADERS:
            import_string(path)()
            self.stdout.write(f"loaded {path.rsplit('.', 1)[0]}")
        _, created = demo.ensure_admin(options["admin_username"], options["admin_password"])
        state = "created" if created else "already existed; its password was left unchanged"
        self.stdout.write(self.style.SUCCESS(
            f"Demo admin at /admin/: username {options['admin_username']!r}, "
            f"password {options['admin_password']!r} ({state})."
        ))
