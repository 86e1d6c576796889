"""Prerequisite graphs: cycle detection (standard library ``graphlib``)."""

from collections.abc import Hashable, Iterable
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
