"""The edition's releases: data/releases.yaml says what each changed; data/releases/<version>.yaml keeps
the wording of every unit as that release published it.

Wording never changes silently: the newest snapshot must equal the sources, and every unit whose
text differs between two releases must be listed under that release's `translation` (or `text`)
changes. A snapshot is written once, when its release is made, and never rewritten:

    python -m scripts release           # exit 1 if the newest release has no snapshot yet, or a status is stale
    python -m scripts release --fix     # write the newest release's snapshot from the sources

A release publishes only statuses checked recently (timeline.check_fresh): `make release` refuses a status whose
`as_of` is more than three months older than the release's date, naming its file, line and target.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from scripts.dates import DateError, format_when, parse_when
from scripts.errors import SourceError
from scripts.sources.notes import join_chinese, join_latin
from scripts.model import LANGS, Change, Lang, Release, Statement, Text, Unit, Wording
from scripts.sources.register import load_references
from scripts.sources.timeline import check_fresh, load_timeline
from scripts.sources.yamldata import YamlFile, read_yaml

FILE = "data/releases.yaml"
SNAPSHOTS = "data/releases"
# What a release can change; "translation" and "text" are the kinds that may change a unit's wording.
CHANGE_KINDS = ("translation", "text", "notes", "translation-notes", "status", "references", "editorial")
_WORDING_KINDS = ("translation", "text")


def release_words(statement: Statement, key: str, lang: Lang, version: str, day: str) -> str:
    """An interface pattern naming a release in a language: "Release 1.1 (26 November 2026)", "1.1版（…）"."""
    return statement.ui[key][lang].format(version=version, date=format_when(parse_when(day), lang))


def snapshot_name(version: str) -> str:
    return f"{SNAPSHOTS}/{version}.yaml"


def load_releases(root: Path, units: list[Unit],
                  recorded: bool = True) -> tuple[tuple[Release, ...], dict[str, tuple[Wording, ...]]]:
    """The releases, oldest first, and each unit's wordings (one per release that changed it). `recorded`:
    the sources' wording must be the newest release's (every build; a preview shows an edit before that)."""
    data = read_yaml(root / FILE, FILE)
    releases = _releases(data, {unit.id for unit in units})
    snapshots = [_snapshot(root, release) for release in releases]
    if snapshots[-1] is None:
        raise SourceError(data.where("releases", len(releases) - 1), f"release {releases[-1].version} has no "
                          f"snapshot {snapshot_name(releases[-1].version)}: run `make release` to write it")
    for index, (release, snapshot) in enumerate(zip(releases, snapshots, strict=True)):
        if snapshot is None:
            raise SourceError(data.where("releases", index), f"release {release.version} has no snapshot "
                              f"{snapshot_name(release.version)}; a past release's wording cannot be rebuilt")
    found = [snapshot for snapshot in snapshots if snapshot is not None]  # all of them, checked above
    if recorded:
        _check_current(units, releases[-1], found[-1])
    for index in range(1, len(releases)):
        _check_recorded(data, index, releases[index], found[index - 1][0], found[index][0])
    history: dict[str, tuple[Wording, ...]] = {}
    for unit in units:
        wordings: list[Wording] = []
        for release, (texts, _) in zip(releases, found, strict=True):
            text = texts.get(unit.id)
            if text is not None and (not wordings or wordings[-1].text != text):
                wordings.append(Wording(version=release.version, date=release.date, text=text))
        history[unit.id] = tuple(wordings)
    return releases, history


def _releases(data: YamlFile, unit_ids: set[str]) -> tuple[Release, ...]:
    entries = data.get("releases")
    if not isinstance(entries, list) or not entries:
        raise SourceError(data.where("releases"), "'releases' must list at least one release, oldest first")
    releases: list[Release] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise SourceError(data.where("releases", index), "a release must be a mapping")
        version = str(data.get("releases", index, "version"))
        if not _version_key(version):
            raise SourceError(data.where("releases", index, "version"),
                              f"version '{version}' must be numbers joined by dots (1.0, 1.1)")
        try:
            when = parse_when(data.get("releases", index, "date"))
        except DateError as error:
            raise SourceError(data.where("releases", index, "date"), f"malformed date: {error}", version) from None
        if when.precision != "day" or when.span:
            raise SourceError(data.where("releases", index, "date"), "a release date is one day (YYYY-MM-DD)",
                              version)
        if releases:
            previous = releases[-1]
            if _version_key(version) <= _version_key(previous.version):
                raise SourceError(data.where("releases", index, "version"),
                                  f"version {version} does not follow {previous.version}", version)
            if when.iso < previous.date:
                raise SourceError(data.where("releases", index, "date"),
                                  f"dated before release {previous.version} ({previous.date})", version)
        changes = []
        for k, change in enumerate(entry.get("changes") or []):
            where = data.where("releases", index, "changes", k)
            kind = change.get("kind") if isinstance(change, dict) else None
            if kind not in CHANGE_KINDS:
                raise SourceError(where, f"a change needs 'kind:' one of {', '.join(CHANGE_KINDS)}", version)
            listed = change.get("units") or []
            if not isinstance(listed, list):
                raise SourceError(where, "'units' must be a list of unit ids", version)
            for j, unit_id in enumerate(listed):
                if unit_id not in unit_ids:
                    raise SourceError(data.where("releases", index, "changes", k, "units", j),
                                      f"lists '{unit_id}', which is not a unit", version)
            changes.append(Change(kind=kind, units=tuple(listed),
                                  note=_folded(data.text("releases", index, "changes", k, "note")), where=where))
        if index and not changes:
            raise SourceError(data.where("releases", index), "a release after the first says what it changed "
                              "('changes:')", version)
        summary = _folded(data.text("releases", index, "summary"))
        releases.append(Release(version=version, date=when.iso, summary=summary, changes=tuple(changes),
                                where=data.where("releases", index)))
    return tuple(releases)


def _folded(text: Text) -> Text:
    """Text written over several YAML lines, joined as the notes are: no space between Chinese characters."""
    return Text(zh=join_chinese(text.zh), en=join_latin(text.en))


def _version_key(version: str) -> tuple[int, ...]:
    parts = version.split(".")
    return tuple(int(part) for part in parts) if all(part.isdigit() for part in parts) else ()


def _snapshot(root: Path, release: Release) -> tuple[dict[str, Text], YamlFile] | None:
    name = snapshot_name(release.version)
    if not (root / name).exists():
        return None
    data = read_yaml(root / name, name)
    if str(data.get("version")) != release.version:
        raise SourceError(data.where("version"), f"is the snapshot of release {release.version}; "
                          f"its 'version' says {data.get('version')}")
    units = data.get("units")
    if not isinstance(units, dict):
        raise SourceError(data.where("units"), "'units' must map unit ids to {zh, en}")
    return {unit_id: data.text("units", unit_id) for unit_id in units}, data


def _check_current(units: list[Unit], release: Release, snapshot: tuple[dict[str, Text], YamlFile]) -> None:
    """The sources say what the newest release published: a change needs a new release."""
    texts, data = snapshot
    for unit in units:
        recorded = texts.get(unit.id)
        if recorded is None:
            raise SourceError(unit.where["zh"], f"is not in release {release.version}'s snapshot ({data.name}): "
                              "record a new release that adds it", unit.id)
        for lang in LANGS:
            if unit.text[lang] != recorded[lang]:
                raise SourceError(unit.where[lang], f"the {'Chinese' if lang == 'zh' else 'English'} wording "
                                  f"differs from release {release.version} ({data.name}); wording never changes "
                                  "silently: add a release to data/releases.yaml that lists this unit under a "
                                  "'translation' change, then run `make release`", unit.id)
    extra = sorted(set(texts) - {unit.id for unit in units})
    if extra:
        raise SourceError(data.where("units", extra[0]), f"unit '{extra[0]}' of release {release.version} is on no "
                          "page: a released unit is never removed", extra[0])


def _check_recorded(data: YamlFile, index: int, release: Release, before: dict[str, Text],
                    after: dict[str, Text]) -> None:
    """Every unit whose wording differs from the previous release is listed, and only those."""
    listed = {unit_id for change in release.changes if change.kind in _WORDING_KINDS for unit_id in change.units}
    changed = {unit_id for unit_id, text in after.items() if before.get(unit_id) != text}
    for unit_id in sorted(changed - listed):
        raise SourceError(data.where("releases", index, "changes"), f"release {release.version} changes the "
                          f"wording of {unit_id} but no 'translation' change lists it", unit_id)
    for unit_id in sorted(listed - changed):
        raise SourceError(data.where("releases", index, "changes"), f"release {release.version} lists {unit_id} "
                          "as reworded, but its wording equals the previous release's", unit_id)


# --- the command ----------------------------------------------------------------------------------

def newest_version(root: Path) -> str | None:
    data = read_yaml(root / FILE, FILE)
    return str(data.get("releases", -1, "version")) if data.get("releases") else None


def check_ready(root: Path, units: list[Unit]) -> Release:
    """What `make release` checks besides the snapshot: the newest release's entry, and that each status was
    checked recently enough to publish with it. Returns that release."""
    release = _releases(read_yaml(root / FILE, FILE), {unit.id for unit in units})[-1]
    references = {ref.key for ref in load_references(root)}
    targets = load_timeline(root, {unit.id for unit in units}, references)
    check_fresh(targets, release.version, dt.date.fromisoformat(release.date))
    return release


def snapshot_text(version: str, units: list[Unit]) -> str:
    header = (f"# The wording of every unit as release {version} published it. Written once by "
              "`make release`;\n# never edit it: a change of wording is a new release (data/releases.yaml).\n")
    body = {"version": version, "units": {unit.id: {lang: unit.text[lang] for lang in LANGS} for unit in units}}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
