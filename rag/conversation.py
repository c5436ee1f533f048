"""Follow-up questions: turn a question that leans on the conversation into a standalone one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rag.clauses import THEY, last_thing, plural_subject, unwrapped_question
from rag.questions import content_words
from rag.referents import other_gender, other_subject, role_phrase, subject_of

# Words that show a question leans on what was said before.
_DEPENDENT = re.compile(
    r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|"
    r"then|the same|also|too|else|other|another)\b|^(and|but|so|what about|how about)\b",
    re.IGNORECASE,
)
_PERSON_PRONOUN = re.compile(r"\b(he|she|him|her|his)\b", re.IGNORECASE)
_YES_NO = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|"
    r"would|should)\b",
    re.IGNORECASE,
)


def user_turns(history: Sequence[Any], limit: int) -> list[str]:
    """The user's past questions, newest last, at most `limit` of them.

    Accepts chat messages ({"role", "content"} with text content), (question, reply) pairs or
    plain questions; front ends turn their own message formats into one of these.
    """
    turns: list[str] = []
    for item in history:
        if isinstance(item, dict):
            if item.get("role") == "user" and isinstance(item.get("content"), str):
                turns.append(item["content"])
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            turns.append(item[0])
        elif isinstance(item, str):
            turns.append(item)
    return turns[-limit:] if limit else []


_ANY_PRONOUN = re.compile(
    r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|there|then)\b", re.IGNORECASE
)
_OTHER_MARKERS = re.compile(
    r"\b(also|too|else|other|another|the same|same one|either|instead)\b|"
    r"^\W*(and|but|so|what about|how about|then|plus)\b",
    re.IGNORECASE,
)
# "this/that/these/those" + a noun points back, unless the noun is the document itself.
_DOCUMENT = r"article|story|piece|text|document|report|page|file|post|item|news|source|essay|paper"
_DEMONSTRATIVE = re.compile(rf"\b(this|that|these|those)\b(?!\s+(?:{_DOCUMENT})\b)", re.I)
_DOCUMENT_WORDS = re.compile(rf"\b(?:{_DOCUMENT})\b", re.IGNORECASE)
_WHAT_ABOUT = re.compile(
    r"^\W*(?:and\s+)?(?:what|how)\s+about\s+(?P<other>.+?)\s*\??\s*$", re.IGNORECASE
)
_WHAT_ABOUT_THEN = re.compile(
    r"^\W*(?:and\s+)?(?:what|how)\s+about\s+(?P<other>[^?]+)\?\s*(?P<rest>\S.*)$", re.IGNORECASE
)


# "there" as a place ("who did he meet there?"), not "is there…", "there was…".
_THERE = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)\bthere\b"
    r"(?!\s+(?:is|are|was|were|be|been|will|would|has|have|had|any|a|an)\b)",
    re.IGNORECASE,
)
# The place a question names: "in Moscow", "to Beijing" (not "in November").
_PLACE = re.compile(
    r"\b(?:in|to|at|from)\s+(?!(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)"
)


def is_dependent(question: str) -> bool:
    """True when the question leans on the conversation: a pronoun, an ellipsis ("Why?",
    "And Russia?"), or "also/else/the same". A question with its own subject is standalone."""
    from rag.intent_patterns import by_pattern

    if by_pattern(question) is not None:
        return False  # "When was it published?" asks about the document itself
    if any(not _own_possessive(question, m) for m in _ANY_PRONOUN.finditer(question)):
        return True
    if _OTHER_MARKERS.search(question):
        return True
    if _DEMONSTRATIVE.search(question):
        return True
    words = question.split()
    own_name = any(w[:1].isupper() for w in words[1:])
    return len(words) <= 3 and not own_name


def _own_possessive(question: str, pronoun: re.Match[str]) -> bool:
    """True for a possessive whose owner the question names before it ("What did China and
    Russia declare in their joint statement?", "Did Xi change his plans?")."""
    if pronoun.group(1).lower() not in {"his", "her", "their", "its"}:
        return False
    return any(w[:1].isupper() and w != "I" for w in question[: pronoun.start()].split()[1:])


def _first_name_phrase(turn: str) -> re.Match[str] | None:
    """The first capitalised phrase after the question word ("What did China say…" → China)."""
    return re.search(r"(?<=\s)(?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*)*", turn)


# "Tell me about the joint statement.", "What was the summit?": the thing a past question was on.
_THING = re.compile(
    r"^\W*(?:(?:can\s+you\s+|could\s+you\s+)?(?:tell\s+me|talk)\s+(?:more\s+)?about|"
    r"what\s+(?:is|was)|describe|explain)\s+(?P<thing>(?:the|a|an)\s+[^?.!,]+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_BARE_IT = re.compile(r"\bit\b", re.IGNORECASE)


def _thing_it_means(question: str, previous: str) -> str | None:
    """ "When was it issued?" after "Tell me about the joint statement." asks about the
    statement, not the document's date: the question with "it" replaced, else None. A request
    for a summary ("Sum it up") is left to mean the document."""
    from rag.intent_patterns import Intent, by_pattern

    intent = by_pattern(question)
    if intent is None or intent is Intent.gist or not _BARE_IT.search(question):
        return None
    thing = _THING.match(previous.strip())
    if not thing or _DOCUMENT_WORDS.search(thing.group("thing")):
        return None
    return _BARE_IT.sub(thing.group("thing"), question, count=1)


def _defined_it_means(question: str, previous: str) -> str | None:
    """ "Does it still run if the try block returns?" after "What does a finally clause do?"
    asks about the finally clause: the question with "it" replaced, else None."""
    from rag.definitions import definition_subject
    from rag.intent_patterns import by_pattern

    if by_pattern(question) is not None or not _BARE_IT.search(question):
        return None
    subject = definition_subject(previous.strip())
    if not subject or _DOCUMENT_WORDS.search(subject) or len(subject.split()) > 4:
        return None
    # with its article, as the question before wrote it: "a finally clause"
    written = re.search(rf"\b(?:(?:a|an|the)\s+)?{re.escape(subject)}", previous, re.IGNORECASE)
    return _BARE_IT.sub(written.group(0) if written else subject, question, count=1)


# "Separate question: …", "Switching gears — …", "By the way, …": they only turn the talk.
_OPENER = re.compile(
    r"^\W*(?:(?:a\s+|one\s+)?(?:separate|different|unrelated|new|another|quick|last|final|"
    r"other|next)\s+(?:question|thing|one)|one\s+more\s+(?:question|thing)|switching\s+gears|"
    r"changing\s+(?:the\s+)?(?:subject|topic)|(?:on\s+)?(?:a\s+)?different\s+note|"
    r"on\s+another\s+note|moving\s+on|by\s+the\s+way|btw|anyway|unrelated(?:,?\s+but)?|"
    r"in\s+(?:plain|simple)\s+(?:terms|english|words)|simply\s+put|put\s+simply|in\s+short|"
    r"briefly|basically|in\s+a\s+nutshell|out\s+of\s+curiosity|just\s+curious|hey|hi|hello|"
    r"ok(?:ay)?|alright|right|now|next)\s*[:,—–-]+\s*(?=\S)",
    re.IGNORECASE,
)


def without_opener(question: str) -> str:
    """The question without words that only turn the conversation ("Separate question: …") or
    wrap it in a request ("Could you tell me who met him?" → "Who met him?")."""
    rest = _OPENER.sub("", question, count=1)
    if rest != question:  # "Unrelated, but who won…": the "but" only turns away too
        rest = re.sub(r"^(?:but|and|so)\s+(?=\S)", "", rest, flags=re.IGNORECASE)
    rest = rest[:1].upper() + rest[1:] if rest != question else question
    return unwrapped_question(rest)


def condense_offline(question: str, turns: Sequence[str]) -> str:
    """Without an LLM: resolve a follow-up against the user's previous question(s).

    "Who is Hua Chunying?" + "What word has she refused to use?" →
    "What word has Hua Chunying refused to use?"; "What did China say about NATO?" + "What
    about Russia?" → "What did Russia say about NATO?"; other follow-ups keep their own words
    first and carry the previous question after them, for retrieval. A standalone question is
    returned unchanged.
    """
    if turns:
        about = _thing_it_means(question, turns[-1]) or _defined_it_means(question, turns[-1])
        if about:
            return about
    if not turns or not is_dependent(question):
        return question
    previous = turns[-1].strip()
    then = _WHAT_ABOUT_THEN.match(question)
    if then and _ANY_PRONOUN.search(then.group("rest")):
        # "What about the European leaders? How did they react?" → "How did the European
        # leaders react?"
        other = then.group("other").strip()

        def named(match: re.Match[str]) -> str:
            if match.group(0).lower() not in {"his", "their", "its"}:
                return other
            return f"{other}’" if other.endswith("s") else f"{other}’s"

        return _ANY_PRONOUN.sub(named, then.group("rest"), count=1)
    other = _WHAT_ABOUT.match(question)
    if other:
        name = _first_name_phrase(previous)
        if name:
            return f"{previous[: name.start()]}{other.group('other')}{previous[name.end() :]}"
        return f"{previous.rstrip('?')} ({other.group('other')})?"
    subject = other_subject(previous, question)
    carry = False
    earlier = subject_of(turns[-2].strip()) if len(turns) > 1 else None
    if (
        earlier
        and _PERSON_PRONOUN.search(question)
        and (_PERSON_PRONOUN.search(previous) or not subject)
    ):
        # "Who is Qin Gang?" / "What did the officials tell him?" / "How did he react?": the
        # person is the one the question before them named, and what was asked of them just
        # before is context too (a question in between on no one, "…tell the embassy?", is not)
        subject, carry = earlier, bool(_PERSON_PRONOUN.search(previous))
    before = subject  # whom the previous question's own pronoun means
    if _PERSON_PRONOUN.search(question) and (not subject or other_gender(question, previous)):
        # "What did they tell the Chinese ambassador?" / "How did he take it?"; "…did she
        # speak with the ambassador?" / "What did he keep saying?": he is not she
        subject = role_phrase(previous)
    if subject and _PERSON_PRONOUN.search(question):

        def replace(match: re.Match[str]) -> str:
            word = match.group(0).lower()
            return f"{subject}’s" if word == "his" else subject

        resolved = _PERSON_PRONOUN.sub(replace, question, count=1)
        if not carry and not _ANY_PRONOUN.search(resolved):
            return resolved
        # "what did they tell him?": who "they" are, the question before says
        question = resolved
        if before:
            subject = before
            previous = _PERSON_PRONOUN.sub(replace, previous, count=1)
    place = _THERE.search(question) and _PLACE.search(previous)
    if place:  # "who did he meet with there?" after "What did Burns do in Moscow?"
        at = "at" if place.group(0).lower().startswith("at") else "in"
        question = _THERE.sub(f"{at} {place.group(1)}", question, count=1)
    group = THEY.search(question) and plural_subject(previous)
    if group:  # "What phrase did they use?" after "How did European leaders react?"
        question = THEY.sub(group, question, count=1)
    thing = _BARE_IT.search(question) and last_thing(previous)
    if thing:  # "What did they decide after it?" after "…have their video summit?"
        question = _BARE_IT.sub(thing, question, count=1)
    # "what did they tell him?" names too little to set the scene: the question before does (a
    # yes/no is settled by what it asks now, and is searched with the turn before it alone)
    scene = not _YES_NO.match(question) and len(content_words(previous)) < 2
    if len(turns) > 1 and scene and is_dependent(previous):
        previous = re.sub(r"\?*\s*\((.*)\)\s*$", r"; \1", condense_offline(previous, turns[:-1]))
    return f"{question.strip()} ({previous.rstrip('?').strip()})"
