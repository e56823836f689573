from enum import StrEnum


class CustomerStatus(StrEnum):
    """The values of `CustomerStatus` that openapi.yaml lists (members are strings; a
    field typed `CustomerStatus | str` keeps a value not listed here as a plain string).

    Example:
        >>> CustomerStatus("ACTIVE") is CustomerStatus.ACTIVE
        True
    """

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    def __str__(self) -> str:
        return str(self.value)
