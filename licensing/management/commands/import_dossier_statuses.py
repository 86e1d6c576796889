"""Apply a CSV export of dossier statuses from the one-stop system (idempotent, all or nothing)."""

from django.core.management.base import BaseCommand, CommandError

from licensing.integrations import import_statuses


class Command(BaseCommand):
    help = "Import dossier statuses: CSV with dossier_code,status,date[,note,result_number]."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8-sig", newline="") as stream:
            report = import_statuses(stream)
        if report.errors:
            raise CommandError("nothing imported:\n" + "\n".join(report.errors))
        self.stdout.write(self.style.SUCCESS(f"applied {report.applied}, unchanged {report.unchanged}"))
