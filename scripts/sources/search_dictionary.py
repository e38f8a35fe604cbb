"""The search dictionary (data/search.yaml): words jieba keeps whole, and aliases readers type."""

from __future__ import annotations

from pathlib import Path

from scripts.errors import SourceError
from scripts.model import SearchDictionary, Term, Unit
from scripts.sources.yamldata import read_yaml

FILE = "data/search.yaml"


def load_search_dictionary(root: Path, units: list[Unit], glossary: tuple[Term, ...]) -> SearchDictionary:
    data = read_yaml(root / FILE, FILE)
    words = data.get("words")
    aliases = data.get("aliases")
    if not isinstance(words, list) or not all(isinstance(word, str) and word.strip() for word in words):
        raise SourceError(data.where("words"), "'words' is a list of Chinese words")
    if not isinstance(aliases, dict):
        raise SourceError(data.where("aliases"), "'aliases' maps a term to the other ways to write it")
    chinese = "".join(unit.text.zh for unit in units)
    english = " ".join(unit.text.en for unit in units)
    for index, word in enumerate(words):
        if word not in chinese:
            raise SourceError(data.where("words", index), f"'{word}' occurs nowhere in the Chinese text", word)
    for term, forms in aliases.items():
        if term not in chinese and term not in english:
            raise SourceError(data.where("aliases", term), f"'{term}' occurs nowhere in the statement's text", term)
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            raise SourceError(data.where("aliases", term), f"the aliases of '{term}' must be a list", term)
    all_words = tuple(dict.fromkeys([*words, *(term.zh for term in glossary)]))
    return SearchDictionary(words=all_words, aliases={term: tuple(forms) for term, forms in aliases.items()})
