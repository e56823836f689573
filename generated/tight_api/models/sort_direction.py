from enum import StrEnum


class SortDirection(StrEnum):
    """The values of `SortDirection` that openapi.yaml lists (members are strings; a
    field typed `SortDirection | str` keeps a value not listed here as a plain string).

    Example:
        >>> SortDirection("ASC") is SortDirection.ASC
        True
    """

    ASC = "ASC"
    DESC = "DESC"

    def __str__(self) -> str:
        return str(self.value)
