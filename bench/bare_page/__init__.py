"""A bench-only Wagtail page with one rich-text field: the baseline of bench/http_load.py. Installed only by
``bench.bare_page.settings``; its table is made by ``migrate --run-syncdb``."""
