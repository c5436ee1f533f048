"""A why-question on the grounds of a belief, and the sentence that states the belief as the
conclusion of the ones before it."""

from __future__ import annotations

import re

from rag.cues import REASON

# "Why did some officials think Xi could sway Putin?" asks the grounds of a belief; a story gives
# them first and the belief after, as their conclusion: "China is Russia's most powerful
# partner… If any leader could make Mr. Putin think twice, it was Mr. Xi, went the thinking of
# some U.S. officials."
ASKS_BELIEF = re.compile(
    r"\b(?:think|thought|believe|believed|see|saw|consider|considered|expect|expected|feel|felt|"
    r"view|viewed|regard|regarded|figure|figured|assume|assumed|suspect|suspected)\b",
    re.IGNORECASE,
)
STATES_BELIEF = re.compile(
    r"\bwent\s+the\s+(?:thinking|reasoning|logic|theory|argument|calculation)\b|"
    r"\bthe\s+(?:thinking|view|belief|reasoning|calculation)\s+(?:of|among)\b|"
    r"\b(?:officials|they|he|she|some|many|others)\s+(?:thought|believed|reasoned|figured)\b",
    re.IGNORECASE,
)


def concludes_belief(question: str, text: str) -> bool:
    """True when a why-question asks the grounds of a belief and the sentence states that
    belief with no reason of its own: its grounds are the sentence before it."""
    if REASON.search(text):
        return False
    return bool(ASKS_BELIEF.search(question) and STATES_BELIEF.search(text))
