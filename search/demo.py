"""Demo content of the search app: the index built from whatever demo content the other apps loaded.

Idempotent: a rebuild replaces the index, so a second run leaves the same documents.
"""

from .services import rebuild_index


def load() -> None:
    """Rebuild the search index from the demo pages, procedures and projects."""
    rebuild_index()
