"""Scoring the retrieved sentences against a question, for the extractive answerer.

A sentence's score mixes embedding similarity, the IDF-weighted share of the question's words
it holds, and whether it offers what the question asks for (a name, a date...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from rag.answer import Passage
from rag.clauses import split_carried
from rag.countries import same_countries
from rag.cues import SAYS
from rag.definitions import definition_subject
from rag.embedding_cache import SentenceEmbeddingCache, StoredVectors
from rag.forms import without_form_words
from rag.idf import Idf
from rag.questions import (
    Expect,
    content_words,
    expected,
    focus_words,
    names,
    offers,
)
from rag.roles import persons

__all__ = ["ScoredSentence", "SentenceEmbeddingCache", "StoredVectors", "score_sentences"]

# Relevance of a sentence = COS_WEIGHT * cosine + (1 - COS_WEIGHT) * IDF-weighted share of the
# question's words found in it (words of the sentence before it count half).
COS_WEIGHT = 0.7
CONTEXT_WEIGHT = 0.5
# A word only of the earlier question a follow-up carries, against one of its own.
CARRIED_WEIGHT = 0.5
WINDOW_DISCOUNT = 0.95
# Words of the section title a sentence lies under count at this weight.
SECTION_WEIGHT = 0.5
# "What is Medeiros's take on…", "How does Wang see…": a person's view is what they say.
_ASKS_VIEW = re.compile(
    r"\b(?:take|view|views|opinion|stance|verdict|assessment|position|think|thinks|thought|"
    r"feel|feels|felt|believe|believes|see|sees|describe|describes|described|characteri[sz]e\w*|"
    r"portray\w*|judge\w*|critici[sz]\w*|critique|complain\w*|objections?)\b",
    re.IGNORECASE,
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
# A word in more passages than about two in five (an IDF below this) is common to the corpus.
COMMON_IDF = 1.2
# Added when a sentence offers what the question asks for (a name for "who", a date for
# "when"...), subtracted when it does not.
TYPE_BONUS = 0.08
# A question about syntax or code may be answered by a code or grammar line.
_ASKS_CODE = re.compile(
    r"\b(?:syntax|grammar|code|example|snippet|written|spell(?:ed)?|write|form|looks?\s+like)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"^\W*(she|he)\b", re.IGNORECASE)


def asks_code(question: str) -> bool:
    """True when the question asks for syntax or code, which is then quoted like prose."""
    return bool(_ASKS_CODE.search(question))


# How many sentences back a "he"/"she" is looked for.
REFERENT_REACH = 5


class ScoredSentence:
    """A sentence of a passage and its score; `referent` names the "she" it opens with."""

    __slots__ = ("cosine", "index", "passage", "referent", "score", "span", "text")

    def __init__(
        self,
        passage: Passage,
        index: int,
        span: tuple[int, int, int, int],
        text: str,
        score: float,
        referent: str = "",
        cosine: float = 0.0,
    ) -> None:
        self.passage, self.index, self.span, self.text = passage, index, span, text
        self.score, self.referent = score, referent
        self.cosine = cosine  # the embedding similarity alone, before words and kind count


def _context(passage: Passage, index: int, onward: bool) -> int:
    """How much of the sentence's surroundings its passage holds; `onward`, the sentence after
    it counts most (a definition goes on there: "…is "__dict__". This is the dictionary…")."""
    return (1 + onward) * (index + 1 < len(passage.sentences)) + (index > 0)


def sentence_text(passage: Passage, index: int) -> str:
    start, end = passage.sentences[index][:2]
    return passage.text[start:end].strip()


def score_sentences(
    question: str,
    question_vector: np.ndarray,
    passages: Sequence[Passage],
    cache: SentenceEmbeddingCache,
    idf: Idf | None = None,
    stored: StoredVectors | None = None,
    preceding: Callable[[str, int], str] | None = None,
) -> list[ScoredSentence]:
    """Every sentence of the passages, scored for how well it answers the question, best first.

    The score mixes embedding similarity, the IDF-weighted share of the question's words in the
    sentence (and, at half weight, in the sentence before it), and whether the sentence offers
    the kind of thing the question asks for. A sentence found in several (overlapping)
    passages is kept once, in its best-ranked passage unless another holds more around it.
    Vectors come from the cache, else from `stored` (the index's sentence vectors, fetched in
    one call), else are embedded.
    `preceding(source, start)` is the text just before a passage, where "she" may be named.
    """
    candidates: list[tuple[Passage, int, str]] = []
    placed: dict[tuple[str, int, int], int] = {}
    prose_only = not asks_code(question)
    onward = definition_subject(question) is not None
    for passage in passages:
        code = set(passage.code_sentences) if prose_only else set()
        for index, span in enumerate(passage.sentences):
            if index in code:
                continue
            key = (passage.source, span[2], span[3])
            if key in placed:
                # read where its neighbours are too: at a chunk's edge, the sentence after it
                # ("…is "__dict__". This is the dictionary…") lies in the next chunk
                at = placed[key]
                if _context(passage, index, onward) > _context(*candidates[at][:2], onward):
                    candidates[at] = (passage, index, candidates[at][2])
                continue
            text = sentence_text(passage, index)
            if len(text) >= 3:
                placed[key] = len(candidates)
                candidates.append((passage, index, text))
    if not candidates:
        return []
    q = question_vector / (np.linalg.norm(question_vector) or 1.0)
    # A sentence read with the one before it ("In that document, ..." + "China also ...")
    # may match better than alone; that reading counts at a small discount.
    windows = [
        f"{sentence_text(passage, index - 1)} {text}" if index > 0 else text
        for passage, index, text in candidates
    ]
    texts = [text for _, _, text in candidates]
    if stored is not None:
        wanted = set(cache.missing(texts + windows))
        if wanted:
            keys = {
                (passage.source, piece)
                for (passage, _, text), window in zip(candidates, windows, strict=True)
                for piece in (text, window)
                if piece in wanted
            }
            cache.put(stored(sorted(keys)))
    vectors = cache.get(texts + windows)  # what neither holds is embedded, in one batch
    cosines = np.clip(vectors[: len(texts)] @ q, 0.0, 1.0)
    cosines = np.maximum(cosines, WINDOW_DISCOUNT * np.clip(vectors[len(texts) :] @ q, 0.0, 1.0))
    q_words = content_words(without_form_words(question))
    expect = expected(question)
    focus = focus_words(question)
    if idf is not None and all(idf(word) <= COMMON_IDF for word in focus):
        focus = set()  # "…about China" in a story on China singles no sentence out
    rarity = idf if idf is not None else (lambda word: 1.0)
    # words only of the earlier question a follow-up carries weigh less than its own
    own_question, carried = split_carried(question)
    carried_only = content_words(carried) - content_words(without_form_words(own_question))

    def weigh(word: str) -> float:
        return rarity(word) * (CARRIED_WEIGHT if word in carried_only else 1.0)

    q_total = sum(weigh(w) for w in q_words) or 1.0
    # the people the question asks about, as the words of their names
    known = idf.persons if idf is not None and _ASKS_VIEW.search(own_question) else None
    asked_people = [
        content_words(word)
        for word in names(own_question)
        if not focus and known and _POSSESSIVE_END.sub("", word) in known
    ]
    # what the view is on, when the documents say little of it ("Hua's position on Taiwan"):
    # her words on something else are not her view of it
    view_topic = {
        word
        for word in q_words - content_words(" ".join(_ASKS_VIEW.findall(own_question)))
        if rarity(word) > COMMON_IDF and not any(word in name for name in asked_people)
    }
    # The title a sentence lies under is context too, unless all passages share it (a headline).
    titled = len({passage.section for passage, _, _ in candidates}) > 1
    scored = []
    for (passage, index, text), cos in zip(candidates, cosines, strict=True):
        own = content_words(text)
        alike = same_countries(q_words, own) - own  # "Chinese" is China's: at half weight
        hit = sum(weigh(w) for w in q_words & own) + sum(map(weigh, alike)) / 2
        found = own | alike
        if titled and passage.section:
            title = content_words(passage.section) & q_words
            hit += SECTION_WEIGHT * sum(weigh(w) for w in title - found)
            found |= title
        # "She…": who she is; a table's row: the sentence introducing the table
        referent = _referent(passage, index, text, preceding) or passage.table_intros.get(index, "")
        if referent:  # "She has refused…": the question's words naming her count as held
            named = content_words(referent) & q_words
            hit += sum(weigh(w) for w in named - found)
            found |= named
        weight = CONTEXT_WEIGHT
        for back in (1, 2):  # the sentences just before carry context ("In that document, ...")
            if index - back < 0:
                break
            before = content_words(sentence_text(passage, index - back)) & q_words
            hit += weight * sum(weigh(w) for w in before - found)
            found |= before
            weight *= CONTEXT_WEIGHT
        score = COS_WEIGHT * float(cos) + (1 - COS_WEIGHT) * hit / q_total
        if expect is not Expect.anything:
            score += TYPE_BONUS if offers(expect, text, question) else -TYPE_BONUS
        if focus:  # "... about NATO?": the sentence itself must be about NATO
            score += TYPE_BONUS if focus & own else -TYPE_BONUS
        if any(name & found for name in asked_people) and view_topic <= found:
            # "What is Medeiros's take…": what he says, whatever its words
            score += TYPE_BONUS * (2 if SAYS.search(text) else 1)
        scored.append(
            ScoredSentence(
                passage,
                index,
                passage.sentences[index],
                text,
                max(0.0, min(1.0, score)),
                referent,
                float(cos),
            )
        )
    scored.sort(key=lambda s: -s.score)
    return scored


def _referent(
    passage: Passage, index: int, text: str, preceding: Callable[[str, int], str] | None = None
) -> str:
    """For a sentence whose subject is "he" or "she", the people the nearest sentence before it
    (within REFERENT_REACH, in the passage, then in the text before the passage) names, as one
    string; else ""."""
    pronoun = _PERSONAL.match(text)
    if not pronoun:
        return ""
    other_title = "mr." if pronoun.group(1).lower() == "she" else "ms."
    before = [sentence_text(passage, back) for back in range(index - 1, -1, -1)]
    if len(before) < REFERENT_REACH and preceding is not None:
        earlier = _SENTENCE_END.split(preceding(passage.source, passage.start))
        before += [s for s in dict.fromkeys(reversed(earlier)) if s.strip() not in passage.text]
    for sentence in before[:REFERENT_REACH]:
        found = [p for p in persons(sentence) if not p.startswith(other_title)]
        if found:  # with the role set beside a name ("Hua Chunying, a Foreign Ministry
            # spokeswoman,"): "Has the ministry's spokeswoman…?" asks of her too
            roles = (_role_beside(p.split()[-1], " ".join(reversed(before))) for p in found)
            return " ".join([*found, *filter(None, roles)])
    return ""


def _role_beside(surname: str, text: str) -> str:
    """The role a text sets beside the full name holding `surname` ("Hua Chunying, a Foreign
    Ministry spokeswoman,"), or ""."""
    name = re.escape(surname.title())
    pattern = rf"\b[A-Z][\w’'-]*\s+{name}\b|\b{name}\s+[A-Z][\w’'-]*\b"
    for name in re.finditer(pattern, text):
        role = _APPOSITION.match(text, name.end())
        if role:
            return role.group(1)
    return ""


# ", a Foreign Ministry spokeswoman,": a role set beside a name.
_APPOSITION = re.compile(r",\s+((?:a|an|the)\s+[^,;.]{3,60}?)[,;]")


_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[“A-Z])")
