"""Calendar arithmetic for procedure deadlines."""

import calendar
import datetime as dt

from django.utils import timezone


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months; a day that does not exist in the target month becomes its last day.

    31 January + 1 month is 28 (or 29) February; 29 February 2028 + 12 months is 28 February 2029.
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last_day))


def today() -> dt.date:
    return timezone.localdate()
