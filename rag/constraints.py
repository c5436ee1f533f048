"""Whether a sentence meets the question's own constraints, beyond sharing its words.

"Who is America's envoy in Beijing?" is not answered by a sentence about China's ambassador in
Washington, "What did Xi say on Feb. 26?" not by a sentence dated Feb. 4, and "How many troops…"
not by a sentence whose only number counts meetings. Each check is general English: roles and
their owners, dates and numbers the question names, what a "how many X" counts, and names that a
"name the…" question asks for. A check that cannot tell (no role in the sentence, say) passes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.questions import Expect, people
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
_ALIAS = {alias: country for country, names in _COUNTRIES.items() for alias in names.split()}

# Roles people hold; synonyms share a group.
_ROLE_GROUPS = (
    "ambassador envoy emissary",
    "minister",
    "secretary",
    "president",
    "spokeswoman spokesman spokesperson",
    "director",
    "adviser advisor",
    "general",
    "commander",
    "chairman chairwoman",
    "professor",
    "king queen",
    "governor",
    "mayor",
    "senator",
    "prime-minister premier",
)
_ROLE = {word: index for index, group in enumerate(_ROLE_GROUPS) for word in group.split()}

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*|\d[\d,.]*")
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER_WORDS = (
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|"
    r"half|several|few|many|multiple|numerous|once|twice"
)
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:\w+\s+){0,2}?(\w+?)(?:\s|\?|$)", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\bhow\s+much\s+([a-z]+)\b", re.IGNORECASE)
_NOT_NOUN = frozenset(
    "did does do is was were are has have had can could will would should may might must "
    "more less longer further money".split()
)
_NAMES_OF = re.compile(
    r"\b(?:names?\s+of|name\s+(?:the|all|any|two|three))\s+(?:the\s+)?(?:\w+\s+){0,3}?(\w+)",
    re.IGNORECASE,
)
_MODIFIERS = frozenset("urgent senior top other more different separate major small".split())


def _tokens(text: str) -> list[str]:
    return [
        t.lower().strip(".,'’")
        for t in _TOKEN.findall(text.replace("United States", "united-states"))
    ]


def _country(token: str) -> str | None:
    token = re.sub(r"['’]s$", "", token.lower())
    return _ALIAS.get(token)


@lru_cache(maxsize=4096)
def roles(text: str) -> tuple[tuple[int, str | None, str | None], ...]:
    """Each role mentioned: (role group, owner country, country it is posted to or in).

    "China's ambassador to the United States" → (ambassador, china, us); "the Chinese foreign
    minister" → (minister, china, None); "envoy in Beijing" → (ambassador, None, china).
    """
    tokens = _tokens(text)
    found = []
    for i, token in enumerate(tokens):
        group = _ROLE.get(token.rstrip("s")) if token not in _ROLE else _ROLE[token]
        if group is None:
            continue
        owner = None
        for back in tokens[max(0, i - 3) : i][::-1]:
            owner = _country(back)
            if owner:
                break
        place = None
        if i + 2 < len(tokens) and tokens[i + 1] in {"to", "in", "at", "for"}:
            after = tokens[i + 2 : i + 4]
            place = next((c for c in map(_country, after) if c), None)
        else:  # "the president of Ukraine", "President Xi Jinping of China"
            for j in range(i + 1, min(i + 5, len(tokens) - 1)):
                if tokens[j] == "of":
                    owner = owner or _country(tokens[j + 1])
                    break
        found.append((group, owner, place))
    return tuple(found)


def roles_agree(question: str, window: str, required: bool = True) -> bool:
    """False when the question asks about a role that the window names only for other countries.

    The role (or a synonym) must appear in the window; where the window says whose role it is or
    where it is posted, that must not contradict the question.
    """
    asked = [r for r in roles(question) if r[1] or r[2]]
    if not asked:
        return True
    said = roles(window)
    for group, owner, place in asked:
        same = [r for r in said if r[0] == group]
        if not same:
            if required:
                return False
            continue
        for _, s_owner, s_place in same:
            owner_ok = owner is None or s_owner is None or s_owner == owner
            place_ok = place is None or s_place is None or s_place == place
            if owner and place and s_owner == place and s_place == owner:
                continue  # the other way round: A's envoy to B is not B's envoy to A
            if owner_ok and place_ok:
                break
        else:
            return False
    return True


def named_dates_present(question: str, window: str) -> bool:
    """Every day ("Feb. 26") and year the question names also appears in the window."""
    for month, day in _MONTH.findall(question):
        pattern = rf"\b{month[:3]}[a-z]*\.?\s+{day}\b"
        if not re.search(pattern, window, re.IGNORECASE):
            return False
    return all(year in window for year in _YEAR.findall(question))


def _counted_noun(question: str) -> str | None:
    """What "how many X" or "how much X" counts (None when it counts nothing named)."""
    match = _HOW_MANY.search(question) or _HOW_MUCH.search(question)
    if not match or match.group(1).lower() in _NOT_NOUN:
        return None
    return stem(match.group(1).lower())


def counts_what_is_asked(question: str, window: str) -> bool:
    """For "how many X", a number in the window counts X ("37 times", "half a dozen meetings")."""
    noun = _counted_noun(question)
    if noun is None:
        return True
    tokens = _tokens(window)
    for i, token in enumerate(tokens):
        if not re.fullmatch(_NUMBER_WORDS, token.split("-")[0]):
            continue
        if "-" in token and stem(token.split("-", 1)[1]) == noun:  # "5,000-word"
            return True
        for after in tokens[i + 1 : i + 5]:
            if stem(after) == noun:
                return True
            if (
                after not in _MODIFIERS
                and not re.fullmatch(_NUMBER_WORDS, after)
                and after
                not in {
                    "a",
                    "of",
                    "more",
                    "than",
                    "about",
                    "at",
                    "least",
                }
            ):
                if stem(after.split("-")[-1]) == noun:
                    return True
                break
    return False


def names_what_is_asked(question: str, window: str, expect: Expect) -> bool:
    """ "What are the names of the officials who…" needs a name the question does not give."""
    if expect is not Expect.anything or not _NAMES_OF.search(question):
        return True
    return bool(new_people(question, window))


# Capitalised words that make a name an institution, a place or an event, not a person.
_INSTITUTION = frozenset(
    """house office ministry department council committee commission agency service services
    embassy university college school institute center centre council court congress senate
    parliament assembly party union nations states republic kingdom empire administration
    government army navy force forces police bank company corporation group conference
    summit forum games olympics olympic cup league times post journal news press street
    square palace hall organization organisation treaty alliance peninsula sea ocean river
    mountain island city province state region east west north south""".split()
)


def persons(text: str) -> list[str]:
    """Names of people in the text (lower-cased): names of institutions and places left out."""
    found = []
    for name in people(text):
        words = name.replace(".", " ").split()
        if any(w in _INSTITUTION for w in words) or all(_country(w) for w in words):
            continue
        found.append(name)
    return found


def new_people(question: str, window: str) -> list[str]:
    """People the window names that the question does not ("Mr. Qin" is not new when the
    question names Qin Gang)."""
    asked = {w.strip(".,?’'").lower() for w in question.split()}
    return [name for name in persons(window) if name.split()[-1].strip(".") not in asked]


_ECHO = re.compile(r"\b(how|why|whether|what)\s+(\w+(?:\s+\w+){0,3})", re.IGNORECASE)


def echoes_question(question: str, window: str) -> bool:
    """The window only mentions the question ("they knew how China had helped Russia"): its
    "how/why" is followed by the question's own words, so it tells that, not how or why."""
    asked = {stem(w.lower()) for w in re.findall(r"[A-Za-z]{3,}", question)}
    for match in _ECHO.finditer(window):
        words = {stem(w.lower()) for w in re.findall(r"[A-Za-z]{3,}", match.group(2))}
        if len(words & asked) >= 2:
            return True
    return False


