"""Cross-references, derived: units that cite the same reference or use the same term of art."""

from __future__ import annotations

from scripts.model import Lang, Span, Unit


def see_also(units: list[Unit], spans: dict[tuple[str, Lang], tuple[Span, ...]]) -> dict[str, tuple[str, ...]]:
    """For each unit, the other units it shares a reference or a term with, in reading order.

    Symmetric by construction; a clause and its own items are not cross-referenced.
    """
    topics = {unit.id: set(unit.references) | {span.term for span in spans.get((unit.id, "zh"), ())}
              for unit in units}
    family = {unit.id: unit.parent or unit.id for unit in units}
    related = {}
    for unit in units:
        related[unit.id] = tuple(other.id for other in units
                                 if family[other.id] != family[unit.id] and topics[unit.id] & topics[other.id])
    return related
