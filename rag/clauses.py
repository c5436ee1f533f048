"""The clause of a question that asks, apart from the context a user puts before it.

People set the scene before they ask: "I'm writing a numeric class — how do I make pow() work?",
"When Python turns a[1:2] into a slice, what is used for the step?", "My subclass defines
__radd__. Why does it run first?". The question's form (why, how, yes/no) and the kind of answer
it wants (a date for "when…?", a person for "who…?") belong to the asking clause alone: the
leading "When Python turns…" sets a condition and asks for no date. Retrieval still reads the
whole question, since the scene holds the words that find the passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ASKING = (
    r"(?:(?:and|so|but|then)\s+)?(?:who|whom|whose|what|when|where|which|why|how|"
    r"is|are|was|were|do|does|did|can|could|will|would|should|may|might|must|has|have|had)\b"
)
# A sentence, a dash or a colon before the asking clause: "I'm writing a class — how do I…".
# "U.S. officials" is no sentence end: the letter before a full stop must not be a capital.
# A comma then "so/but/then" and a question word ends a scene too: "They doubted it would work,
# so why did they back it?" ("…, and who met her?" adds a second question to the first).
_SCENE = re.compile(
    rf"(?:[.!?;:](?<![A-Z]\.)|\s[—–-])\s+(?=(?i:{_ASKING}))|"
    r",\s+(?=(?i:(?:so|but|then)\s+(?:who|whom|whose|what|when|where|which|why|how)\b))"
)
# A leading condition or setting, closed by a comma: "When I slice a list, what…", "If a class
# is named only with underscores, what…", "In a match statement, which…". "When did…" and
# "When is…" ask themselves, so a "when" followed by a verb is not a condition. "According to
# the officials, why…": whose account, not what is asked.
_CONDITION = re.compile(
    r"^\W*(?:(?:when|whenever|if|once|after|before|since|while|unless|although|though|given|"
    r"suppose|assuming)\b(?!\s+(?:is|are|was|were|do|does|did|can|will|should|must|has|have|had)\b)"
    r"|(?:in|for|on|with|inside|within|during|according\s+to|from|under|at|by|per)\b)"
    rf"[^?]{{3,}}?,\s*(?={_ASKING})",
    re.IGNORECASE,
)


# A statement put as a question by a tag: "…moves the key to the end, doesn't it?", "…is
# reliable, right?", "…right away, correct?". The statement is what is asked.
_TAG = re.compile(
    r"(?:,\s*(?:(?:is\s+that|am\s+i)\s+)?|\s+(?:is\s+that|am\s+i)\s+)"
    r"(?:right|correct|true|yes|no|yeah|ok(?:ay)?)\s*\?+\s*$|"
    r",\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must)"
    r"(?:n['’]t)?\s+(?:it|they|he|she|there|you|we|i|that|this)\s*\?+\s*$",
    re.IGNORECASE,
)


def tagged_statement(question: str) -> str:
    """The statement a tag question asks about, or "" when `question` has no tag."""
    text = " ".join(split_carried(question)[0].split())
    match = _TAG.search(text)
    if not match or not re.search(r"\w", text[: match.start()]):
        return ""
    statement = text[: match.start()]
    return (
        ""
        if re.match(r"^\W*(?:who|whom|whose|what|when|where|which|why|how)\b", statement, re.I)
        else statement
    )


# A request around the question: "Could you explain what casefold() does?", "Can you tell me
# who met him?", "Do you know when…", "Tell me why…". What is asked is the embedded question;
# "Can you compare a str with bytes?" asks itself, and stays a yes/no.
_POLITE = re.compile(
    r"^\W*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+|"
    r"(?:do|does)\s+(?:you|anyone)\s+(?:happen\s+to\s+)?know\s+|"
    r"i\s+(?:want|need|would\s+like|['’]d\s+like)\s+to\s+(?:know|understand)\s+|"
    r"i\s+wonder\s+|i(?:['’]m|\s+am)\s+wondering\s+|any\s+idea\s+)",
    re.IGNORECASE,
)
_ASKING_VERB = re.compile(
    r"^(?:(?:tell|show|remind)\s+(?:me|us)(?:\s+about)?|explain(?:\s+to\s+me)?|describe|"
    r"clarify|let\s+me\s+know|help\s+me\s+understand|(?:summari[sz]e|outline|go\s+over|"
    r"walk\s+me\s+through)(?=\s+(?:who|whom|whose|what|when|where|which|why|how)\b))\s+",
    re.IGNORECASE,
)
# "Can you list the officials…": a request whose verb asks by itself (a list, a name).
_ASKS_ITSELF = re.compile(r"^(?:list|name|enumerate|identify|give|find|summari[sz]e)\b", re.I)
_EMBEDDED = re.compile(
    r"^(?:who|whom|whose|what|when|where|which|why|how|if|whether)\b", re.IGNORECASE
)
_WHETHER = re.compile(r"^(?:if|whether)\s+", re.IGNORECASE)


def _unwrapped(clause: str) -> str:
    """The question a request wraps ("Could you explain what X does?" → "what X does?"), with
    "if/whether" kept, or the clause itself when it wraps none."""
    polite = _POLITE.match(clause)
    rest = clause[polite.end() :] if polite else clause
    verb = _ASKING_VERB.match(rest)
    if verb:
        rest = rest[verb.end() :]
    elif not (polite and (_EMBEDDED.match(rest) or _ASKS_ITSELF.match(rest))):
        return clause
    return rest if re.search(r"\w", rest) else clause


# "Explain…", "Define…": a request that names what to define.
_DEFINING_VERB = re.compile(r"^(?:explain|define)(?:\s+to\s+me)?\s+", re.IGNORECASE)


def named_to_define(question: str) -> str | None:
    """The thing a request asks to explain or define, named bare ("Explain lambda expressions",
    "Could you define a suite, please?" → "lambda expressions", "suite"), or None ("Explain how
    the loop ends" asks how)."""
    clause = _last_clause(question)
    polite = _POLITE.match(clause)
    rest = clause[polite.end() :] if polite else clause
    verb = _DEFINING_VERB.match(rest)
    if not verb:
        return None
    thing = rest[verb.end() :]
    if _EMBEDDED.match(thing) or re.match(r"to\b", thing, re.IGNORECASE):
        return None
    thing = re.sub(r"^(?:an?|the)\s+", "", thing, flags=re.IGNORECASE)
    thing = re.sub(r"(?:,?\s+please)?\s*[?.!]*\s*$", "", thing, flags=re.IGNORECASE)
    return thing or None


# "Every object has which three things?", "A failing assert raises what?": the asked phrase
# left in place, after a verb or a preposition (not a relative "which" after a noun).
_IN_PLACE = re.compile(
    r"^(?!\W*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|am|do|does|did|"
    r"has|have|had|can|could|will|would|should|shall|may|might|must|name|list|tell|give|show|"
    r"explain|describe|please)\b)(?P<before>[^,;:?]+?\b(?:is|are|was|were|be|been|has|have|had|"
    r"in|on|at|to|from|by|with|for|of|about|into|as|\w+ed|met|said|told|made|took|gave|got|"
    r"became|means?|uses?|calls?|returns?|raises?|gives?|takes?|makes?|contains?|holds?|"
    r"includes?|needs?|requires?|produces?|creates?|says?|does|do|did))\s+"
    r"(?P<asked>(?:which|what)\b[^,;:?]*)\?\s*$",
    re.IGNORECASE,
)


_DETERMINERS = frozenset(
    "the a an every each all some any my your our this that these those its".split()
)


def fronted(question: str) -> str:
    """A question whose asked phrase stays in place, with it first, as a request would put
    it ("Every object has which three things?" → "Which three things every object has?")."""
    found = _IN_PLACE.match(question.strip())
    if not found:
        return question
    asked, before = found["asked"].strip(), found["before"].strip()
    if before.split()[0].lower() in _DETERMINERS:  # "Every object…", not "Biden…"
        before = before[:1].lower() + before[1:]
    return f"{asked[:1].upper()}{asked[1:]} {before}?"


def unwrapped_question(question: str) -> str:
    """The question a request wraps, as a question of its own ("Could you tell me who met
    him?" → "Who met him?", "Can you list the officials?" → "List the officials?"); unchanged
    when it wraps none, or asks "if/whether", or only "about" something. An asked phrase left
    in place comes first ("Every object has which three things?")."""
    text = question.strip()
    rest = _unwrapped(text)
    if rest == text:
        return fronted(question)
    if not (_EMBEDDED.match(rest) or _ASKS_ITSELF.match(rest)):
        return question
    if _WHETHER.match(rest):
        return question
    rest = rest.rstrip(" .?!") + "?"
    return rest[:1].upper() + rest[1:]


def asks_whether(question: str) -> bool:
    """A yes/no wrapped in a request: "Do you know if Xi met Putin?", "Tell me whether…"."""
    clause = _last_clause(question)
    rest = _unwrapped(clause)  # a bare "if I leave it out, …" wraps nothing
    return bool(_WHETHER.match(rest)) and (rest != clause or clause.lower().startswith("whether"))


def without_condition(question: str) -> str:
    """The question without a leading condition or setting ("When it leaves a block that has a
    clause, does…" asks nothing of "that"), its other sentences kept."""
    rest = _CONDITION.sub("", question.strip(), count=1)
    return rest if rest.strip() else question


@lru_cache(maxsize=4096)
def _last_clause(question: str) -> str:
    text = tagged_statement(question) or " ".join(split_carried(question)[0].split())
    parts = _SCENE.split(text)
    clause = parts[-1] if len(parts) > 1 and parts[-1].strip() else text
    rest = _CONDITION.sub("", clause, count=1)
    return rest if rest.strip() else clause


@lru_cache(maxsize=4096)
def asked_clause(question: str) -> str:
    """The part of `question` that asks: the last asking sentence, without a leading condition,
    a request wrapped around it ("Can you tell me who…") or the earlier question a follow-up
    carries in brackets."""
    clause = _unwrapped(_last_clause(question))
    return _WHETHER.sub("", clause, count=1)


# A follow-up rewritten offline carries the question before it in brackets, for retrieval:
# "And how did the Europeans respond? (What did Wang Yi do at the conference)".
# (the earlier question may call code by name: "(what does pop() give back)")
_CARRIED = re.compile(r"\s*\(((?:[^()]|\([^()]*\))*)\)\s*\??\s*$")


def split_carried(question: str) -> tuple[str, str]:
    """The question the user asks now, and the earlier one it carries ("" when none)."""
    match = _CARRIED.search(question)
    if not match:
        return question, ""
    return question[: match.start()], match.group(1)


def without_older_turns(question: str) -> str:
    """The question with only the turn just before it carried: the turns it leans on in turn
    ("…(what did they put out then; When did Xi and Putin meet…)") are context for the search,
    and set no date of their own."""
    own, carried = split_carried(question)
    return f"{own} ({carried.split('; ')[0]})" if carried else question


# "What are methods in Python?": a setting named at the end of a question.
_SETTING = re.compile(r",?\s+in\s+(?P<name>[A-Z][\w.+#-]*(?:\s+\d[\d.]*)?)\s*[?.!]*\s*$")
_DEFINES = re.compile(r"^\W*what\s+(?:is|are|was|were|does|do)\b", re.IGNORECASE)


def without_setting(question: str, known: Callable[[str], bool]) -> str:
    """The question to search with: "What are methods in Python?" over documents on Python asks
    what methods are, and "in Python" would only pull sentences about Python in general ahead of
    the one defining methods. Only a "what is/does" question loses its setting, and only when
    `known` says the documents use every word of it (a setting they never name stays, so that
    the question still reads as off their topic)."""
    match = _SETTING.search(question)
    if not match or not _DEFINES.match(question):
        return question
    words = re.findall(r"[A-Za-z]+", match.group("name"))
    if not words or not all(known(word.lower()) for word in words):
        return question
    return question[: match.start()].rstrip() + "?"


# A thing a question ends on: "their video summit", not "the Chinese" nor a place ("at the…").
_NAMED_THING = re.compile(
    r"(?<!\bat )(?<!\bin )(?<!\binside )(?<!\bnear )(?<!\binto )"
    r"\b(?:the|their|his|her|its|this|that)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\b(?=\s*[?.!,]*\s*$)"
)


def last_thing(previous: str) -> str | None:
    """The thing the previous question ends on ("…their video summit?"): what "it" means."""
    match = _NAMED_THING.search(previous.strip())
    return match.group(0) if match else None


# "How did European leaders react?", "Why did the talks fail?": the plural subject a "they" in
# the next question may mean.
_PLURAL_SUBJECT = re.compile(
    r"^\W*(?:(?:and|so)\s+)?(?:(?:how|what|why|when|where)\s+)?(?:did|do|were|are|have|had)\s+"
    r"((?:the\s+)?(?:(?!(?:they|we|you|it|i)\b)[\w.-]+\s+){0,2}?[a-z]+s)\s+[a-z]+",
    re.IGNORECASE,
)
THEY = re.compile(r"\bthey\b", re.IGNORECASE)


def plural_subject(question: str) -> str | None:
    """The plural noun a question makes its subject ("european leaders"), or None."""
    match = _PLURAL_SUBJECT.match(question)
    return match.group(1) if match else None


# "What phrase did they use…?", "Which word did she refuse to use?": the words of that ask are
# no words an answer shares with the question.
_ASKS_EXPRESSION = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:words?|phrases?|terms?)\b(?=.*\b(?:use|used|call|called)\b)",
    re.IGNORECASE,
)
_EXPRESSION_WORDS = re.compile(r"\b(?:words?|phrases?|terms?|use|used|call|called)\b", re.I)


def without_expression_ask(question: str) -> str:
    """The question without the words asking for an expression ("what phrase… use")."""
    if not _ASKS_EXPRESSION.search(question):
        return question
    return _EXPRESSION_WORDS.sub(" ", question)
