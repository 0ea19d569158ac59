"""Paths and settings, read from the environment and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DATA_DIR", ROOT / "data")).resolve()
STORE_DIR = Path(os.environ.get("STORE_DIR", ROOT / "store")).resolve()
QUERIES_DIR = ROOT / "queries"
SOURCES_DIR = DATA_DIR / "sources"
# How often an open page checks for a new data version (seconds); tests set it lower.
REFRESH_SECONDS = int(os.environ.get("HEALTHTECH_REFRESH_SECONDS", "30"))
