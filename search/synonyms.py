"""The dictionary of synonyms the searches use: the board's entries in use, built once per process and
rebuilt in every process after an entry is saved or deleted (no restart needed)."""

from django.db.models.signals import post_delete, post_save

from core.caching import ProcessCache

from .analysis import Dictionary, Expansion, expand
from .models import Synonym


def _build() -> Dictionary:
    return Dictionary.build(entry.entry() for entry in Synonym.objects.filter(enabled=True))


_dictionary: ProcessCache[Dictionary] = ProcessCache("search:synonyms:version", _build, max_entries=1)


def dictionary() -> Dictionary:
    """The dictionary in force."""
    return _dictionary.get()


def version() -> int:
    """The version of the dictionary in force (what values derived from it are keyed by)."""
    return _dictionary.version.current()


def expand_query(text: str) -> Expansion:
    """``text`` as groups of alternatives (``search.analysis.expand``) with the dictionary in force."""
    return expand(text, dictionary())


def invalidate(**kwargs) -> None:
    """Make every process rebuild the dictionary on its next search."""
    _dictionary.invalidate()


def connect() -> None:
    """Rebuild the dictionary after any entry is saved or deleted (``SearchConfig.ready``)."""
    post_save.connect(invalidate, sender=Synonym, dispatch_uid="search.synonyms.saved")
    post_delete.connect(invalidate, sender=Synonym, dispatch_uid="search.synonyms.deleted")
