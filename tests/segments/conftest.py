"""Fixtures shared by the segment tests."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest


@pytest.fixture
def no_warnings() -> Iterator[None]:
    """Any warning during the test is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
