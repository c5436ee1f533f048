"""What a sentence offers a why or how question: a reason, a means or manner, a reaction.

A why is answered by the sentence that carries the reason for the asked event ("in hopes that",
"because", "so that"), or by the one just after it ("This is because…"); a how by a means, an
instruction ("To X, add Y"), or for "how did they respond" a reaction ("rebuffed"). These are
cue words of general English, weighed against the question's own words by rag/selection.py.
"""

from __future__ import annotations

import re

from rag.clauses import split_carried
from rag.forms import Form
from rag.questions import content_words

# The verbs of an instruction: "To create a complex number…, add a float to it."
_INSTRUCTION = (
    "use|add|call|pass|write|set|define|put|specify|give|prefix|wrap|import|create|make|run|"
    "type|append|insert|declare|assign|raise|return"
)
# Words that carry a reason or purpose.
REASON = re.compile(
    r"\b(?:in\s+hopes?\s+(?:that|of)|hop(?:e|ed|ing)\s+(?:that|to)|because|so\s+that|"
    # "since" opening a clause is a reason; "…at any time since the Cold War" is a time
    r"(?:^|(?<=[,;:—(]\s)|(?<=[,;:—(])|(?<=\bbut\s)|(?<=\band\s))since|"
    r"since(?=\s+(?:it|they|he|she|we|you|there|(?:\w+\s+){1,3}(?:is|are|was|were|can)\s+not)\b)|"
    r"in\s+order\s+to|so\s+as\s+to|aim(?:ed|ing|s)?\s+(?:to|at)|sought\s+to|seek(?:ing|s)?\s+to|"
    r"tr(?:y|ied|ying)\s+to\s+(?:persuade|convince|get|stop|prevent|deter)|to\s+persuade|"
    r"to\s+convince|to\s+prevent|to\s+deter|to\s+stop|to\s+avoid|to\s+ensure|to\s+help|"
    r"purpose|reason|goal|intend(?:ed|s)?\s+to|intention|meant\s+to|designed\s+to|"
    r"due\s+to|owing\s+to|as\s+a\s+result|for\s+fear|fear(?:ed|ing|s)?\s+(?:that|of)|"
    r"concern(?:ed)?\s+(?:that|about)|worr(?:y|ied|ies)\s+(?:that|about)|"
    r"motivat\w+|in\s+an\s+(?:effort|attempt)\s+to|so\s+(?:it|they|he|she|we)\s+(?:can|could)|"
    r"to\s+(?:make|keep|show|win|gain|protect|defend|build|isolate|weaken|pressure)|"
    # (not "it is used for both": what it applies to, no purpose)
    r"(?:is|are|was|were)\s+used\s+(?:to|for)(?!\s+(?:both|either|each|all|the\s+same)\b)|useful\s+(?:as|for|when)|needed\s+(?:to|for|when)|"
    # a wish the act serves: "if the method wishes to suppress the exception, it should…"
    r"wish(?:es|ed|ing)?\s+to|want(?:s|ed|ing)?\s+to|can\s+be\s+used\s+to|"
    r"allow(?:s|ed)?\s+\w+\s+to|lets?\s+\w+|"
    # the grounds of a decision: "officials decided that the buildup presented the problem…"
    r"(?:decided|concluded|judged|reasoned|determined)\s+that|"
    # a judgment that moved someone: "thought it was important to leave no stone unturned"
    r"(?:thought|believed|felt|judged)\s+(?:that\s+)?it\s+(?:was|would\s+be)\s+(?:important|"
    r"necessary|essential|worth|wise|best|better|crucial|vital)|"
    # a gain sought: "for economy of space", "for backward compatibility", "for the sake of…"
    r"for\s+(?:the\s+sake\s+of|reasons?\s+of|(?:\w+\s+)?(?:economy|efficiency|performance|"
    r"speed|simplicity|clarity|convenience|consistency|compatibility|safety|security|"
    r"readability|symmetry|portability))|"
    # a purpose leading its sentence: "To remind users that it operates by side effect, it…"
    rf"^\W*to\s+(?!(?:{_INSTRUCTION}|get|do|be|the|a|an|his|her|its|their|our|my|your|this|"
    r"that|these|those|some|many|date|me|him|them|us|say|sum)\b)[a-z]+\b(?=[^.;]{0,120},\s+"
    r"(?:it|they|he|she|we|you|this|the|a|an|[a-z]+\s+(?:is|are|was|were|does|do|did|must|"
    r"should|can|will|would)\b)))\b",
    re.IGNORECASE,
)
# Words that carry a means or manner ("by presenting", "through diplomacy").
MEANS = re.compile(
    r"\b(?:by\s+\w+ing|through(?!\s+(?:[\"“]\w[\"”]|\d))|using|via|with\s+the\s+help|by\s+means|as\s+if|"
    # a criterion: "The except clause is selected depending on the class of the instance"
    r"depending\s+on|depends\s+on|based\s+on|"
    # the agent or instrument of a passive: "An object's type is accessed by the built-in…"
    r"(?:is|are|be|been)\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+by\s+(?:the|a|an|its|calling)\b|"
    r"in\s+the\s+same\s+way|(?:is|are)\s+equivalent\s+to|"
    # a provision for it: "…have optional arguments to override the namespace"
    r"(?:has|have|provides?|offers?|accepts?|takes?)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?:arguments?|parameters?|options?|flags?|settings?|hooks?)\s+to\s+\w+|"
    # a channel: "both in the embassy and on the phone", "by video call", "in person"
    r"on\s+the\s+(?:phone|telephone)|by\s+(?:tele)?phone|by\s+(?:video|e-?mail|letter)|"
    r"in\s+person|face[\s-]to[\s-]face|on\s+(?:state\s+|national\s+)?(?:television|tv|radio)|"
    r"in\s+a\s+(?:televised\s+|video\s+|radio\s+|written\s+)?(?:speech|address|broadcast|"
    r"statement|letter|interview|post)|on\s+social\s+media|in\s+writing)\b|"
    # an instruction: "To create a complex number with a real part, add a float to it.", "If
    # dynamic assignment is desired, then add '__dict__'…"
    rf"^\W*to\s+\w+[^.;]{{0,100}}?,\s+(?:{_INSTRUCTION})\b|"
    rf"^\W*if\s[^.;]{{0,100}}?\b(?:desired|wanted|needed|required),?\s+(?:then\s+)?(?:{_INSTRUCTION})\b|"
    # a way found: "A workaround for strings with double semicolons is to use…"
    r"\b(?:workaround|way|solution|remedy|trick)\b[^.;]{0,80}?\b(?:is|are)\s+to\s+\w+",
    re.IGNORECASE,
)
# Words of a procedure or condition: a sentence with them may tell how, without saying so.
STEPS = re.compile(
    r"\b(?:in\s+which|(?:is|are|was|were)\s+(?:done|made|written|evaluated|executed|raised|used)|"
    r"first|then|if|until|each\s+time|repeatedly)\b",
    re.IGNORECASE,
)
# "What reason did they give for…", "Why did they refuse…": the reason someone stated, which a
# refusal's "…, saying/arguing…" gives.
ASKS_GIVEN_REASON = re.compile(
    r"\b(?:reasons?|justifications?|explanations?|excuses?|grounds)\s+(?:did|does|do|has|have|had)\b"
    r".*\b(?:give|offer|cite|provide|state)|"
    r"\bwhy\b.*\b(?:refus|reject|rebuff|dismiss|den(?:y|ied)|brush|declin|turn\w*\s+(?:\w+\s+){0,3}down)|"
    # "Why didn't he believe them?", and "Why not?" after "Did he accept it?": a refusal too
    r"\bwhy\s+(?:(?:did|does|do|would|could|was|were)\s*n[o']?t\b|not\b).*\b(?:accept|believ|"
    r"trust|buy|bought|agree|heed|listen|convinc|persuad)",
    re.IGNORECASE,
)
GIVES_REASON = re.compile(
    r",\s+(?:saying|arguing|insisting|explaining|claiming)\b|"
    r"\band\s+(?:said|argued|insisted|explained|claimed)\b",  # "…skepticism and said Russia had…"
    re.I,
)
# "How did X respond (react, reply) to Y?" asks for a reaction, not a means.
ASKS_REACTION = re.compile(  # the asking clause's own verb ("…signal that what it received…")
    r"\bhow\s+(?:did|do|does|was|were|is|are|has|have|had|will|would)\s+(?:\S+\s+){0,4}?"
    r"(?:respond|react|repl(?:y|ied)|answer|receiv|take|took|greet)",
    re.IGNORECASE,
)
# "How does X describe (see, portray) Y?" asks for X's words, not a means.
ASKS_DESCRIPTION = re.compile(
    r"\bhow\b.*\b(?:describ|characteri[sz]|portray|depict|see|saw|view|regard|judg|assess)",
    re.IGNORECASE,
)
# "How did they find out (learn, know) that…?" asks how it came to be known: its source.
ASKS_SOURCE = re.compile(
    r"\bhow\s+(?:did|had|do|does|could|would)\b.*\b(?:f(?:i|ou)nd\s+out|learn\w*|kn[eo]w|"
    r"discover\w*|reali[sz]\w*|hear|heard|detect\w*|notice\w*|spot\w*|get\s+wind|"
    r"become\s+aware|bec[oa]me\s+aware)\b",
    re.IGNORECASE,
)
# Words that give a source of knowledge: "got intelligence showing…", "according to reports".
SOURCE = re.compile(
    r"\b(?:intelligence|evidence|reports?|reported|show(?:ed|ing|s|n)|reveal\w*|according\s+to|"
    r"intercept\w*|tipped|informed|briefed|detected|discovered|learned|learnt|found\s+out|"
    r"sources?|documents?|records?)\b",
    re.IGNORECASE,
)
SAYS = re.compile(r"[“\"]|\b(?:said|says|told|tells|argued|argues|wrote|writes|called)\b")
# "Did it work?", "How did that turn out?", "What came of it?": the outcome of an effort, which a
# sentence of success or failure gives ("But the diplomatic efforts failed", "went nowhere").
ASKS_OUTCOME = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:did|does|has|have|had|was|were|is)\b.*\b(?:work|succeed|"
    r"success\w*|pa(?:y|id)\s+off|fail|effective|fruitful|in\s+vain)\b|"
    r"\bhow\s+did\b.*\b(?:turn\s+out|end(?:\s+up)?|go|pan\s+out|play\s+out|work\s+out)\W*$|"
    r"\bwhat\s+(?:came|become)\s+of\b|\b(?:outcome|result)\s+of\b",
    re.IGNORECASE,
)


