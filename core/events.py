"""Signals of the shared kernel, for the changes that Django's own model signals do not report."""

from django.dispatch import Signal

#: Sent after shared values were written into other languages' pages without saving them one by one:
#: ``sender=<page model>, pks=[...]`` (search documents and caches that show those values listen).
shared_values_changed = Signal()
