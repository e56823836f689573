"""The `tight_customers` logger, and `TIGHT_LOG=debug|info` to see it without any setup.

Each request is logged at DEBUG with its method, path, status, attempt and duration (also as
the record attributes `method`, `path`, `status`, `attempt`, `duration`), plus retries, pacing
waits and token renewals. Headers and bodies are never logged, so neither are credentials.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

from tight_customers._constants import ENV_LOG, LOGGER_NAME

__all__ = ["setup_logging"]

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `TIGHT_LOG` installs (a marker class, so it is installed once)."""


def setup_logging(environ: Mapping[str, str] | None = None) -> logging.Logger:
    """Apply `TIGHT_LOG` (debug or info; anything else leaves logging alone).

    Sets the `tight_customers` logger's level and gives it one stderr handler, so the records
    show up without configuring `logging`. Safe to call more than once.

    Example:
        >>> setup_logging({"TIGHT_LOG": ""}).name
        'tight_customers'
    """
    logger = logging.getLogger(LOGGER_NAME)
    env = os.environ if environ is None else environ
    level = _LEVELS.get(env.get(ENV_LOG, "").strip().lower())
    if level is None:
        return logger
    logger.setLevel(level)
    if not any(isinstance(h, _EnvHandler) for h in logger.handlers):
        handler = _EnvHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
    return logger
