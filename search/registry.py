"""What is indexed: the registry that each app's own search documents join.

An app declares, in a module beside its models (``<app>/search_documents.py``, imported from its
``AppConfig.ready()``), how its public objects become ``IndexDocument``s (one per language)::

    @register("zone", ZonePage, _("Zone"), public_zones, weight=2.0,
              facets={"kind": ZoneKind, "status": ZoneStatus})
    def zone_documents(zone): ...

and, when it offers places to measure distances from, registers a provider with ``register_places``.
This module imports no app and no other module of ``search``: backends, services and signals read it.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Choices, Model, QuerySet


@dataclass(frozen=True)
class DocumentDefinition:
    """How one model is indexed: its public objects and how one object becomes its documents."""

    doc_type: str
    model: type[Model]
    label: str
    #: ``obj -> list[IndexDocument]``: the documents of one public object (public fields only).
    build: Callable[[Model], list]
    #: ``model -> QuerySet``: the objects that are public.
    queryset: Callable[[type[Model]], QuerySet]
    #: Other models whose changes alter this document: label -> function giving the ids to reindex.
    dependencies: dict = field(default_factory=dict)
    #: Whether what is public depends on today's date (versions in force): refreshed every night.
    dated: bool = False
    #: Relevance is multiplied by this weight (an investor looks for zones before the projects in them).
    weight: float = 1.0
    #: The facet fields the documents fill, each with the ``Choices`` labelling its values (None: a value,
    #: such as a place's name, is its own label).
    facets: Mapping[str, type[Choices] | None] = field(default_factory=dict)

    def public_object(self, object_id) -> Model | None:
        """The object if it exists and is public, else None (then it must leave the index).

        Call it inside a transaction: the object's row stays locked until the transaction ends, so that it
        cannot change or go meanwhile (SQLite has no row locks; its IMMEDIATE transactions serialise writers)."""
        list(self.model._base_manager.select_for_update().filter(pk=object_id).values_list("pk", flat=True))
        return self.queryset(self.model).filter(pk=object_id).first()

    def documents(self, obj: Model) -> list:
        """The ``IndexDocument``s of ``obj`` (one per language)."""
        return self.build(obj)

    def all_documents(self, chunk_size: int = 500) -> Iterator:
        """Every document of every public object of the model."""
        for obj in self.queryset(self.model).order_by("pk").iterator(chunk_size=chunk_size):
            yield from self.build(obj)

    def facet_label(self, field_name: str, value: str) -> str | None:
        """The label of a value of one of this definition's facets, or None when it does not know it."""
        choices = self.facets.get(field_name)
        label = choice_labels(choices).get(value) if choices is not None else None
        return str(label) if label is not None else None


@cache
def choice_labels(choices: type[Choices]) -> dict:
    """{value: label} of a choices class (its labels stay lazy: each use translates them); ``Choices.values``
    builds a new list at every call."""
    return {member.value: member.label for member in choices}


REGISTRY: dict[str, DocumentDefinition] = {}
_listeners: list[Callable[[DocumentDefinition], None]] = []


def register(doc_type: str, model: type[Model], label, queryset: Callable, *, dependencies: dict | None = None,
             dated: bool = False, weight: float = 1.0, facets: Mapping[str, type[Choices] | None] | None = None):
    """Decorator registering a builder function (``obj -> list[IndexDocument]``) as the definition of
    ``doc_type``, indexing the public objects (``queryset(model)``) of ``model``."""
    def decorator(build):
        definition = DocumentDefinition(doc_type, model, label, build, queryset, dict(dependencies or {}), dated,
                                        weight, dict(facets or {}))
        REGISTRY[doc_type] = definition
        for listener in _listeners:
            listener(definition)
        return build
    return decorator


def on_register(listener: Callable[[DocumentDefinition], None]) -> None:
    """Call ``listener`` with every definition, those registered already and those to come (the signal
    receivers are connected this way, whatever the order in which apps become ready)."""
    _listeners.append(listener)
    for definition in list(REGISTRY.values()):
        listener(definition)


def definition_for_model(model: type[Model]) -> DocumentDefinition | None:
    """The definition indexing ``model`` (or one of its parents), if any."""
    for definition in REGISTRY.values():
        if issubclass(model, definition.model):
            return definition
    return None


def all_documents() -> Iterator:
    """Every document of every registered type (what a rebuild writes)."""
    for definition in REGISTRY.values():
        yield from definition.all_documents()


class _TypeWeights(Mapping):
    """Document type -> relevance weight, for the types weighing other than 1, read live from the registry."""

    def _weights(self) -> dict[str, float]:
        return {doc_type: d.weight for doc_type, d in REGISTRY.items() if d.weight != 1.0}

    def __getitem__(self, doc_type: str) -> float:
        return self._weights()[doc_type]

    def __iter__(self):
        return iter(self._weights())

    def __len__(self) -> int:
        return len(self._weights())


TYPE_WEIGHTS: Mapping[str, float] = _TypeWeights()


@dataclass(frozen=True)
class Place:
    """A place the search can measure distances from (the search form's "near" picker)."""

    code: str
    name: str
    lon: float
    lat: float


_place_providers: list[Callable[[], Iterable[Place]]] = []


def register_places(provider: Callable[[], Iterable[Place]]) -> None:
    """Add a provider of places (called on each use, in the active language) to the "near" picker."""
    if provider not in _place_providers:
        _place_providers.append(provider)


def places() -> list[Place]:
    """The places every provider offers now, in the providers' order."""
    return [place for provider in _place_providers for place in provider()]
