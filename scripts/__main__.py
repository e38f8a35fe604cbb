"""`python -m scripts`: the edition's one entry point (scripts/build/cli.py)."""

from scripts.build.cli import main

raise SystemExit(main())
