from enum import StrEnum


class Requiredness(StrEnum):
    """The values of `Requiredness` that openapi.yaml lists (members are strings; a
    field typed `Requiredness | str` keeps a value not listed here as a plain string).

    Example:
        >>> Requiredness("NOT_REQUIRED") is Requiredness.NOT_REQUIRED
        True
    """

    NOT_REQUIRED = "NOT_REQUIRED"
    REQUIRED = "REQUIRED"

    def __str__(self) -> str:
        return str(self.value)
