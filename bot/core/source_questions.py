"""Questions about the source itself, read from their wording: its author, outlet, date, headline, the line
under it, its first or last sentence, or all a citation needs ("which paper ran this and what's the
headline?"); and whether "what did X say" asks what the article says ("it", "the piece", the author)."""

from __future__ import annotations

import re
from typing import Literal

SourceQuestion = Literal[
    "author", "outlet", "date", "byline", "headline", "standfirst", "headlines", "first", "last", "cited"
]


# Who a question may mean by "what did X say" when X is the article itself, besides its author.
_THE_ARTICLE = frozenset({"it", "the article", "the piece", "he", "the story", "they"})
_THE_AUTHOR = re.compile(
    r"(the )?(author|writer|journalist|reporter|correspondent|columnist)|kamran( yousaf)?|yousaf",
    re.IGNORECASE,
)


# The article itself, however it is called: "this", "it", "the piece", "this article", "that write-up".
_WRITING = r"(article|piece|story|thing|one|analysis|op-?ed|write-?up|report|column)"
# …also by its outlet or subject: "the express tribune piece on pakistan russia", "that tribune article"
_THE_PIECE = rf"(this|it|that|the)(( [\w'’-]+){{0,2}} {_WRITING}( (on|about) [\w'’-]+( [\w'’-]+){{0,2}}?)?)?"
_SOURCE = {
    "author": re.compile(
        r"\bwho (wrote|writes|write|authored|penned|(has|had) written)\b|\bwritten by\b|\bbyline\b|"
        r"\bwho('s| is| was) (the )?(author|writer|journalist|reporter|correspondent|columnist)\b|"
        r"\b(author|writer|journalist|reporter|correspondent|columnist|kamran|yousaf)('s|s)? "
        r"((actual|real|exact|full|day|current|official) )?(name|job|"
        r"role|"
        r"background|profession|title|position|credentials|work|beat|desk|expertise|speciality|specialty|"
        r"field)\b|"
        # (not "what does the author think the west can actually do")
        r"\bwhat does (the )?(author|writer|kamran yousaf|kamran|yousaf)( \w+)? do\b|"
        # ("is the author like a think tank guy or a journalist?": what he does, of one kind or another)
        r"\b(is|was) (the author|the writer|kamran yousaf|he) (a|an|like an?|some kind of( an?)?|some sort of"
        r"( an?)?) ([\w-]+ ){0,3}((or|and) (a |an )?([\w-]+ ){0,2})?(reporter|columnist|journalist|"
        r"correspondent|writer|specialist|expert|analyst|academic|professor|scholar|researcher|blogger|"
        r"pundit|commentator|editor)\b|"
        r"\babout the (author|writer)\b|\bwho('s|s| is| was) (kamran|yousaf|mr\.? yousaf)\b|"
        r"^\W*(the )?(author|writer|byline)\W*$|"
        r"\bwho the (author|writer) (is|was)\b|"
        # "the writer is Kamran Yousaf, right?" ("the writer na Kamran Yousaf abi?" in Nigerian Pidgin)
        r"\b(author|writer)('s| is| was| na) (\w+ )?(kamran|yousaf)\b|\bis (kamran|yousaf)\b.{0,20}\b(author|"
        r"writer)\b|"
        # "what's his position at that paper?"
        r"\b(his|him) (job|role|position|title|beat|desk) (at|for|in|with) (the|that|this) (paper|newspaper|"
        r"tribune|express tribune|outlet|publication)\b",
        re.IGNORECASE,
    ),
    "outlet": re.compile(
        r"\b(newspaper|outlet|publication|publisher|which paper|what paper|website)\b|"
        # "is this from an actual paper or some random blog"
        r"\b(is )?(this|it) (from|in|by) (an? )?(actual |real |proper |legit )?(paper|blog|magazine|"
        r"news site)\b|"
        r"\bpublished (in|by)\b|"
        rf"\bwhere (and when )?(was|is) {_THE_PIECE} (originally |first )?(published|from)\b|"
        r"\bran (this|the (article|piece|story))\b|"
        # "the link to the article", not "link it to this piece"
        r"\b(link|url)\b(?! (it|this|that|them)\b).{0,40}\b(article|piece|story|tribune)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        rf"\b(when|what year|which year|what month|what day)( and where)? (was|is) {_THE_PIECE} "
        rf"(originally |first )?(published|written|out|from|dated|posted)\b|\b(publication|pub|publish|"
        r"published) date\b|"
        # "when it was published?"
        rf"\bwhen {_THE_PIECE} (was|is|got) (originally |first )?(published|written|posted)\b|"
        # without its article, as English learnt later often has it: "when article was published?", "the
        # article publish on which date?"
        r"\b(publish|published|posted|written|out)\w* (on )?(which|what) (date|day)\b|"
        rf"\bdate (on which|when) {_THE_PIECE} (was |got )?(published|written|posted)\b|"
        # "when did they publish it?", and in Nigerian Pidgin "when dem publish am?"
        r"\bwhen (did |do )?(they|dem|the paper|the tribune) (publish|post|put out|print)\w*\b|"
        rf"\bwhen (was|is) {_WRITING} (originally |first )?(published|written|posted|out)\b|"
        rf"\bwhen {_WRITING} (was|is|got) (originally |first )?(published|written|posted)\b|"
        # (not "the date of the F-16 deal": "the" is the piece's only with what it is called)
        rf"\bdate (of|on) ((this|it)\b(?!\s+\w)|(this|that|the)( [\w'’-]+){{0,2}} {_WRITING}\b)|"
        rf"\bhow old is {_THE_PIECE}\b|\bold news\b|"
        r"\b(article|piece|story)('?s)? (date|publication date|published date)\b|"
        rf"\bwhat date (was|is) {_THE_PIECE}\b|\bwhen did {_THE_PIECE} (come out|get published|run|appear)\b|"
        # "and what day did it run?"
        rf"\b(what|which) (day|date|year|month) did {_THE_PIECE} (come out|get published|run|appear|go up)\b|"
        # "date?" opening a conversation asks the article's; in a thread, the date of what was just said
        r"^\W*(the )?(date|publication date|pub date)( (pls|please|plz))?\W*$",
        re.IGNORECASE,
    ),
    "standfirst": re.compile(
        r"\b(standfirst|subtitle|sub-?title|sub-?head(ing|line)?|sub (heading|headline)|strapline|"
        r"the bit under the (title|headline)"
        # ("whats the headline again || and the line under it?")
        r"|\b(the |a )?(\w+ )?(line|bit|text|sentence) ((right|just|directly) )?(under|below|beneath) (the "
        r"(title|headline)|it|that)\b)",
        re.IGNORECASE,
    ),
    # The article's own headline ("what's the title?"), not the gist of something ("headline on the india
    # deals?") nor a person's title ("name and title?").
    "headline": re.compile(
        # not "the headline-y part", nor "the headline says X, so why…" (what it says is asked about)
        # (not "the line under the title", which is the standfirst)
        r"(?<!under )(?<!below )(?<!beneath )"
        r"\b(the|its|this|that|(article|piece|story|column)('?s)?)\s+((exact|full|actual|original|main|"
        r"whole) )?(headline|title)(?![\w-])"
        r"(?!\s+(on|about|re|for|says?|said|claims?|suggests?|implies)\b)|"
        r"^\W*(headline|title)\W*$|"
        rf"\b(headline|title) (of|on|for) (the|this|that)( [\w'’-]+){{0,2}} {_WRITING}\b|"
        r"^\W*(the )?(headline|title)\W+(verbatim|exact|exactly|word for word|pls|please)\W*$|"
        # "what's the article's name?", "the name of the piece"
        rf"\b(the|this|that) {_WRITING}['’]?s name\b|\bname of (the|this|that) {_WRITING}\b",
        re.IGNORECASE,
    ),
    # "is the kamran yousaf piece the one we're checking against?", "is this the article from the tribune?":
    # which piece it is, as a citation names it
    "cited": re.compile(
        rf"^\W*(\w+\W+)?(is|was) {_THE_PIECE} the (one|same (one|piece|article))\b|"
        r"^\W*(\w+\W+)?(is|was) (this|that|it) the (article|piece|story|column|op-?ed) (by|from|in)\b",
        re.IGNORECASE,
    ),
    "first": re.compile(r"\b(first|opening) (sentence|line|paragraph|words)\b", re.IGNORECASE),
    "last": re.compile(
        r"\b(last|final|closing|concluding) (sentence|line|paragraph|words|bit)\b", re.IGNORECASE
    ),
}


