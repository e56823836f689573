from enum import StrEnum


class ResultCode(StrEnum):
    FAILURE = "FAILURE"
    SUCCESS = "SUCCESS"

    def __str__(self) -> str:
        return str(self.value)