def asks_outcome(question: str) -> bool:
    """True for "Did it work?", "How did that turn out?" (of the question itself, not of the
    earlier one a follow-up carries in brackets)."""
    return bool(ASKS_OUTCOME.search(split_carried(question)[0]))


# Of those, the words of a failure: "Did it work?" is answered No by them.
_FAILED = (
    r"fail(?:ed|s|ure)?|unsuccessful|went\s+nowhere|fell\s+(?:flat|through|short)|collapsed|"
    r"backfired|to\s+no\s+avail|in\s+vain|came\s+to\s+nothing|fruitless"
)
FAILURE = re.compile(rf"\b(?:{_FAILED})\b", re.IGNORECASE)
OUTCOME = re.compile(
    rf"\b(?:{_FAILED}|succeed(?:ed|s)?|success(?:ful)?|worked|paid\s+off|bore\s+fruit)\b",
    re.IGNORECASE,
)
# Words that carry a reaction: a refusal, a rebuttal, a doubt, an agreement.
REACTION = re.compile(
    r"\b(?:rebuff|reject|dismiss|refus|declin|respond|react|repl(?:y|ied)|retort|counter|"
    r"insist|den(?:y|ied)|accus|blam|welcom|prais|critici|condemn|skeptic|sceptic|suspicio|"
    r"agree|ignor|brush|rebutt|protest|object)\w*",
    re.IGNORECASE,
)


