"""Rules for calendar dates named in the text: "March 7, 2019", "Dec. 3", "in September", "1998",
"the 1990s", "last fall", "the third quarter", "Thanksgiving Day".
"""

from __future__ import annotations

import datetime as dt
import re

from gestae.ground.time import values
from gestae.ground.time.anchoring import MONTH_NEAR_FUTURE, MONTH_REACH, Default, Relation, relation_of, yearly_occurrence
from gestae.ground.time.calendrics import (
    HOLIDAY_WEEKS,
    HOLIDAYS,
    last_day_of_month,
    quarter_of,
    safe_date,
    season_range,
)
from gestae.ground.time.lexicon import DECADE_WORDS, MONTH_NUMBERS, SEASONS, WEEKDAY_NUMBERS
from gestae.ground.time.counts import parse_ordinal
from gestae.ground.time.patterns import (
    DAY_NUMBER,
    DECADE_WORD,
    MONTH,
    MONTH_FULL,
    ORDINAL,
    PART_OF_PERIOD,
    SEASON,
    SHORT_YEAR,
    WEEKDAY,
    YEAR_NUMBER,
    one_of,
)
from gestae.ground.time.reading import Context, Reading, Rule, reading, rule

# Words after which a bare four-digit number or a month name is read as a date.
_DATE_PREPOSITIONS = frozenset(
    {
        "in", "since", "until", "till", "by", "from", "to", "through", "during", "before", "after", "of",
        "between", "and", "or", "early", "late", "mid", "around", "circa", "year", "the", "this", "last",
        "next", "that", "each", "every", "on", "for", "at", "fiscal", "spring", "summer", "fall", "autumn",
        "winter", "pre", "post", "as", "than", "throughout", "into", "toward", "towards", "within", "s",
        "past", "'s",
    }
)
# Month names that are also common words or given names: read as months only after a preposition.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})


def _month_number(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]


