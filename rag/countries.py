"""Countries as questions and articles name them: "China", "Chinese", "Beijing" are one country,
and "the U.S." is "the Americans"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.textutil import stem

# Countries as questions and articles name them: name, short forms, demonyms, capital.
_COUNTRIES = {
    "us": "us u.s. usa u.s.a. america american americans united-states washington",
    "china": "china chinese beijing prc",
    "russia": "russia russian russians moscow kremlin",
    "ukraine": "ukraine ukrainian ukrainians kyiv kiev",
    "uk": "uk u.k. britain british england english london",
    "france": "france french paris",
    "germany": "germany german germans berlin",
    "japan": "japan japanese tokyo",
    "india": "india indian new-delhi",
    "canada": "canada canadian ottawa",
    "australia": "australia australian canberra",
    "taiwan": "taiwan taiwanese taipei",
    "iran": "iran iranian tehran",
    "israel": "israel israeli jerusalem",
    "italy": "italy italian rome",
    "spain": "spain spanish madrid",
    "poland": "poland polish warsaw",
    "turkey": "turkey turkish ankara",
    "korea": "korea korean seoul pyongyang",
    "brazil": "brazil brazilian brasilia",
    "mexico": "mexico mexican",
    "eu": "eu e.u. europe european europeans brussels",
    "nato": "nato",
    "un": "un u.n. united-nations",
}
ALIAS = {alias: country for country, names in _COUNTRIES.items() for alias in names.split()}
_BY_STEM = {stem(alias): name for alias, name in ALIAS.items() if "." not in alias}


def country(token: str) -> str | None:
    """The country a word names ("Chinese", "Beijing": china), or None."""
    token = re.sub(r"['’]s$", "", token.lower())
    return ALIAS.get(token) or ALIAS.get(f"{token}.")  # "U.S." read as "u.s"


def same_countries(asked: Iterable[str], held: Iterable[str]) -> set[str]:
    """The asked stems naming a country that the held stems name in another word ("china" asked,
    "chines" held: the Chinese officials are China's)."""
    wanted = {word: _BY_STEM[word] for word in asked if word in _BY_STEM}
    if not wanted:
        return set()  # most questions name no country: the held words are not read
    named = {_BY_STEM.get(word) for word in held}
    return {word for word, name in wanted.items() if name in named}


# Capitalised names listed together: "Taiwan, Tibet, Xinjiang and Hong Kong".
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_LISTED = re.compile(rf"{_NAME}(?:,\s+{_NAME})+,?\s+(?:and|or)\s+{_NAME}")


def places_listed(text: str) -> set[str]:
    """Names listed with a country, lower-cased: places, not people ("Hong Kong" beside
    "Taiwan")."""
    found: set[str] = set()
    for match in _LISTED.finditer(text):
        items = [i for i in re.split(r",\s*|\s+(?:and|or)\s+", match.group(0)) if i]
        if any(country(item) for item in items):
            found |= {item.lower() for item in items}
    return found