# A sentence that gives the reason for the one before it: "This is for disambiguation with…",
# "A motivation for this default behavior is…", "This behavior is compliant with IEEE 754."
EXPLAINS_BEFORE = re.compile(
    r"^\W*(?:(?:this|that|it)(?:\s+\w+)?\s+(?:is|was)\s+(?:(?:partly|mainly|largely|done|so)\s+)?"
    r"(?:because|for|so|to|due|in\s+order|why|needed|necessary|required|compliant|consistent|"
    r"intended|meant|designed)\b|"
    r"(?:the|a|one|another)\s+(?:\w+\s+)?(?:motivation|reason|rationale|purpose|justification)"
    r"\s+(?:for|behind|of)\s+(?:this|that|these|it)\b)",
    re.IGNORECASE,
)
# "How do I avoid…?", "What's the workaround for…?": a remedy for a problem, which a document
# often gives right after the problem ("…will be shared by all calls…. A way around this is to
# use None as the default…").
ASKS_REMEDY = re.compile(
    r"\bhow\s+(?:do|can|should|could|would|might)\s+(?:i|you|we|one)\s+(?:avoid|prevent|fix|"
    r"stop|solve|(?:get|work)\s+around)\b|\b(?:fix|workaround|solution|remedy|way\s+around)\s+"
    r"(?:for|to)\b|"
    # "How should I write it so that its default list isn't shared?": an outcome to avoid
    r"\bhow\s+(?:do|can|should|could|would|might)\s+(?:i|you|we|one)\s[^?]{0,80}?\bso\s+"
    r"(?:that\s+)?[^?]{0,60}?\b(?:not|never|\w+n['’]t)\b",
    re.IGNORECASE,
)
REMEDIES_BEFORE = re.compile(
    r"^\W*(?:(?:a|one|the|another)\s+(?:\w+\s+)?(?:way|workaround|solution|remedy|fix)\s+"
    r"(?:around|to|for)\s+(?:this|that|it)\b|to\s+(?:avoid|prevent|fix)\s+(?:this|that|it)\b)",
    re.IGNORECASE,
)
# A sentence whose reason is the one before it: "Hence, …", "For this reason, …".
FOLLOWS_FROM_BEFORE = re.compile(
    r"^\W*(?:hence|therefore|thus|consequently|as\s+a\s+(?:result|consequence)|"
    r"for\s+(?:this|that|these)\s+reasons?|that\s+is\s+why|this\s+is\s+why)\b",
    re.IGNORECASE,
)


