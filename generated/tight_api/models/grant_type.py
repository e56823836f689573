from enum import StrEnum


class GrantType(StrEnum):
    """The values of `GrantType` that openapi.yaml lists (members are strings; a
    field typed `GrantType | str` keeps a value not listed here as a plain string).

    Example:
        >>> GrantType("authorization_code") is GrantType.AUTHORIZATION_CODE
        True
    """

    AUTHORIZATION_CODE = "authorization_code"
    CLIENT_CREDENTIALS = "client_credentials"
    REFRESH_TOKEN = "refresh_token"

    def __str__(self) -> str:
        return str(self.value)
