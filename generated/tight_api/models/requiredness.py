from enum import StrEnum


class Requiredness(StrEnum):
    NOT_REQUIRED = "NOT_REQUIRED"
    REQUIRED = "REQUIRED"

    def __str__(self) -> str:
        return str(self.value)
