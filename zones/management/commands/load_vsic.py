"""Reload the VSIC 2018 classification after its file changed, and index the sectors for search."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zones.sectors import CLASSIFICATION_FILE, index_sectors, load_classification, read_classification


class Command(BaseCommand):
    help = "Insert or update the VSIC sectors from zones/data/vsic2018.json (or --file), then index them."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=CLASSIFICATION_FILE, help="A classification file.")
        parser.add_argument("--no-index", action="store_true", help="Do not rewrite the sectors' search documents.")

    def handle(self, *args, file: Path, no_index: bool, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            result = load_classification(read_classification(file))
        except (ValueError, KeyError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(f"Sectors: {result.created} created, {result.updated} updated, "
                          f"{result.unchanged} unchanged.")
        if not no_index:
            self.stdout.write(f"Search documents written: {index_sectors()}.")
