from enum import StrEnum


class ResultCode(StrEnum):
    """The values of `ResultCode` that openapi.yaml lists (members are strings; a
    field typed `ResultCode | str` keeps a value not listed here as a plain string).

    Example:
        >>> ResultCode("FAILURE") is ResultCode.FAILURE
        True
    """

    FAILURE = "FAILURE"
    SUCCESS = "SUCCESS"

    def __str__(self) -> str:
        return str(self.value)
