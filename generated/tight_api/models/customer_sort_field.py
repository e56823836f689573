from enum import StrEnum


class CustomerSortField(StrEnum):
    """The values of `CustomerSortField` that openapi.yaml lists (members are strings; a
    field typed `CustomerSortField | str` keeps a value not listed here as a plain string).

    Example:
        >>> CustomerSortField("NAME") is CustomerSortField.NAME
        True
    """

    NAME = "NAME"

    def __str__(self) -> str:
        return str(self.value)
