from enum import StrEnum


class TokenScope(StrEnum):
    """The values of `TokenScope` that openapi.yaml lists (members are strings; a
    field typed `TokenScope | str` keeps a value not listed here as a plain string).

    Example:
        >>> TokenScope("read") is TokenScope.READ
        True
    """

    READ = "read"
    WRITE = "write"

    def __str__(self) -> str:
        return str(self.value)
