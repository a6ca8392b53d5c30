"""French: 6 242 000,00 (a no-break space).

The portal's formats (FORMAT_MODULE_PATH): one date format and one date-time format, the time
zone's abbreviation after every time, digits grouped by three. Django's own module for the
language supplies the rest (input formats, first day of the week).
"""

DATE_FORMAT = SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "d/m/Y H:i T"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
