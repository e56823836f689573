from enum import StrEnum


class ErrorType(StrEnum):
    """The values of `ErrorType` that openapi.yaml lists (members are strings; a
    field typed `ErrorType | str` keeps a value not listed here as a plain string).

    Example:
        >>> ErrorType("BAD_REQUEST") is ErrorType.BAD_REQUEST
        True
    """

    BAD_REQUEST = "BAD_REQUEST"
    DUPLICATE = "DUPLICATE"
    EXPIRED_TOKEN = "EXPIRED_TOKEN"
    INVALID_FORMAT = "INVALID_FORMAT"
    INVALID_TOKEN = "INVALID_TOKEN"
    INVALID_VALUE = "INVALID_VALUE"
    JSON_ERROR = "JSON_ERROR"
    NOT_MODIFIABLE = "NOT_MODIFIABLE"
    REQUIRED = "REQUIRED"
    UNKNOWN_ERROR = "UNKNOWN_ERROR"

    def __str__(self) -> str:
        return str(self.value)
