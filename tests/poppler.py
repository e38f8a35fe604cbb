"""A PDF's words as poppler lays them out (`pdftotext -bbox-layout`): for each sheet, its width and its
blocks, each block its lines, each line its words with their boxes in points. The typeset PDFs' tests and
the browser-print tests read sheets through this one reader."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from xml.etree import ElementTree

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    y_min: float
    y_max: float


@dataclass(frozen=True)
class Sheet:
    width: float
    blocks: list[list[list[Word]]]

    @property
    def lines(self) -> list[list[Word]]:
        return [line for block in self.blocks for line in block]


def read_layout(pdf: bytes) -> list[Sheet]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [Sheet(float(page.get("width", 0)),
                  [[[Word(word.text or "", *(float(word.get(key, 0)) for key in ("xMin", "xMax", "yMin", "yMax")))
                     for word in line.iter(f"{XHTML}word")]
                    for line in block.iter(f"{XHTML}line")]
                   for block in page.iter(f"{XHTML}block")])
            for page in ElementTree.fromstring(xml).iter(f"{XHTML}page")]
