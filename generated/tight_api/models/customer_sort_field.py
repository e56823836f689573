from enum import StrEnum


class CustomerSortField(StrEnum):
    NAME = "NAME"

    def __str__(self) -> str:
        return str(self.value)
