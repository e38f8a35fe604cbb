"""The one error that bad input raises: it names the file, the line and the unit."""

from __future__ import annotations

from scripts.model import Location


class SourceError(Exception):
    """Bad input in the sources or the data; the build stops with this message."""

    def __init__(self, where: Location, message: str, unit: str | None = None):
        self.where = where
        self.unit = unit
        self.message = message
        unit_part = f" [{unit}]" if unit else ""
        super().__init__(f"{where}{unit_part}: {message}")