# "Why shouldn't I rely on…?", "why is it a bad idea to…?", "why avoid…?": a caution is asked.
_ASKS_WHY_NOT = re.compile(
    r"\bwhy\s+(?:(?:should|must|would|can)(?:n['’]t|\s+not)|not|avoid|is\s+it\s+(?:a\s+)?"
    r"(?:bad|unwise|risky|dangerous|wrong))\b",
    re.IGNORECASE,
)
# A caution: "is not part of the API", "may change without warning", "is not guaranteed".
CAUTION = re.compile(
    r"\b(?:not\s+part\s+of|may\s+change|subject\s+to\s+change|without\s+warning|"
    r"should\s+not\s+be\s+relied|not\s+(?:be\s+)?guaranteed|no\s+guarantee|implementation\s+detail|"
    r"unpredictable|undefined\s+behaviou?r)\b",
    re.IGNORECASE,
)
_ASKS_EFFECT = re.compile(
    r"\W*how\s+(?:do|does|did|will|would|can|could)\s.*?\b(?:affect|impact)", re.I
)


def form_strength(form: Form, text: str, question: str = "") -> int:
    """1 when the text has what the form asks for (a reason for why, a means or manner for
    how, a reaction for "how did they respond"), 0 when it may (steps or a condition, for how),
    -1 when it has not."""
    if form is Form.why and ASKS_GIVEN_REASON.search(question) and GIVES_REASON.search(text):
        return 1  # "What reason did they give for refusing?": "…rebuffed them, saying…"
    if form is Form.why and _ASKS_WHY_NOT.search(question) and CAUTION.search(text):
        return 1  # "Why shouldn't code rely on the messages?": "…are not part of the API"
    if form is Form.how and _ASKS_EFFECT.match(question):
        return 0  # "How do type hints affect a call?": an effect, told in any words
    if form is Form.how and asks_outcome(question):
        return 1 if OUTCOME.search(text) else -1  # "How did that turn out?": "…failed"
    if form is Form.how and ASKS_REACTION.search(question):
        return 1 if REACTION.search(text) else -1
    if form is Form.how and ASKS_SOURCE.search(question):
        return 1 if SOURCE.search(text) else -1  # "How did they find out?": "got intelligence…"
    if form is Form.how and ASKS_DESCRIPTION.search(question):
        return 1 if SAYS.search(text) else 0  # "How does Medeiros describe…": his words
    if form is Form.how and not (MEANS.search(text) or REASON.search(text)):
        if question and done_for(text, question):
            return 1  # "How did he put it to them?": "had flown to Moscow to confront them…"
        return 0 if STEPS.search(text) else -1
    return 1 if offers_form(form, text) else -1


