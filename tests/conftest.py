"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from qdopto.materials import Database

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def fixture_db() -> Database:
    """A two-material database (GaAs, InAs from Vurgaftman 2001 Table III) with InGaAs."""
    return Database.from_paths([DATA / "fixture.toml"])
