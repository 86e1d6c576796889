"""Prerequisite graphs: cycle detection and ordering (standard library ``graphlib``)."""

from collections.abc import Hashable, Iterable, Mapping
from graphlib import CycleError, TopologicalSorter


def find_cycle(edges: Iterable[tuple[Hashable, Hashable]]) -> list | None:
    """A cycle in the directed graph ``(node -> required node)`` as ``[a, b, ..., a]``, or None."""
    graph: dict = {}
    for node, required in edges:
        graph.setdefault(node, set()).add(required)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        cycle = list(exc.args[1])
        # graphlib reports the cycle against the edge direction; show it as "A requires B requires ... A".
        return list(reversed(cycle))
    return None


def stages(requires: Mapping[Hashable, Iterable[Hashable]]) -> list[list]:
    """The nodes in layers: each layer needs only nodes of earlier layers, so a layer can run in parallel.

    ``requires`` maps every node to the nodes it needs (which must all be keys)."""
    sorter = TopologicalSorter({node: set(needed) for node, needed in requires.items()})
    sorter.prepare()
    layers = []
    while sorter.is_active():
        ready = list(sorter.get_ready())
        layers.append(ready)
        sorter.done(*ready)
    return layers
