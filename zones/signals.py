"""Signals of the zones app."""

from django.dispatch import Signal

#: Sent after plots were written in bulk without per-row ``post_save`` (a GIS import): ``sender=Plot, zone=...``.
plots_changed = Signal()