def _two_digit_year(text: str, dct: dt.date | None) -> int:
    """'98 -> 1998: the year in the century that puts it nearest the DCT (or 1950-2049 without one)."""
    short = int(text[-2:])
    pivot = dct.year if dct else 2000
    candidates = (pivot // 100 * 100 - 100 + short, pivot // 100 * 100 + short, pivot // 100 * 100 + 100 + short)
    return min(candidates, key=lambda year: abs(year - pivot))


# --- days ------------------------------------------------------------------------------------------

def _iso_date(match: re.Match[str], ctx: Context) -> Reading | None:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    date = safe_date(year, month, day)
    if date is None:
        return None
    if match["hh"]:
        return reading(match, "TIME", f"{date.isoformat()}T{match['hh']}:{match['mm']}")
    return reading(match, "DATE", date.isoformat())


def _numeric_date(match: re.Match[str], ctx: Context) -> Reading | None:
    """3/13/2019 or 13/3/2019. When both orders give a real date the order is unknown: only the year is kept."""
    first, second = int(match["a"]), int(match["b"])
    year = int(match["y"]) if len(match["y"]) == 4 else _two_digit_year(match["y"], ctx.dct)
    as_month_day = safe_date(year, first, second)
    as_day_month = safe_date(year, second, first)
    if as_month_day and as_day_month and first != second:
        return reading(match, "DATE", values.year_value(year))
    date = as_month_day or as_day_month
    return reading(match, "DATE", date.isoformat()) if date else None


def _day_in_year(ctx: Context, match: re.Match[str], month: int, day: int, year_text: str | None) -> str | None:
    """The value of a day-and-month date, finding the year from the DCT when the text gives none."""
    if year_text:
        year = int(year_text) if year_text.isdigit() else _two_digit_year(year_text, ctx.dct)
        date = safe_date(year, month, day)
        return date.isoformat() if date else None
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: no year has this day
        return None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"

    def span(year: int) -> tuple[dt.date, dt.date]:
        date = safe_date(year, month, day) or dt.date(year, month, 28)
        return date, date

    start, end = match.span()
    year = yearly_occurrence(ctx.dct, span, None, ctx.direction(start, end), Default.nearest)
    weekday = match.groupdict().get("wd")
    if weekday:
        # "Monday, Oct. 26": prefer the neighbouring year in which the weekday agrees.
        wanted = WEEKDAY_NUMBERS[weekday.lower()]
        for candidate in (year, year - 1, year + 1):
            date = safe_date(candidate, month, day)
            if date and date.weekday() == wanted:
                year = candidate
                break
    date = safe_date(year, month, day)
    return date.isoformat() if date else None


_FOLLOWING_DAY = re.compile(
    rf"\s*(?:,\s*|\s)(?:and|or|&|to|through|until)\s+(?P<day>{DAY_NUMBER})(?=\s*(?:[.,;:)]|$|\s(?:in|at|on|when|as|and|to|of)\b))"
    rf"|\s*[-–]\s*(?P<range_day>{DAY_NUMBER})(?!\s*{MONTH})",
    re.IGNORECASE,
)


def _month_day(match: re.Match[str], ctx: Context) -> list[Reading] | None:
    month, day = _month_number(match["mon"]), _day_number(match["day"])
    value = _day_in_year(ctx, match, month, day, match["year"])
    if value is None:
        return None
    found = [reading(match, "DATE", value)]
    # "April 24 and 25", "March 3-5": the second day is a date of its own.
    if not match["year"] and (more := _FOLLOWING_DAY.match(ctx.text, match.end())):
        group = "day" if more["day"] else "range_day"
        second = _day_number(more[group])
        if second > day and not value.startswith("X") and (date := safe_date(int(value[:4]), month, second)):
            found.append(Reading(more.start(group), more.end(group), "DATE", date.isoformat()))
    return found


def _day_month(match: re.Match[str], ctx: Context) -> Reading | None:
    month, day = _month_number(match["mon"]), _day_number(match["day"])
    value = _day_in_year(ctx, match, month, day, match["year"])
    return reading(match, "DATE", value) if value else None


def _week_of(match: re.Match[str], ctx: Context) -> Reading | None:
    month, day = _month_number(match["mon"]), _day_number(match["day"])
    value = _day_in_year(ctx, match, month, day, match["year"])
    if value is None:
        return None
    if value.startswith("X"):
        return reading(match, "DATE", "XXXX-WXX")
    return reading(match, "DATE", values.week_value(dt.date.fromisoformat(value)))


# --- months ----------------------------------------------------------------------------------------

def _month_of(ctx: Context, match: re.Match[str], month: int, relation: Relation | None) -> str:
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    start, end = match.span()

    def span(year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, month, 1), last_day_of_month(year, month)

    year = yearly_occurrence(
        ctx.dct, span, relation, ctx.direction(start, end), Default.nearest, MONTH_REACH, MONTH_NEAR_FUTURE
    )
    return values.month_value(year, month)


def _month_year(match: re.Match[str], ctx: Context) -> Reading:
    year = int(match["year"]) if match["year"][0].isdigit() else _two_digit_year(match["year"], ctx.dct)
    return reading(match, "DATE", values.month_value(year, _month_number(match["mon"])))


def _month_relative_year(match: re.Match[str], ctx: Context) -> Reading:
    month = _month_number(match["mon"])
    if ctx.dct is None:
        return reading(match, "DATE", f"XXXX-{month:02d}")
    shift = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    return reading(match, "DATE", values.month_value(ctx.dct.year + shift, month))


def _month_with_relation(match: re.Match[str], ctx: Context) -> Reading:
    return reading(match, "DATE", _month_of(ctx, match, _month_number(match["mon"]), relation_of(match["rel"])))


def _month_alone(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match["mon"]
    if not match["mod"]:
        before = ctx.word_before(match.start())
        if before not in _DATE_PREPOSITIONS:
            after = ctx.word_after(match.end())
            # "April Ryan", "May Day", "March on Washington": a capitalised word after a month that no
            # preposition introduced is more often a name than a date.
            if name.lower() in _AMBIGUOUS_MONTHS or (after[:1].isupper() and not after.isupper()):
                return None
    return reading(match, "DATE", _month_of(ctx, match, _month_number(name), None))


# --- years, decades, centuries ---------------------------------------------------------------------

_COUNTED_NOUN = re.compile(
    r"\s+(?:(?!(?:was|has|is|as|this|its|his|us|whereas)\b)[a-z]+s|people|feet|foot|men|women|children|police|staff)\b"
)
_NOT_A_YEAR_BEFORE = frozenset({"no", "number", "about", "some", "nearly", "almost", "over", "than", "approximately", "roughly"})


# Nouns that are counted far more often than dated: "the 2000 soldiers" is a number, "the 2000 election" a year.
_COUNT_NOUNS = re.compile(
    r"\s+(?:people|persons|soldiers|troops|refugees|civilians|residents|workers|protesters|demonstrators|students"
    r"|families|children|men|women|police|officers|fighters|rebels|militants|members|votes|voters|casualties"
    r"|deaths|dead|cases|homes|houses|dollars|euros|pounds|tons|tonnes|km|kilometers|kilometres|miles|meters"
    r"|metres|feet|acres|hectares|barrels|units|vehicles|prisoners|detainees|delegates|seats|jobs)\b",
    re.IGNORECASE,
)


def _year(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["mod"] is None and _COUNT_NOUNS.match(ctx.text, match.end()):
        return None
    before = ctx.word_before(match.start())
    if match["mod"] is None and before not in _DATE_PREPOSITIONS:
        prefix = ctx.text[max(0, match.start() - 2) : match.start()]
        if before in _NOT_A_YEAR_BEFORE or re.search(r"[$£€#]\s?$", prefix):
            return None
        if _COUNTED_NOUN.match(ctx.text, match.end()):
            return None  # "2000 soldiers"
    return reading(match, "DATE", values.year_value(int(match["year"])))


def _decade(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["decade"]:
        first = int(match["decade"])
    else:
        tens = int(match["short"]) if match["short"] else 10 * DECADE_WORDS[match["word"].lower()]
        if ctx.dct is None:
            return reading(match, "DATE", f"XX{tens // 10}X")
        century = ctx.dct.year // 100 * 100
        first = century + tens if century + tens <= ctx.dct.year else century - 100 + tens
    return reading(match, "DATE", values.decade_value(first))


def _century(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["ord"]:
        number = parse_ordinal(match["ord"])
        return reading(match, "DATE", values.century_value((number - 1) * 100)) if number else None
    words = match["rel"].lower().split()
    if words[0] == "the":
        return reading(match, "DURATION", "P100Y")
    if ctx.dct is None:
        return reading(match, "DATE", "XX")
    shift = {"last": -1, "this": 0, "next": 1}[words[0]]
    return reading(match, "DATE", values.century_value(ctx.dct.year // 100 * 100 + 100 * shift))


# --- seasons, quarters, halves, holidays -----------------------------------------------------------

_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_SEASON_INTRODUCERS = frozenset(
    {
        "in", "during", "by", "since", "until", "through", "this", "last", "next", "that", "early", "late", "mid",
        "the", "throughout", "each", "every", "past",
    }
)


def _season(match: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASONS[match["season"].lower()]
    relation = relation_of(match["rel"])
    if match["year"]:
        year = int(match["year"])
        return reading(match, "DATE", values.season_value(year, code))
    if relation is None:
        before = ctx.word_before(match.start())
        if before not in _SEASON_INTRODUCERS or re.match(r"\s+of\b", ctx.text[match.end() :]):
            return None  # "prices fall", "the fall of the Berlin Wall"
        if before == "the":
            article = _ARTICLE_BEFORE.search(ctx.text, max(0, match.start() - 40), match.start())
            if article is None or ctx.word_before(article.start()) not in _SEASON_INTRODUCERS:
                return None  # "the fall" alone is as often a drop as a season
    if ctx.dct is None:
        return reading(match, "DATE", f"XXXX-{code}")
    start, end = match.span()
    year = yearly_occurrence(ctx.dct, lambda y: season_range(y, code), relation, ctx.direction(start, end))
    return reading(match, "DATE", values.season_value(year, code))


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    ordinal = (match["ord"] or "").lower()
    year_text = match["year"] or match["year2"] or match["qyear"]
    year: int | None = None
    if year_text:
        year = int(year_text) if year_text.isdigit() else _two_digit_year(year_text, ctx.dct)
    elif match["yrel"] and ctx.dct:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[match["yrel"].lower()]
    if match["qn"]:
        quarter = int(match["qn"])
    elif ordinal in _QUARTER_ORDINALS or (ordinal == "last" and year is not None):
        quarter = _QUARTER_ORDINALS.get(ordinal, 4)
    else:
        # "last quarter", "this quarter", "next quarter": relative to the DCT's quarter.
        if ctx.dct is None:
            return reading(match, "DATE", "XXXX-QX")
        shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[ordinal]
        index = ctx.dct.year * 4 + quarter_of(ctx.dct) - 1 + shift
        return reading(match, "DATE", values.quarter_value(index // 4, index % 4 + 1))
    if year is None:
        if ctx.dct is None or match["yrel"]:
            return reading(match, "DATE", f"XXXX-Q{quarter}")
        first_month = 3 * quarter - 2
        start, end = match.span()
        year = yearly_occurrence(
            ctx.dct,
            lambda y: (dt.date(y, first_month, 1), last_day_of_month(y, first_month + 2)),
            None,
            ctx.direction(start, end),
        )
    return reading(match, "DATE", values.quarter_value(year, quarter))


def _half(match: re.Match[str], ctx: Context) -> Reading | None:
    half = 1 if match["half"].lower() == "first" else 2
    if match["year"]:
        return reading(match, "DATE", f"{int(match['year']):04d}-H{half}")
    if ctx.dct is None:
        return reading(match, "DATE", f"XXXX-H{half}")
    year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[match["yrel"].lower()]
    return reading(match, "DATE", f"{year:04d}-H{half}")


def _holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", match["name"].lower()).replace("’", "'")
    week = name in HOLIDAY_WEEKS
    day_of = HOLIDAYS[HOLIDAY_WEEKS[name]] if week else HOLIDAYS.get(name)
    if day_of is None:
        return None
    if match["year"]:
        year = int(match["year"])
    elif ctx.dct is None:
        return reading(match, "DATE", "XXXX-WXX" if week else "XXXX-XX-XX")
    else:
        start, end = match.span()
        year = yearly_occurrence(
            ctx.dct, lambda y: (day_of(y), day_of(y)), relation_of(match["rel"]), ctx.direction(start, end), Default.nearest
        )
    day = day_of(year)
    return reading(match, "DATE", values.week_value(day) if week else day.isoformat())


_HOLIDAY_NAMES = one_of([*HOLIDAYS, *HOLIDAY_WEEKS]).replace("'", "['’]")
_MOD = rf"(?:(?P<mod>{PART_OF_PERIOD})[\s-]+)?"
_WEEKDAY_LEAD = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"


def date_rules() -> list[Rule]:
    """The rules for named calendar dates, most specific first (earlier rules win ties)."""
    return [
        rule("iso_date", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?\b", _iso_date),
        rule("numeric_date", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", _numeric_date),
        rule(
            "month_day",
            rf"\b{_WEEKDAY_LEAD}(?P<mon>{MONTH})\s+(?P<day>{DAY_NUMBER})"
            rf"(?:(?:,\s*|\s+)(?P<year>{YEAR_NUMBER}|{SHORT_YEAR}))?",
            _month_day,
        ),
        rule(
            "day_month",
            rf"\b{_WEEKDAY_LEAD}(?:the\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<mon>{MONTH})\b"
            rf"(?:,?\s+(?P<year>{YEAR_NUMBER}))?",
            _day_month,
        ),
        rule(
            "week_of",
            rf"\bthe\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR_NUMBER}))?",
            _week_of,
        ),
        rule(
            "month_year",
            rf"\b{_MOD}(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?)(?P<year>{YEAR_NUMBER}|{SHORT_YEAR})",
            _month_year,
        ),
        rule(
            "month_relative_year",
            rf"\b{_MOD}(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
            _month_relative_year,
        ),
        rule(
            "month_relation",
            rf"\b{_MOD}(?P<rel>last|this|next|past|coming)\s+(?P<mon>{MONTH_FULL})\b(?!\s*\d)",
            _month_with_relation,
        ),
        rule("month_alone", rf"\b{_MOD}(?P<mon>{MONTH_FULL})\b(?![\s.]*\d)", _month_alone),
        rule(
            "year",
            rf"(?:\b(?P<mod>early|mid|late)[\s-]+)?(?<![\d$£€#.,/:])(?<!\d-)\b(?P<year>{YEAR_NUMBER})\b"
            r"(?!\s*(?:%|percent|per\s+cent))(?![.,]\d)(?!['’]?s\b)(?![-/]\d)",
            _year,
        ),
        rule(
            "decade",
            rf"(?:\b(?P<mod>early|mid|late)[\s-]+)?(?:(?<![\d])(?P<decade>1[0-9]\d0|20\d0)['’]?s\b|['’](?P<short>\d0)s\b"
            rf"|(?<=\bthe\s)(?P<word>{DECADE_WORD})\b)",
            _decade,
        ),
        rule(
            "century",
            rf"\b(?:(?P<rel>this|last|next|the\s+(?:last|past))\s+century|(?:the\s+)?(?P<ord>{ORDINAL})[\s-]+century)\b",
            _century,
        ),
        rule(
            "season",
            rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<season>{SEASON})\b"
            rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_NUMBER}))?",
            _season,
        ),
        rule(
            "quarter",
            r"\b(?:the\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th"
            r"|last|this|next|past|previous|current|coming)[\s-]+quarter"
            rf"(?:\s+of\s+(?:(?P<year>{YEAR_NUMBER})|(?P<yrel>this|last|next)\s+year)|,?\s+(?P<year2>{YEAR_NUMBER}))?"
            rf"|(?-i:Q)(?P<qn>[1-4])(?:\s+(?P<qyear>{YEAR_NUMBER}|{SHORT_YEAR}))?\b)",
            _quarter,
        ),
        rule(
            "half",
            rf"\b(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+(?:(?P<year>{YEAR_NUMBER})|(?P<yrel>this|last|next)\s+year)",
            _half,
        ),
        rule(
            "holiday",
            rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<name>{_HOLIDAY_NAMES})\b(?:,?\s+(?P<year>{YEAR_NUMBER}))?",
            _holiday,
        ),
    ]
