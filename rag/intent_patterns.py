"""The patterns that tell a question about a whole document (its gist, headline, date,
dateline, author, publisher, people) from a question about its content. Nothing in them names a
word of any one document."""

from __future__ import annotations

import re
from enum import StrEnum

from rag.clauses import without_condition


class Intent(StrEnum):
    """What a question asks of the document as a whole; `lookup` = of its content."""

    gist = "gist"
    title = "title"
    date = "date"
    dateline = "dateline"
    byline = "byline"
    publisher = "publisher"
    people = "people"
    lookup = "lookup"


# The document itself, as people name it in a question.
_DOC = (
    r"(?:this|that|the|your|these|those)\s+(?:[\w-]+\s+)?"
    r"(?:article|story|piece|text|document|doc|report|item|source|file|page|post|write-?up|"
    r"guide|manual|handbook|book|chapter|memo|letter|note|notes|transcript|review|brief|"
    r"coverage|reporting|news|material|passage|content|essay|paper|documents|articles|sources|"
    r"docs|documentation|reference|ref|spec|specification)"
)
_IT, DOCUMENT = rf"(?:it|this|that|{_DOC})", _DOC
# "…named in the piece?", "…mentioned in this story": words about the document, not its topic.
_ABOUT_DOCUMENT = re.compile(
    rf"\b(?:(?:in|by|from|of|per|according\s+to)\s+)?{_DOC}\b|"
    r"\b(?:named|mentioned|cited|quoted|referred\s+to|listed|discussed|featured)\b",
    re.IGNORECASE,
)


def without_document_words(question: str) -> str:
    """The question without its words about the document itself ("named in the piece")."""
    return _ABOUT_DOCUMENT.sub(" ", question)


_IS = r"(?:\s+is|\s+was|'s|’s|s)"
# "When was it printed?", "do you know when it came out?"; not a clause of another question
# ("how does a type look when it's printed?").
_WHEN_ASKED = (
    r"(?:^\W*(?:(?:and|so|but|ok|okay)\W+)?when|\bwhen(?=\s+(?:is|was|were|did|does|do|has|"
    r"had|will|would)\b)|\b(?:know|tell\s+me|say|says|idea|wonder(?:ing)?|sure|remind\s+me)\s+when)"
)

