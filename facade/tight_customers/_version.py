"""The version of tight-customers, the only copy: pyproject.toml reads it, `make bump` writes it."""

__version__ = "0.1.0"
