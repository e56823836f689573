"""The `tight_customers` logger, and `TIGHT_LOG` to see it without any setup.

INFO: retries (with their wait and cause), token renewals, pacing waits and page-size
fallbacks. DEBUG adds every request with its method, path, status, attempt and duration (also
as the record attributes `method`, `path`, `status`, `attempt`, `duration`). Headers and bodies
are never logged, so neither are credentials.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Mapping
from typing import TextIO

from tight_customers._constants import ENV_LOG, LOGGER_NAME

__all__ = ["LEVELS", "setup_logging"]

LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_warned: set[str] = set()


class _EnvHandler(logging.StreamHandler[TextIO]):
    """The handler `TIGHT_LOG` installs (a marker class, so it is installed once)."""


def setup_logging(environ: Mapping[str, str] | None = None) -> logging.Logger:
    """Apply `TIGHT_LOG` (debug, info, warning or error; unset or empty leaves logging alone;
    any other value is warned about once and ignored).

    Sets the `tight_customers` logger's level and gives it one stderr handler, so the records
    show up without configuring `logging`. Safe to call more than once.

    Example:
        >>> setup_logging({"TIGHT_LOG": ""}).name
        'tight_customers'
    """
    logger = logging.getLogger(LOGGER_NAME)
    env = os.environ if environ is None else environ
    value = env.get(ENV_LOG, "").strip().lower()
    if not value:
        return logger
    level = LEVELS.get(value)
    if level is None:
        if value not in _warned:
            _warned.add(value)
            warnings.warn(
                f"{ENV_LOG}={value!r} is not a log level; use one of {', '.join(LEVELS)}",
                RuntimeWarning,
                stacklevel=2,
            )
        return logger
    logger.setLevel(level)
    if not any(isinstance(h, _EnvHandler) for h in logger.handlers):
        handler = _EnvHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
    return logger