def _person_near_role(question: str, window: str) -> bool:
    """For "who is <role>", a name stands next to that role in the window ("the ambassador,
    Qin Gang," or "Wang Yi, the foreign minister")."""
    asked = {group for group, _, _ in roles(question)}
    if not asked:
        return True
    tokens = _tokens(window)
    names = new_people(question, window)
    name_words = {w for name in names for w in name.replace(".", " ").split() if len(w) > 1}
    for i, token in enumerate(tokens):
        group = _ROLE.get(token, _ROLE.get(token.rstrip("s")))
        if group not in asked:
            continue
        nearby = tokens[max(0, i - 12) : i + 6]
        if any(w in name_words for w in nearby):
            return True
    return False


_DATE_TOKEN = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
    r"(?:1[89]|20)\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tomorrow|(?:last|next|this)\s+(?:week|month|year)|(?:january|february|march|april|"
    r"june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)


def gives_new_date(question: str, window: str) -> bool:
    """A "when" answer gives a date the question did not already name."""
    asked = {d.lower() for d in _DATE_TOKEN.findall(question)}
    return any(d.lower() not in asked for d in _DATE_TOKEN.findall(window))


def unmet(question: str, window: str, expect: Expect) -> str | None:
    """Which of the question's constraints the window fails, or None when it meets them all."""
    if not named_dates_present(question, window):
        return "date"
    if not roles_agree(question, window, required=expect is Expect.person):
        return "role"
    if not counts_what_is_asked(question, window):
        return "count"
    if not names_what_is_asked(question, window, expect):
        return "name"
    if expect is Expect.person and not _person_near_role(question, window):
        return "role"
    if expect is Expect.date and not gives_new_date(question, window):
        return "date"
    if re.match(r"\W*(?:how|why)\b(?!\s+(?:many|much|long|often|old))", question, re.I) and (
        echoes_question(question, window)
    ):
        return "echo"
    return None
