"""Reading the `TIGHT_*` environment variables: one place for the clients and the CLI."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from tight_customers._constants import (
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_TOKEN,
    ENV_USER_ID,
)

__all__ = ["EnvSettings", "missing_credentials_message", "read_env"]


@attrs.frozen
class EnvSettings:
    """What the environment says (blank values count as unset). Secrets never show in reprs."""

    token: str | None = attrs.field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = attrs.field(default=None, repr=False)
    user_id: str | None = None
    base_url: str | None = None

    @property
    def has_credentials(self) -> bool:
        """True when a token, or a client id or secret, is set."""
        return any(v is not None for v in (self.token, self.client_id, self.client_secret))

    def credentials(self) -> dict[str, str | None]:
        """The credential keywords of a client, from these settings.

        A token wins over client credentials; both client id and secret must be set.

        Example:
            >>> EnvSettings(client_id="cid", client_secret="s", user_id="u").credentials()
            {'client_id': 'cid', 'client_secret': 's', 'user_id': 'u'}
        """
        if self.token is not None:
            return {"token": self.token}
        if self.client_id is None or self.client_secret is None:
            raise ValueError(missing_credentials_message(self))
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "user_id": self.user_id,
        }


def read_env(environ: Mapping[str, str] | None = None) -> EnvSettings:
    """The `TIGHT_*` settings of `environ` (default: `os.environ`).

    Example:
        >>> read_env({"TIGHT_API_TOKEN": " ", "TIGHT_BASE_URL": "http://127.0.0.1:8000"})
        EnvSettings(client_id=None, user_id=None, base_url='http://127.0.0.1:8000')
    """
    env = os.environ if environ is None else environ

    def get(name: str) -> str | None:
        return env.get(name, "").strip() or None

    return EnvSettings(
        token=get(ENV_TOKEN),
        client_id=get(ENV_CLIENT_ID),
        client_secret=get(ENV_CLIENT_SECRET),
        user_id=get(ENV_USER_ID),
        base_url=get(ENV_BASE_URL),
    )


def missing_credentials_message(settings: EnvSettings | None = None) -> str:
    """Why no credentials could be found, naming the variables to set."""
    text = (
        f"no credentials: pass token= or client_id= and client_secret=, or set {ENV_TOKEN}, "
        f"or {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} (optionally {ENV_USER_ID}); "
        f"{ENV_BASE_URL} sets the base URL"
    )
    if settings is not None and settings.has_credentials:
        missing = [
            name
            for name, value in (
                (ENV_CLIENT_ID, settings.client_id),
                (ENV_CLIENT_SECRET, settings.client_secret),
            )
            if value is None
        ]
        text += f"; missing: {', '.join(missing)}"
    return text
