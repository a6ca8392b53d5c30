"""English: ISO dates, as the organisation's data files write them.

The portal's formats (FORMAT_MODULE_PATH): one date format and one date-time format, the time
zone's abbreviation after every time, digits grouped by three. Django's own module for the
language supplies the rest (input formats, first day of the week).
"""

DATE_FORMAT = SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "Y-m-d H:i T"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