def reason_anchored(text: str, asked: frozenset[str] | set[str]) -> bool:
    """The reason the text gives is for something the question asks about: outside the reason's
    own clause the text holds one of the `asked` words ("Americans presented officials with
    intelligence on the troop buildup in hopes that…", asked of "showing them the intel on the
    troops"), not only the reason ("It would be in China's interests to persuade Mr. Putin…")."""
    match = REASON.search(text)
    if match is None:
        return True
    end = re.compile(r"[,;:—]|$").search(text, match.end())
    outside = text[: match.start()] + " " + text[end.start() if end else len(text) :]
    return bool(asked & content_words(outside))


# A purpose infinitive after an action: "had flown to Moscow on Nov. 2 to confront the Russians
# with the same information".
# "to" and a verb ("flown to Moscow to confront them"), not a noun ("assigned to the target")
_PURPOSE_TO = re.compile(
    r"\bto\s+(?!(?:be|the|a|an|its|his|her|their|this|that|these|those|it|them)\b)([a-z]+\b[^;:,]{0,80})"
)
_DONE = re.compile(
    r"\b[a-z]+ed\b|\b(?:flown|flew|driven|drove|gone|went|sent|brought|taken|took|given|gave|"
    r"made|met|came|ran|held|spoke|spoken|told|wrote|written)\b"
)


def done_for(text: str, question: str) -> bool:
    """The text tells an action done for what a "how" asks about: its purpose clause holds two of
    the question's words ("…had flown to Moscow to confront the Russians with the information",
    asked how he got the information in front of the Russians): the action is the means."""
    asked = content_words(question)
    return any(
        len(content_words(m.group(1)) & asked) >= 2 and _DONE.search(text, 0, m.start())
        for m in _PURPOSE_TO.finditer(text)
    )


def offers_form(form: Form, text: str) -> bool:
    """True when the text has what the form asks for (a reason for why, a means for how)."""
    match form:
        case Form.why:
            return bool(REASON.search(text))
        case Form.how:
            return bool(MEANS.search(text) or REASON.search(text) or STEPS.search(text))
        case _:
            return True


# "What is the ellipsis for?", "What is X used for?", "What's the purpose of X?": a use is asked.
ASKS_PURPOSE = re.compile(
    r"\b(?:for|used\s+for|good\s+for)\s*[?.!]*\s*$|\b(?:purpose|point|use)\s+of\b", re.I
)
# Words that give a thing's use: "commonly used by slicing", "intended to be used for…".
PURPOSE = re.compile(
    r"\b(?:used\s+(?:by|for|to|in|when|with|as)|intended\s+(?:for|to)|meant\s+(?:for|to)|"
    r"serves?\s+(?:to|as)|designed\s+(?:for|to)|in\s+order\s+to|so\s+that|useful\s+(?:for|when)|"
    r"uses\s+(?:of|include)|purpose)\b",
    re.IGNORECASE,
)
