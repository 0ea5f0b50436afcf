"""An edition in plain words, in its own language: what its pages say at the top.

The parameter names (`currency=PEN`) stay in citations and on the Figures page, where a
reader needs them to rebuild the edition; the top of every page says the same in words:
"Amounts in soles at 2023 prices", "Your own file: exchange rates (my-rates.csv)".
"""

from __future__ import annotations

from babel import Locale

from analysis.edition.parameters import FILE_PARAMETERS, Edition, file_stem
from analysis.exhibits.formats import number, year
from analysis.exhibits.terms import codings_note
from analysis.exhibits.words import capitalised, names, tr


def currency_choice(code: str, lang: str) -> str:
    """A currency as the switcher offers it: 'US dollars', 'soles'."""
    return {"USD": tr("US dollars", lang), "PEN": tr("soles", lang)}[code]


def prices_choice(price_basis: str, base: int | None, lang: str) -> str:
    """A price basis as the switcher offers it: 'current', 'constant (2023)'."""
    if price_basis == "nominal":
        return tr("current", lang)
    return tr("constant ({year})", lang, year=year(base))


def language_name(lang: str) -> str:
    """A language named in itself: 'English', 'Español'."""
    return capitalised(Locale.parse(lang).get_display_name(lang))


def axis_label(axis: str, lang: str) -> str:
    """The switcher's name for an axis; the languages need none (their names say it)."""
    return {"currency": tr("Amounts", lang), "prices": tr("Prices", lang), "lang": ""}[axis]


def choice_words(axis: str, value: tuple, lang: str) -> str:
    if axis == "currency":
        return currency_choice(value[0], lang)
    if axis == "prices":
        return prices_choice(value[0], value[1], lang)
    return language_name(value[0])


def amounts_sentence(edition: Edition) -> str:
    """'Amounts in soles at 2023 prices.', 'Amounts in US dollars at current prices.'"""
    lang = edition.lang
    currency = currency_choice(edition.currency, lang)
    if edition.price_basis == "nominal":
        return tr("Amounts in {currency} at current prices.", lang, currency=currency)
    return tr(
        "Amounts in {currency} at {year} prices.", lang, currency=currency, year=year(edition.base)
    )


def _file_words(name: str, lang: str) -> str:
    """What a user's file given for parameter `name` replaces, in words."""
    return {
        "fx_rates": tr("exchange rates", lang),
        "deflators": tr("price indices", lang),
    }.get(name, name.replace("_", " "))


def users_files(edition: Edition) -> list[tuple[str, str]]:
    """(what it holds, its file name) for each of the user's files the edition reads, but
    the codings (which `terms.codings_note` describes on its own)."""
    found = []
    for name in FILE_PARAMETERS:
        if name == "codings":
            continue
        value = getattr(edition, name, None)
        if value is not None and value not in FILE_PARAMETERS[name]:
            found.append((_file_words(name, edition.lang), f"{file_stem(value)}.csv"))
    return found


def other_choices(edition: Edition) -> list[str]:
    """The edition's other departures from the reference, one phrase each (no files)."""
    lang, reference = edition.lang, Edition()
    phrases = []
    if (edition.start_year, edition.end_year) != (reference.start_year, reference.end_year):
        phrases.append(
            tr(
                "Years {first} to {last}",
                lang,
                first=year(edition.start_year),
                last=year(edition.end_year),
            )
        )
    if edition.fx_rates == "implied":
        phrases.append(tr("Exchange rates implied by DEVIDA's table", lang))
    if edition.opd_grouping != reference.opd_grouping:
        phrases.append(tr("The observatory's budget grouped by source of funds", lang))
    if edition.partial_weight != reference.partial_weight:
        phrases.append(
            tr(
                "A partially met action counts {weight} in the coverage score",
                lang,
                weight=number(edition.partial_weight, lang, _places(edition.partial_weight)),
            )
        )
    if (edition.evaluation_year, edition.max_age) != (
        reference.evaluation_year,
        reference.max_age,
    ):
        phrases.append(
            tr(
                "Evidence counts as dated when its latest year is more than {age} years "
                "before {year}",
                lang,
                age=number(edition.max_age, lang),
                year=year(edition.evaluation_year),
            )
        )
    return phrases


def _places(value: float) -> int:
    """Decimals needed to show a weight as given (0.5 -> 1; 1 -> 0; 0.25 -> 2), at most 6."""
    for places in range(7):
        if round(value, places) == value:
            return places
    return 6


def about(edition: Edition) -> str:
    """What sets an edition apart, in words; empty for the reference edition in any language.

    'Amounts in soles at 2023 prices.', 'Amounts in US dollars at current prices. Years
    2020 to 2023. Your own file: exchange rates (my-rates.csv).'
    """
    lang = edition.lang
    changed = set(edition.changed()) - {"lang"}
    if not changed:
        return ""
    parts = [amounts_sentence(edition)]
    parts += [phrase + "." for phrase in other_choices(edition)]
    files = users_files(edition)
    if files:
        listed = names([tr("{what} ({file})", lang, what=what, file=f) for what, f in files], lang)
        if len(files) == 1:
            parts.append(tr("Your own file: {files}.", lang, files=listed))
        else:
            parts.append(tr("Your own files: {files}.", lang, files=listed))
    note = codings_note(edition)
    if note:
        parts.append(note)
    return " ".join(parts)


def published_note(lang: str) -> str:
    """Said on an edition that is not published: where its switcher leads."""
    return tr("The links lead to the published editions, made with the book's own inputs.", lang)
