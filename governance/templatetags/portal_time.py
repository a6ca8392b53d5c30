"""Times in the reader's zone, with the zone's name, and in another person's zone.

``{% load portal_time %}``: ``{{ meeting.starts_at|zone }}`` is the abbreviation of the zone
the time is shown in (``EST``, ``CET``); ``{% in_zone meeting.starts_at chair_zone %}`` is the
same moment in the chair's zone ("08:00 EDT") when that zone differs from the reader's, else
nothing.
"""

import zoneinfo

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

register = template.Library()


@register.filter
def zone(value):
    """The abbreviation of the current time zone at ``value`` (a datetime)."""
    if not value or not hasattr(value, "tzinfo"):
        return ""
    return timezone.localtime(value).tzname() or ""


@register.simple_tag
def in_zone(value, zone_name):
    """``value`` in ``zone_name``, as the date-time format with its zone; "" when that zone
    shows the same wall-clock time as the current one, or is unknown."""
    if not value or not zone_name:
        return ""
    try:
        other = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    here = timezone.localtime(value)
    there = timezone.localtime(value, other)
    if here.utcoffset() == there.utcoffset() and here.tzname() == there.tzname():
        return ""
    return date_format(there, "SHORT_DATETIME_FORMAT")


@register.filter
def iso_datetime(value):
    """An ISO 8601 date-time string (as records keep them in JSON) as a date-time, so that
    ``date`` formats it in the reader's zone and language; anything else as it is."""
    if not isinstance(value, str):
        return value
    parsed = parse_datetime(value)
    return timezone.localtime(parsed) if parsed and timezone.is_aware(parsed) else parsed or value
