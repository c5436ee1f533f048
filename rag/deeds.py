"""Whether a sentence says what was done, or only what would, could or might be.

"Which sanctions did the U.S. actually impose?" is not answered by "…would impose tough
sanctions in the event of an invasion": a plan, threat or chance is not a deed.
"""

from __future__ import annotations

import re

from rag.opposites import same_acts
from rag.questions import content_words

# "Which sanctions did the U.S. actually impose?" against "…would impose tough sanctions… in the
# event of an invasion": a sentence saying what would (could, might) be does not say what was.
_ASKS_WHAT_WAS = re.compile(r"\b(?:actually|really|in\s+fact|end(?:ed)?\s+up)\s+(\w+)", re.I)
_MODAL_BEFORE = re.compile(
    r"\b(?:would|could|might|may|will|can)\s+(?:\w+\s+)?$|"  # "…said it would end up…"
    # the question's own auxiliary: "Why would sanctions on Russia end up hurting China?"
    r"(?:^\W*|\b(?:why|how|what|who|when|where|which)\s+)(?:would|could|might|will)\b",
    re.I,
)
_COPULA_ASKED = re.compile(r"\W*(?:is|are|was|were)\b", re.I)
_MODAL_VERB = re.compile(  # "would also hurt", "could not soon impose"
    r"\b(?:would|could|might|may|will)\s+(?:(?:not|also|still|even|never|only|soon|\w+ly)\s+)*\w+",
    re.I,
)


def only_possible(question: str, sentence: str) -> bool:
    """True when the question asks what was actually done ("did they actually impose…") and
    the sentence has that verb only after "would/could/might…" (a plan, threat or chance), or
    not at all: it does not say what was done."""
    asked = _ASKS_WHAT_WAS.search(question)
    if asked and _COPULA_ASKED.match(question) and not asked.group(1).endswith(("ed", "en")):
        return False  # "Is x < y > z actually valid?": a quality, not a deed
    if asked and _MODAL_BEFORE.search(question[: asked.start()]):
        return False  # "…said sanctions would end up costing China?": asks of a prediction
    verb = content_words(asked.group(1)) - _LIGHT_VERBS if asked else frozenset()
    held = same_acts(content_words(_MODAL_VERB.sub(" ", sentence)))  # "actually run": "executed"
    if not verb or verb & held:
        return False
    # without would/could, a sentence holding most of what else is asked states what was done in
    # words of its own ("had flown to Moscow" for "did he actually travel to Moscow…")
    rest = content_words(question[: asked.start()] + question[asked.end() :]) - _LIGHT_VERBS
    # "What does the compiler actually rename it to?" asks of a rule, which "will be
    # transformed" states; "Did they actually impose…?" is not answered by "will impose"
    past = bool(_ASKS_PAST.search(question))
    modal = _MODAL_VERB if past else _MAYBE_VERB
    # of a rule ("which method is Python really running?"), "really" only stresses: a sentence
    # stating the rule without a modal answers it, in words of its own
    return bool(modal.search(sentence)) or (past and 2 * len(rest & held) < len(rest))


_ASKS_PAST = re.compile(r"\b(?:did|was|were|had|has|have)\b", re.I)
_MAYBE_VERB = re.compile(  # the modals that leave a deed undone, whatever the tense
    r"\b(?:would|could|might|may)\s+(?:(?:not|also|still|even|never|only|soon|\w+ly)\s+)*\w+",
    re.I,
)


# "What does id(x) actually give you?": verbs that carry no deed of their own.
_LIGHT_VERBS = content_words("give gives get gets got make makes take takes go goes happen mean")
