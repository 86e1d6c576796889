"""Load the demo content of every app; safe to run again."""

from django.core.management.base import BaseCommand

from portal import demo


class Command(BaseCommand):
    help = "Load demo content (idempotent) and create the demo administrator."

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument("--admin-password", default="invest-demo-2025")

    def handle(self, *args, **options):
        # The administrator first: the demo's enquiries are answered, and its leads owned, in their name.
        _, created = demo.ensure_admin(options["admin_username"], options["admin_password"])
        demo.load(progress=lambda step: self.stdout.write(f"loaded {step}.demo"))
        state = "created" if created else "already existed; its password was left unchanged"
        self.stdout.write(self.style.SUCCESS(
            f"Demo admin at /admin/: username {options['admin_username']!r}, "
            f"password {options['admin_password']!r} ({state})."
        ))
