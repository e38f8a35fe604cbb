"""Every `raise SourceError` in scripts/ ran during the tests: the promise that bad input stops the build
with a message is only as good as the tests that reach each message.

Run after the tests have run under coverage and their data is combined (`make test` does both):

    python tests/check_raises.py    # exit 1, naming each raise no test reached
"""

from __future__ import annotations

import sys
from pathlib import Path

from coverage import Coverage

ROOT = Path(__file__).resolve().parent.parent


def unreached(root: Path = ROOT) -> list[str]:
    coverage = Coverage(config_file=str(root / "pyproject.toml"), data_file=str(root / ".coverage"))
    coverage.load()
    data = coverage.get_data()
    # Files are recorded relative to the folder each process ran in (relative_files), or absolute.
    measured = {(root / name).resolve(): name for name in data.measured_files()}
    found = []
    for path in sorted((root / "scripts").rglob("*.py")):
        if "bench" in path.relative_to(root / "scripts").parts:
            continue
        name = measured.get(path.resolve())
        executed = set(data.lines(name) or ()) if name else set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("raise SourceError") and number not in executed:
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def main() -> int:
    missing = unreached()
    for place in missing:
        print(f"{place}: no test reaches this SourceError")
    if not missing:
        print("Every `raise SourceError` in scripts/ is reached by a test.")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
