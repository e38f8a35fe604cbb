"""statement.schema.json under ajv's strict mode (npm ajv 8 + ajv-formats, under Node): a schema that
compiles there says what it means (no `required` naming an undeclared property, no unknown keyword),
and statement.json validates against it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).parent / "node"


def ajv(schema: Path, document: Path) -> subprocess.CompletedProcess:
    if not (NODE_DIR / "node_modules" / "ajv").is_dir() or not shutil.which("node"):
        pytest.fail("ajv is not installed: run `make test` (npm ci in tests/node)")
    return subprocess.run(["node", str(NODE_DIR / "ajv_strict.js"), str(schema), str(document)],
                          capture_output=True, text=True)


def test_the_published_schema_compiles_in_strict_mode_and_statement_json_passes(site):
    result = ajv(site / "statement.schema.json", site / "statement.json")
    assert result.returncode == 0, result.stdout + result.stderr


def test_strict_schema_rejects_a_state_split_into_a_persons_names(site, tmp_path):
    data = json.loads((site / "statement.json").read_text(encoding="utf-8"))
    data["cite"]["en"]["author"][1] = {"family": "America", "given": "United States of"}
    data["cite"]["zh"]["issued"] = {"date-parts": [["2023"]]}
    bad = tmp_path / "statement.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = ajv(site / "statement.schema.json", bad)
    assert result.returncode == 1
    assert "/cite/en/author/1" in result.stdout and "/cite/zh/issued/date-parts/0/0" in result.stdout