def as_the_article(question: str, speaker: str | None) -> str:
    """A question about what the article's author says, asked of the article: "what did the writer say about
    china" → "what did the article say about china" (the whole article is his; "writer" is no subject)."""
    if speaker is None or not _THE_AUTHOR.fullmatch(speaker.strip()):
        return question
    return question.replace(speaker, "the article", 1)


def is_the_article(speaker: str) -> bool:
    """Whether "what did X say" asks what the article says: "it", "the piece", "the writer", "Kamran Yousaf"
    (no curated speaker is needed)."""
    return " ".join(speaker.lower().split()) in _THE_ARTICLE or bool(_THE_AUTHOR.fullmatch(speaker.strip()))


# The headline told of, not asked for: "saw the headline in my feed", "the headline rather surprised me".
_HEADLINE_TOLD = re.compile(
    r"\b(saw|seen|see|read|noticed|spotted|skimmed|from|in|by) (the|its|this|that) (headline|title)\b|"
    r"\b(the|its|this|that) (headline|title) ((\w+ly|rather|really|kinda|just|totally) )?"
    r"(\w+ed|made|got|caught|threw|sounds|seems|looks|makes|gets)\b",
    re.IGNORECASE,
)


def source_asked(question: str) -> SourceQuestion | None:
    """What a question asks about the source: "the title of the article and the sub-title?" asks both."""
    asked = _HEADLINE_TOLD.sub(" ", question)
    kinds = [kind for kind, pattern in _SOURCE.items() if pattern.search(asked)]
    if "headline" in kinds and "standfirst" in kinds:
        return "headlines"
    if "headline" in kinds and {"author", "outlet", "date"} & set(kinds):
        return "cited"  # "which newspaper ran this and what's the exact headline?": all a citation needs
    if "author" in kinds and "date" in kinds:
        return "byline"  # "when was it published? and is the writer some kind of specialist?"
    return kinds[0] if kinds else None  # type: ignore[return-value]
