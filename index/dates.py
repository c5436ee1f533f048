"""Dates as news pages print them: find a line that is a date and read it as ISO 8601."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DATE = (
    rf"(?:{_WEEKDAY}?(?P<md>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|{_WEEKDAY}?(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_PREFIX = r"(?:(?:Published|Updated|Posted|Date|Dated)(?:\s+on)?:?\s+)?"
_TIME = r"(?:(?:\s*[,|·•]\s*|\s+(?:at\s+)?)\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
_DATE_LINE = re.compile(rf"[ \t*_]*{_PREFIX}(?P<date>{_DATE}){_TIME}[ \t*_.]*$", re.IGNORECASE)
_ANY_DATE = re.compile(_DATE, re.IGNORECASE)


def match_date_line(line: str) -> tuple[int, int] | None:
    """Offsets of the date in `line` when the whole line is a date (with an optional weekday,
    "Published" label or time of day); None otherwise."""
    m = _DATE_LINE.match(line)
    if not m:
        return None
    return m.start("date"), m.end("date")


def to_iso(text: str) -> str | None:
    """'Feb. 25, 2022', 'Friday, 3 March 2023' or '2023-03-03T10:00Z' → '2022-02-25'; None
    when the text holds no date that exists."""
    m = _ANY_DATE.search(text)
    if not m:
        return None
    try:
        if m.group("iso"):
            year, month, day = (int(part) for part in m.group("iso").split("-"))
        else:
            words = re.findall(r"[A-Za-z]+|\d+", m.group("md") or m.group("dm"))
            numbers = [int(w) for w in words if w.isdigit()]
            month_word = next(w for w in words if w[:3].lower() in _MONTHS)
            month, day, year = _MONTHS[month_word[:3].lower()], numbers[0], numbers[-1]
        return date(year, month, day).isoformat()
    except (ValueError, StopIteration):
        return None
