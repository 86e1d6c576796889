"""Compile every app's .po catalogues to .mo without needing GNU gettext installed."""

import sys
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile .po catalogues of the project's apps and LOCALE_PATHS to .mo (pure Python)."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        bases = [Path(p) for p in settings.LOCALE_PATHS]
        installed = Path(sys.prefix)
        bases += [
            Path(cfg.path) / "locale" for cfg in apps.get_app_configs()
            if Path(cfg.path).is_relative_to(root) and not Path(cfg.path).is_relative_to(installed)
        ]
        count = 0
        for base in bases:
            for po_path in base.rglob("*.po"):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
