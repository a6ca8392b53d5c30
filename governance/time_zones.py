"""Which time zone a person's times are shown in: their own choice, else their duty station's."""

import zoneinfo

# The organisation's duty stations (the survey's and the units'), by the IANA zone they keep.
DUTY_STATION_ZONES = {
    "New York": "America/New_York",
    "Geneva": "Europe/Zurich",
    "Nairobi": "Africa/Nairobi",
    "Vienna": "Europe/Vienna",
    "The Hague": "Europe/Amsterdam",
    "Addis Ababa": "Africa/Addis_Ababa",
    "Bangkok": "Asia/Bangkok",
    "Beirut": "Asia/Beirut",
    "Santiago": "America/Santiago",
    "Arusha": "Africa/Dar_es_Salaam",
}


def zone_name_for(user):
    """The IANA name of ``user``'s time zone, or "" for UTC."""
    if user is None:
        return ""
    chosen = getattr(user, "time_zone", "") or ""
    if chosen:
        return chosen
    return DUTY_STATION_ZONES.get((getattr(user, "duty_station", "") or "").strip(), "")


def zone_for(user):
    """``user``'s ZoneInfo, or None for UTC (also when the stored name is unknown)."""
    name = zone_name_for(user)
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
