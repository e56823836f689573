"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .class_label import ClassLabel
from .class_segment import ClassSegment
from .class_segment_filter import ClassSegmentFilter
from .cursor import Cursor
from .custom_data import CustomData
from .customer import Customer
from .customer_filter import CustomerFilter
from .customer_page import CustomerPage
from .customer_query import CustomerQuery
from .customer_result import CustomerResult
from .customer_sort import CustomerSort
from .customer_sort_field import CustomerSortField
from .customer_status import CustomerStatus
from .error_item import ErrorItem
from .error_result import ErrorResult
from .error_type import ErrorType
from .grant_type import GrantType
from .id_in_filter import IdInFilter
from .invoice_settings import InvoiceSettings
from .requiredness import Requiredness
from .result_code import ResultCode
from .sort_direction import SortDirection
from .status_filter import StatusFilter
from .string_filter import StringFilter
from .token_request import TokenRequest
from .token_response import TokenResponse
from .token_scope import TokenScope

__all__ = (
    "Address",
    "ClassLabel",
    "ClassSegment",
    "ClassSegmentFilter",
    "Cursor",
    "CustomData",
    "Customer",
    "CustomerFilter",
    "CustomerPage",
    "CustomerQuery",
    "CustomerResult",
    "CustomerSort",
    "CustomerSortField",
    "CustomerStatus",
    "ErrorItem",
    "ErrorResult",
    "ErrorType",
    "GrantType",
    "IdInFilter",
    "InvoiceSettings",
    "Requiredness",
    "ResultCode",
    "SortDirection",
    "StatusFilter",
    "StringFilter",
    "TokenRequest",
    "TokenResponse",
    "TokenScope",
)
