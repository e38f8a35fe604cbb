"""`python -m scripts`: the edition's one entry point (scripts/pipeline/cli.py)."""

from scripts.pipeline.cli import main

raise SystemExit(main())
