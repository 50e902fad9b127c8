"""Comparing query results across engines: equal rows, floats up to summation order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest


def assert_same_rows(actual: Sequence[Sequence[Any]], expected: Sequence[Sequence[Any]]) -> None:
    """Same rows in the same order; floats may differ in the last bits (parallel sums)."""
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert len(got) == len(want)
        for value, wanted in zip(got, want, strict=True):
            if isinstance(wanted, float):
                assert value == pytest.approx(wanted, rel=1e-9, abs=1e-12), (got, want)
            else:
                assert value == wanted, (got, want)
