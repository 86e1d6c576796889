"""Signals the zones app sends (their receivers live with what they keep right: the spatial index in
``zones.spatial``, the search documents in ``zones.search_documents``)."""

from django.dispatch import Signal

#: Sent after plots were written in bulk without per-row ``post_save`` (a GIS import, a lease): ``sender=Plot,
#: zone=...``.
plots_changed = Signal()
