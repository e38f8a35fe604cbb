"""The edition's one entry point: `python -m scripts <command>` (the Makefile's targets call it).

    prepare     load and check the sources, write the build tree (build/)
    build       prepare → the site generator → finish: the whole site in site/, PDFs included
    serve       a live preview: rebuilds on every change to docs/, data/, overrides/, scripts/, mkdocs.yml
    pdf         the PDFs alone, into an existing site folder
    permalinks  check (or --fix: add) the released URLs in data/permalinks.txt
    release     check (or --fix: write) the newest release's snapshot of the wording
    links       the offline link check of a built site
    bench       build time, page weight and Lighthouse scores into README.md (by hand)

Bad input stops every command with one line naming file, line and unit, and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:11]))
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    for name in ("prepare", "build"):
        command = commands.add_parser(name)
        command.add_argument("--build-dir", type=Path, default=ROOT / "build")
        command.add_argument("--preview", action="store_true",
                             help="accept wording not yet in a release, skip the PDFs (what serve shows)")
        if name == "build":
            command.add_argument("--site-dir", type=Path, default=ROOT / "site")
    serve = commands.add_parser("serve")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    commands.add_parser("permalinks").add_argument("--fix", action="store_true", help="add new units' URLs")
    commands.add_parser("release").add_argument("--fix", action="store_true",
                                                help="write the newest release's snapshot")
    pdf = commands.add_parser("pdf")
    pdf.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    pdf.add_argument("--site-url", help="the address the PDFs print (default: mkdocs.yml's site_url)")
    for name in ("links", "bench"):
        commands.add_parser(name, add_help=False)
    args, rest = parser.parse_known_args(argv)
    if args.command not in _DELEGATED and rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return _COMMANDS[args.command](args, rest)


def _prepare(args: argparse.Namespace, rest: list[str]) -> int:
    return _run(args, site=None)


def _build(args: argparse.Namespace, rest: list[str]) -> int:
    return _run(args, site=args.site_dir)


def _run(args: argparse.Namespace, site: Path | None) -> int:
    """prepare, and when a site folder is given, the generator and finish; one line per failure."""
    from scripts.pipeline import finish, generator, prepare
    from scripts.pipeline.config import read_config
    from scripts.pipeline.csp import CspError
    from scripts.errors import SourceError
    from scripts.sources.loader import load
    from scripts.pipeline.material_fixes import MaterialChanged
    from scripts.pipeline.output import build_epoch
    from scripts.generators.pdf import PdfError
    from scripts.generators.search_index import prepare_jieba

    started = time.monotonic()
    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(ROOT))  # the generator dates the sitemap with it
    config = read_config(ROOT)
    try:
        statement = load(ROOT, preview=args.preview)
        pages = prepare.prepare(ROOT, args.build_dir, statement, config, generator.theme_dirs())
        if site is None:
            return 0
        generator.generate(args.build_dir, site)
        prepare_jieba(statement.search)
        finish.finish(statement, ROOT, site, config, pages, preview=args.preview)
    except SourceError as error:
        print(f"Bad input: {error}", file=sys.stderr)
        return 1
    except (generator.GeneratorFailed, MaterialChanged, PdfError, CspError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.preview:
        print("Preview: wording not yet in a release is shown, and the PDFs are not rebuilt (`make pdf`)",
              file=sys.stderr)
    print(f"Built {site} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace, rest: list[str]) -> int:
    from scripts.pipeline.serve import serve

    host, _, port = args.dev_addr.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"Not an address: {args.dev_addr!r}; give HOST:PORT, e.g. make serve ADDR=127.0.0.1:8001",
              file=sys.stderr)
        return 2
    return serve(ROOT, host or "127.0.0.1", int(port))


def _permalinks(args: argparse.Namespace, rest: list[str]) -> int:
    from scripts.sources.loader import load
    from scripts.sources.permalinks import FILE, release_urls, unreleased

    new = unreleased(ROOT, load(ROOT))
    if not new:
        print(f"{FILE}: every unit's URL is released")
        return 0
    if not args.fix:
        print(f"{FILE}: {len(new)} unit URL(s) not released yet, e.g. {new[0]}; run `make permalinks`")
        return 1
    release_urls(ROOT, new)
    print(f"{FILE}: added {len(new)} URL(s)")
    return 0


def _release(args: argparse.Namespace, rest: list[str]) -> int:
    from scripts.errors import SourceError
    from scripts.sources.loader import load_units
    from scripts.sources.releases import FILE, check_ready, newest_version, snapshot_name, snapshot_text

    version = newest_version(ROOT)
    if version is None:
        print(f"{FILE}: no release")
        return 1
    try:
        check_ready(ROOT, load_units(ROOT))
    except SourceError as error:
        print(f"Bad input: {error}", file=sys.stderr)
        return 1
    path = ROOT / snapshot_name(version)
    if path.exists():
        print(f"{snapshot_name(version)}: release {version} has its snapshot")
        return 0
    if not args.fix:
        print(f"{snapshot_name(version)}: missing; run `make release` to write release {version}'s snapshot")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(snapshot_text(version, load_units(ROOT)), encoding="utf-8")
    print(f"{snapshot_name(version)}: written")
    return 0


def _pdf(args: argparse.Namespace, rest: list[str]) -> int:
    """The PDFs alone, into an existing site folder."""
    from scripts.pipeline.config import read_config
    from scripts.sources.loader import load
    from scripts.pipeline.output import build_epoch
    from scripts.generators.pdf import PdfError, build_pdfs

    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(ROOT))
    try:
        written = build_pdfs(load(ROOT), args.site, args.site_url or read_config(ROOT).site_url, ROOT)
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    for edition, path in written.items():
        print(f"{edition}: {path} ({path.stat().st_size // 1024} KB)")
    return 0


def _delegate(module: str):
    def run(args: argparse.Namespace, rest: list[str]) -> int:
        from importlib import import_module

        return import_module(module).main(rest)
    return run


_DELEGATED = {"links": "scripts.checks.links", "bench": "scripts.bench.bench"}
_COMMANDS = {"prepare": _prepare, "build": _build, "serve": _serve, "pdf": _pdf, "permalinks": _permalinks,
             "release": _release,
             **{name: _delegate(module) for name, module in _DELEGATED.items()}}