_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        Intent.publisher,
        re.compile(
            r"\b(?:which|what)\s+(?:news\s*paper|paper|outlet|publication|magazine|web\s*site|"
            r"site|media\s+outlet|news\s+(?:outlet|organi[sz]ation|agency|site|source))\b"
            r"(?!\s+(?:did|does|do|is|are|was|were)\b)|"
            rf"\bpublisher\b|\bwho\s+(?:published|publishes|printed|ran)\s+{_IT}\b|"
            rf"\b(?:what|which)\s+(?:publication|outlet|paper|newspaper)\s+is\s+{_IT}\s+from\b",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.byline,
        re.compile(
            rf"\b(?:who\s+(?:wrote|writes|authored|penned|reported|filed)\s+(?:{_IT}\b|up\b|\W*$)|"
            rf"\bauthor(?:s|ship)?\b(?!\s+of\s+(?!{_IT}))|\bby-?line\b|\bwritten\s+by\b|"
            rf"\bwho(?:'s| is| was)\s+the\s+"
            rf"(?:writer|reporter|journalist|correspondent)\b|"
            rf"\b(?:writer|reporter|journalist|correspondent)s?\s+(?:of|behind|for)\s+{_IT})",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.date,
        re.compile(
            rf"(?:{_WHEN_ASKED}|\b(?:what|which)\s+(?:date|day|year|month|time))\b.*\b(?:{_IT})\b.*"
            rf"\b(?:published|written|dated|released|posted|issued|printed|run|ran|come\s+out|"
            rf"came\s+out|appear|appeared|filed|from|put\s+out|go\s+(?:up|live|out))\b|"
            rf"\b(?:publication|publishing|release|posting|issue)\s+date\b|"
            rf"\bdate\s+(?:of|on)\s+(?:{_DOC})\b|\b(?:{_DOC})(?:'s|’s)\s+date\b|"
            rf"\bhow\s+(?:old|recent|new)\s+is\s+{_IT}\b|"
            rf"\b(?:is|was)\s+{_IT}\s+(?:recent|new|current|old|outdated|up[\s-]to[\s-]date)\b|"
            rf"\b(?:what|which)\s+(?:date|day|year)\b[^?]*\b{_DOC}|\bwhen\s+(?:is|was)\s+{_DOC}\s+from\b|"
            rf"\bwhat\s+(?:date|day)\s+is\s+{_IT}\b",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.dateline,
        re.compile(
            rf"\bdate-?line\b|\bwhere\b.*\b(?:{_IT})\b.*\b(?:reported|filed|written|datelined|"
            rf"published|based|dated)\b|\b(?:reported|filed|written)\s+from\s+where\b|"
            rf"\b(?:which|what)\s+(?:city|place|location)\b.*\b(?:{_IT})\b.*\b(?:from|filed|"
            rf"reported|datelined)\b|\bwhere\s+(?:is|was)\s+{_DOC}\s+from\b|"
            rf"\bwhere\s+(?:is|was|were)\s+(?:the\s+)?(?:reporter|writer|journalist|"
            rf"correspondent|author)s?\s+(?:based|located|writing|reporting|filing)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.title,
        re.compile(
            rf"\bhead-?line\b|\bsub-?(?:head(?:line|ing)?|title)s?\b|\bstandfirst\b|\b(?:the|its|a)\s+title\b(?!\s+(?:of|for)\s+(?!{_IT}))|"
            rf"\btitled?\b.*\b{_IT}\b|\bwhat{_IS}\s+{_IT}\s+(?:called|titled|named)\b|"
            rf"\bwhat\s+(?:is|was)\s+the\s+name\s+of\s+{_DOC}\b",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.people,
        re.compile(
            rf"^\W*who\s+(?:is|are|was|were|gets?|got)\s+(?:quoted|mentioned|named|cited|"
            rf"featured|interviewed)(?:\s+(?:in|by)\s+{_DOC})?\W*$|"
            rf"^\W*(?:which|what)\s+(?:people|persons|individuals|officials|figures|names|"
            rf"leaders|diplomats|personalities)\s+(?:(?:are|were|is|does|do|did)\s+)?"
            rf"(?:\w+\s+){{0,2}}(?:mentioned|named|quoted|cited|featured|name|mention|quote|cite|"
            rf"feature|appear|involved)(?:\s+(?:in|by)\s+{_DOC})?\W*$|"
            rf"\b(?:main|key|principal|central)\s+(?:people|players|figures|characters|actors|"
            rf"personalities|officials|persons)\b(?!\s+(?:in|of|at|on)\s+(?!{_IT}))|"
            rf"^\W*who(?:'s|\s+is|\s+are)\s+(?:in|involved\s+in)\s+{_DOC}\W*$|"
            rf"^\W*(?:name|list)\s+(?:the|all\s+the|all)\s+(?:people|officials|persons|"
            rf"individuals)(?:\s+(?:in|named\s+in|mentioned\s+in)\s+{_DOC})?\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        Intent.gist,
        re.compile(
            rf"\bsummar(?:y|ies|i[sz]e|i[sz]ing|i[sz]ation)\b(?!\s+of\s+(?!{_IT}))|\bgist\b|"
            rf"\btl\W?;?\W?dr\b|"
            rf"\bwhat\s+happened\b.*\b(?:according\s+to|in)\s+{_DOC}|"
            rf"\bin\s+a\s+nutshell\b|\brecap\b|\boverview\b|\bsynopsis\b|\bin\s+brief\b|"
            rf"\bbrief\s+(?:summary|overview|version|rundown|account)\b|"
            rf"\bmain\s+(?:point|points|idea|ideas|takeaway|takeaways|message|argument|story|"
            rf"thrust|topic|theme|finding|news)\b|"
            rf"\bkey\s+(?:point|points|takeaway|takeaways|findings|messages|facts)\b|"
            rf"\btakeaways?\b|\bbottom\s+line\b|\bwhat{_IS}\s+{_IT}\s+(?:all\s+)?about\b|"
            rf"\bwhat{_IS}\s+the\s+(?:story|news|deal|point)\b\s*\??\s*$|"
            rf"\bwhat\s+does\s+{_DOC}\s+(?:say|report|tell|cover|describe|discuss)\b\s*\??\s*$|"
            rf"\bwhat\s+(?:is|are)\s+{_DOC}\s+(?:about|on)\b|"
            rf"\bwhat\s+(?:happened|happens)\s+in\s+{_DOC}\b|\bsum\s+(?:it|this|that)\s+up\b|"
            rf"\bwhat\s+(?:topic|subject|topics|subjects)\b.*\b(?:{_IT})\b|"
            rf"\b(?:tell|give)\s+me\s+(?:about\s+{_IT}|the\s+(?:rundown|short\s+version|"
            rf"highlights|essentials))\b|\bwhat\s+(?:is|'s)\s+going\s+on\s+in\s+{_DOC}\b",
            re.IGNORECASE,
        ),
    ),
]

# "... about NATO?": a question about one subject is a look-up, not a whole-document question.
ABOUT_SUBJECT = re.compile(
    r"\b(?:about|regarding|concerning|on)\s+(?!(?:it|this|that|here|there|in|at|to|with|basically|"
    r"really|actually|exactly|overall|generally|briefly|quickly|simply|anyway|"
    r"the\s+(?:article|story|piece|text|document|report))\b)(?:the\s+)?[A-Za-z]",
    re.IGNORECASE,
)

# "…about the whole story", "…about it": the document, whatever else the question names.
_WHOLE = re.compile(rf"\babout\s+{_IT}\b|\b(?:whole|entire)\b", re.IGNORECASE)
# A summary someone else wrote, named by who wrote it: "the State Department summary".
_NAMED_SUMMARY = re.compile(r"(?<!^)\b(?:[A-Z][\w.’'-]*\s+)+summar(?:y|ies)\b")


def by_pattern(question: str) -> Intent | None:
    """The intent a pattern names, if one does."""
    text = " ".join(without_condition(question).split())  # not "When it leaves a block that…,"
    for intent, pattern in _PATTERNS:
        if found := pattern.search(text):
            asked = text[text.rfind(",", 0, found.start()) + 1 :]  # not "…on my phone, sum it up"
            if intent is Intent.gist and ABOUT_SUBJECT.search(asked) and not _WHOLE.search(text):
                continue  # "the main point about NATO" asks about NATO
            if intent is Intent.gist and _NAMED_SUMMARY.search(text):
                continue  # "the State Department summary" is a document the text quotes
            return intent
    return None
