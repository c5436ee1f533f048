"""Whether a question is about the indexed documents at all.

A question most of whose words the documents never use ("Who won the cup final?"), or whose
subject is a name they never mention ("What sanctions did the EU announce?"), is not answered
from the closest passage: nothing there is about it. The gate acts only when no sentence scores
well, so a paraphrase in words of its own ("…grab from Kyiv") still reaches the answerer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.clauses import split_carried
from rag.intent_patterns import DOCUMENT, without_document_words
from rag.questions import content_words
from rag.textutil import stem

# A question most of whose (IDF-weighted) words never occur in the corpus is off-topic, when
# its best sentence scores below OFF_TOPIC_MAX_SCORE.
OFF_TOPIC_UNSEEN = 0.6
OFF_TOPIC_MAX_SCORE = 0.55
# ...unless a sentence is this close in meaning: then its words are only worded otherwise.
OFF_TOPIC_CLOSE = 0.6
# A name the question shares with the documents keeps it on topic when it is this rare (an IDF
# above it: in fewer than about two passages in five), unlike "China" in a story on China.
NAMED_MIN_IDF = 1.2
# A name right after the question's auxiliary is its subject ("did the EU", "is Zelensky").
_SUBJECT_NAME = re.compile(
    r"\b(?i:did|does|do|is|was|were|are|has|have|had|will|would|can|could)\s+(?:the\s+)?"
    r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)"
)
_REFERS_BACK = re.compile(r"\b(?:it|that|this|they|them|he|she|him|her|those|these)\b", re.I)
AUXILIARY = frozenset(
    "did does do is was were are has have had can could will would should may might must".split()
)


def off_topic(
    question: str,
    best_score: float,
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool],
    best_cosine: float = 0.0,
) -> bool:
    """True when no sentence scores well and the question's words or subject are foreign to
    the documents. Everyday words the documents happen not to use ("why wouldn't they give
    their names?") do not make a question foreign when a sentence is close in meaning
    (`best_cosine`, the embedding similarity alone)."""
    occurs = getattr(idf, "occurs", None)
    if occurs is not None and unwritten_special_name(question, occurs):
        return True  # however close the sentences about its parts ("__init__", "subclass")
    if best_score >= OFF_TOPIC_MAX_SCORE:
        return False
    phrase = getattr(idf, "shares_phrase", None)
    own, carried = split_carried(question)
    # "then why go ahead with it anyway?" after an on-topic question: everyday words about what
    # "it" refers back to (a name the documents never use still makes it foreign); "and what's
    # a good recipe for pancakes?" refers to nothing: its own words decide, not those it carries
    follows = bool(carried) and bool(_REFERS_BACK.search(own))
    foreign = (
        not follows
        and best_cosine < OFF_TOPIC_CLOSE
        and unseen_share(own, idf, seen, phrase) >= OFF_TOPIC_UNSEEN
    )
    return (
        foreign
        or bool(unseen_name(question, seen))
        or bool(unseen_identifier(question, seen, getattr(idf, "occurs", None)))
    )


# A name in code: dotted ("asyncio.gather"), joined by underscores ("co_varnames") or in camel
# case ("RecursionError").
_IDENTIFIER = re.compile(
    r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|\b[A-Za-z]*_\w*[A-Za-z]\w*|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|"
    r"\b[a-z]\w*(?=\(\))"  # a function called by name: "send()"
)


def unseen_identifier(
    question: str, seen: Callable[[str], bool], occurs: Callable[[str], bool] | None = None
) -> str | None:
    """A name in code the question asks about that the documents never use ("What does
    co_varnames hold?" over documents that never name it), or None. With `occurs`, a special
    name joined by underscores counts only as written: "__init_subclass__" is not "__init__" and
    "subclass" (a user's own "my_list" is theirs to name)."""
    for match in _IDENTIFIER.finditer(question):
        # "dict.popitem" where the documents name "popitem()" under the dict type's methods
        attribute = match.group(0).rsplit(".", 1)[-1]
        words = [w for w in content_words(match.group(0)) | content_words(attribute) if len(w) > 2]
        if not re.search(r"[._]", match.group(0)):  # "RecursionError" whole, not its "error"
            words = [match.group(0).lower()]
        # "pop()" where the documents write "s.pop([i])": a method they name on its object
        called = (
            occurs is not None and match.group(0).islower() and not re.search(r"[._]", attribute)
        )
        if called and (occurs(f"{attribute}(") or occurs(f".{attribute}")):
            continue
        if words and not any(seen(w) for w in words):
            return match.group(0)
        if occurs is not None and unwritten_special_name(attribute, occurs):
            return match.group(0)
    return None


def written_as_code(name: str, occurs: Callable[[str], bool]) -> bool:
    """The documents write this name in code: "list.remove" where they write "remove()" or
    "s.remove(x)", "co_varnames" as it is."""
    attribute = name.rsplit(".", 1)[-1]
    if occurs(f"{attribute}(") or occurs(f".{attribute}"):
        return True
    return "_" in attribute.strip("_") and occurs(attribute)


def unwritten_special_name(question: str, occurs: Callable[[str], bool]) -> str | None:
    """A special name ("__init_subclass__", "__slots__") the question asks about and no passage
    writes, or None: the documents say nothing of it, only of its parts ("slots")."""
    for match in _IDENTIFIER.finditer(question):
        name = match.group(0).rsplit(".", 1)[-1]
        special = name.startswith("__") and ("_" in name.strip("_") or name.endswith("__"))
        if special and not occurs(name):
            return match.group(0)
    return None


_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
# Everyday verbs that name no topic of their own ("how can I get hold of…", "where do the hints
# I put … end up?"): a question is not foreign for using them.
_EVERYDAY = frozenset(
    stem(w)
    for w in "get gets got getting put puts putting hold holds held take takes took make makes "
    "made keep keeps kept give gives gave go goes went come comes came want wants wanted need "
    "needs needed let lets bother try tries tried end ends look looks see sees know knows".split()
)
# Names a question gives its own code ("first, *rest, last = seq", "lst[10]", "obj(a, b)"):
# placeholders, not words of another topic.
_CODE_WORDS = re.compile(
    r"\*{1,2}([A-Za-z_]\w*)|([A-Za-z_]\w*)(?=\s*[\[(])|([A-Za-z_]\w*)(?=\s*=(?!=))|=\s*([A-Za-z_]\w*)"
)


def unseen_share(
    question: str,
    idf: Callable[[str], float] | None,
    seen: Callable[[str], bool],
    phrase: Callable[[str], bool] | None = None,
) -> float:
    """IDF-weighted share of the question's words that occur nowhere in the corpus."""
    # a number the documents never write is a value asked about ("What is 17 // 5?"), not a
    # word of another topic (one they write, "the 2014 sanctions", is theirs)
    placeholders = content_words(
        " ".join(
            name for match in _CODE_WORDS.finditer(question) for name in match.groups() if name
        )
    )
    words = [
        w
        for w in content_words(without_document_words(question))
        if w not in AUXILIARY
        and w not in _EVERYDAY
        and w not in placeholders
        and not (_NUMBER.fullmatch(w) and not seen(w))
    ]
    if sum(not seen(w) for w in words) < 2:
        return 0.0  # one unknown word is a synonym ("named", "envoy"), not another topic
    if phrase is not None and phrase(question):
        return 0.0  # "…coincide with the Ukraine crisis?": a phrase of the documents' own
    # a capitalised word names something, unless it is a placeholder ("case X", "class C")
    named = [w for w in question.split()[1:] if w[:1].isupper() and len(w.strip("().,?")) > 1]
    if any(
        seen(w)
        for name in named
        for w in content_words(name)
        if idf is None or idf(w) > NAMED_MIN_IDF
    ):
        return 0.0  # "How did Medeiros describe…": someone the documents name is their topic
    occurs = getattr(idf, "occurs", None)
    if occurs is not None and any(
        written_as_code(match.group(0), occurs) for match in _IDENTIFIER.finditer(question)
    ):
        return 0.0  # "What does list.remove(x) throw…": a name in code the documents write
    weigh = idf or (lambda word: 1.0)
    # verbs the documents word otherwise ("threatened", "targeted"), about a thing only some of
    # their passages name ("sanctions"), paraphrase them: "Who would the threatened sanctions
    # have targeted?" is theirs
    inflected = {w for raw in _INFLECTED.findall(question) for w in content_words(raw)}
    unseen = [w for w in words if not seen(w)]
    rare = idf is not None and any(seen(w) and idf(w) > NAMED_MIN_IDF for w in words)
    if rare and set(unseen) <= inflected:
        return 0.0
    total = sum(weigh(w) for w in words)
    return sum(weigh(w) for w in unseen) / (total or 1.0)


_INFLECTED = re.compile(r"\b[a-z]{3,}(?:ed|ing)\b")


def unseen_name(question: str, seen: Callable[[str], bool]) -> str | None:
    """The name of the question's subject when the documents never use it ("What sanctions did
    the EU announce?", "Who is Zelensky?"), or None: whom they never mention, they do not
    answer for. A name elsewhere in the question may be a paraphrase ("…grab from Kyiv")."""
    match = _SUBJECT_NAME.search(question)
    if match:
        words = content_words(match.group(1))
        if words and not any(seen(w) for w in words):
            return match.group(1)
    return None


# "…according to the report", "in this story": a phrase that only places the question in the
# document; searched without it, the question matches its topic, not the words about it.
_DOCUMENT_PHRASE = re.compile(
    rf"(?:,\s*)?\b(?:in|by|from|for|according\s+to)\s+{DOCUMENT}\b(?:\s*,)?", re.IGNORECASE
)


def without_document_phrases(question: str) -> str:
    """The question without a phrase placing it in the document ("…according to the report")."""
    return re.sub(r"\s+([?.!])", r"\1", " ".join(_DOCUMENT_PHRASE.sub(" ", question).split()))
