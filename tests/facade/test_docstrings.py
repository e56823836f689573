"""Docstring examples of the public names are present and correct."""

from __future__ import annotations

import doctest
import importlib

import pytest

import tight_customers as tc

MODULES = [
    "tight_customers",
    "tight_customers._filters",
    "tight_customers._sort",
    "tight_customers._exceptions",
    "tight_customers._pagination",
    "tight_customers._resources",
    "tight_customers._client",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs=vars(tc), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("name", sorted(set(tc.__all__) - {"__version__", "Customer"}))
def test_public_names_document_an_example(name):
    doc = getattr(tc, name).__doc__ or ""
    assert "Example" in doc and ">>>" in doc, f"{name} needs a docstring with a short example"
