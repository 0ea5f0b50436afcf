"""How numbers and dates are written, in each language of the book (Babel, CLDR data).

English: 94.6, 1,175,001.93, −6.6%; Spanish as written in Peru (Babel's es_PE, the style
of DEVIDA's and the report's own figures): 94.6, 1,175,001.93, −6.6% (percentages follow
the locale's own CLDR pattern, which for Peru has no space before the sign). Minus signs
are true minus signs (U+2212) in both.
Halves round away from zero, as readers round by hand (62.5% -> 63%), not to the even
neighbour that Babel would choose.
"""

from __future__ import annotations

import copy
import datetime
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from analysis.exhibits.language import tr

LOCALE = {"en": "en_GB", "es": "es_PE"}
CURRENCY_SYMBOLS = {"USD": "US$", "PEN": "S/"}
MINUS = "\u2212"


def _locale(lang: str) -> str:
    return LOCALE[lang]


def separators(lang: str) -> tuple[str, str]:
    """The language's group and decimal separators: (',', '.') in English and in Peru."""
    locale = _locale(lang)
    return get_group_symbol(locale), get_decimal_symbol(locale)


def round_half_up(value: float, decimals: int) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero (from its shortest repr)."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded  # no "−0"


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def number(value: float, lang: str = "en", decimals: int = 0, signed: bool = False) -> str:
    """A number with the language's separators: '1,175,001.9', '1.175.001,9'."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(round_half_up(value, decimals), format=pattern, locale=_locale(lang))
    if signed and value > 0 and not _is_zero(value, decimals):
        text = "+" + text
    return _minus(text)


def _is_zero(value: float, decimals: int) -> bool:
    return round(abs(value), decimals) == 0


def percent(value: float, lang: str = "en", signed: bool = False, decimals: int = 1) -> str:
    """A percentage given in percent (6.6 -> '6.6%'), one decimal by default, written as
    the locale's own percent pattern writes it (for es_PE: '6.6%', no space)."""
    pattern = copy.copy(Locale.parse(_locale(lang)).percent_formats[None])
    pattern.frac_prec = (decimals, decimals)
    rounded = round_half_up(value, decimals) / 100
    text = pattern.apply(rounded, _locale(lang))
    if signed and value > 0 and not _is_zero(value, decimals):
        text = "+" + text
    return _minus(text)


def money(amount: float, currency: str, lang: str = "en", decimals: int | None = None) -> str:
    """An amount with its currency symbol: 'US$94,604,221.75', 'S/ 313.991.412'.

    Without `decimals`, cents are shown only when the amount has them.
    """
    if decimals is None:
        decimals = 2 if round(amount, 2) % 1 else 0
    sign = MINUS if amount < 0 else ""
    return f"{sign}{_symbol(currency)}{number(abs(amount), lang, decimals)}"


def _symbol(currency: str) -> str:
    symbol = CURRENCY_SYMBOLS[currency]
    return symbol + (" " if symbol.endswith("/") else "")


def millions(amount: float, currency: str, lang: str = "en") -> str:
    """An amount in millions, one decimal: 'US$94.6 million', 'US$94,6 millones'."""
    return tr(
        "{symbol}{amount} million",
        lang,
        symbol=_symbol(currency),
        amount=number(amount / 1e6, lang, 1),
    )


def rate(value: float, lang: str = "en") -> str:
    """A soles-per-dollar rate, three decimals as the report writes them: '3.618'."""
    return number(value, lang, 3)


def date(value: datetime.date, lang: str = "en") -> str:
    """A date in words: '31 July 2023', '31 de julio de 2023'."""
    return format_date(value, format="long", locale=_locale(lang))


def month(value: str, lang: str = "en") -> str:
    """A month given as 'YYYY-MM' in words: 'May 2022', 'mayo de 2022'."""
    day = datetime.date.fromisoformat(f"{value}-01")
    return format_skeleton("yMMMM", day, locale=_locale(lang))


def year(value: int) -> str:
    """A year, never grouped: '2023'."""
    return str(int(value))
