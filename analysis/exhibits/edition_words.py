"""An edition in plain words, in its own language: what its pages say at the top.

The parameter names (`currency=PEN`) stay in citations and on the Figures page, where a
reader needs them to rebuild the edition; the top of every page says the same in words:
"Amounts in soles at 2023 prices", "Your own file: exchange rates (my-rates.csv)".
"""

from __future__ import annotations

import hashlib

from babel import Locale

from analysis.contract.parameters import DEFLATOR_SERIES, FILE_PARAMETERS, Edition, file_stem
from analysis.exhibits.formats import number, year
from analysis.exhibits.language import capitalised, label, names, tr


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


# What leaves the book (a figure's image, workbook, data package; a citation) names its
# edition in words too, from its label: the parameters that set it apart ('currency=PEN,
# price_basis=real, base_year=2023'; a user's file as its stem and hash). The label is what
# a figure's record and the build hand over; it is turned into words here, in one place.


def label_values(label: str) -> dict[str, str]:
    """'currency=PEN, start_year=2020' -> {'currency': 'PEN', 'start_year': '2020'}."""
    return dict(part.split("=", 1) for part in label.split(", ")) if label else {}


def label_phrases(label: str, lang: str) -> list[str]:
    """What an edition's label says, a phrase per departure from the reference, in `lang`
    and without parameter names: ['Amounts in soles at 2023 prices', 'Years 2020 to 2023',
    'Your own file: price indices (mine-1a2b3c4d)']; empty for the reference edition."""
    values = label_values(label)
    values.pop("lang", None)
    files = {
        name: shown
        for name, shown in values.items()
        if name in FILE_PARAMETERS and shown not in FILE_PARAMETERS[name]
    }
    plain = {name: value for name, value in values.items() if name not in files}
    edition = Edition.from_values({**plain, "lang": lang})
    phrases = []
    if {"currency", "price_basis", "base_year"} & set(values):
        phrases.append(amounts_sentence(edition).rstrip("."))
    phrases += other_choices(edition)
    for name, shown in files.items():
        if name == "codings":
            phrases.append(capitalised(tr("the reader's coding ({file})", lang, file=shown)))
        else:
            what = tr("{what} ({file})", lang, what=_file_words(name, lang), file=shown)
            phrases.append(tr("Your own file: {files}", lang, files=what))
    return phrases


def edition_words(label: str, lang: str) -> str:
    """Which edition, in words, as a citation or a stamp names it: 'reference edition',
    'edition: amounts in soles at 2023 prices', 'edición en español: montos en soles...'."""
    words = "; ".join(_inline(phrase) for phrase in label_phrases(label, lang))
    if lang == "en":
        return tr("edition: {words}", lang, words=words) if words else tr("reference edition", lang)
    language = Locale.parse(lang).get_display_name(lang)
    if words:
        return tr("edition in {language}: {words}", lang, language=language, words=words)
    return tr("edition in {language}", lang, language=language)


def _inline(phrase: str) -> str:
    """A phrase inside a sentence: 'Years 2020 to 2023' -> 'years 2020 to 2023' ('A
    partially met...' too); an acronym keeps its capitals."""
    return phrase if phrase[1:2].isupper() else phrase[:1].lower() + phrase[1:]


def price_basis_words(edition: Edition) -> str:
    """'at current prices', 'at 2023 prices'."""
    if edition.price_basis == "nominal":
        return tr("at current prices", edition.lang)
    return tr("at {year} prices", edition.lang, year=year(edition.base))


def price_index_sentences(edition: Edition, currencies: tuple[str, ...]) -> list[str]:
    """At constant prices, the price index that deflates each currency's amounts, with its
    publisher and how far its figures were checked (the `status` of data/deflators.csv, or
    that a reader's file was not checked); nothing at current prices."""
    if edition.price_basis == "nominal":
        return []
    lang = edition.lang
    sentences = []
    for code in currencies:
        if edition.deflators in FILE_PARAMETERS["deflators"]:
            from analysis.compute.prices import deflators

            table = deflators(edition)
            used = table[
                (table["series"] == DEFLATOR_SERIES[code]) & table["year"].isin(edition.years)
            ]
            status = names([label(text, lang) for text in sorted(set(used["status"]))], lang)
        else:
            status = tr(
                "from the reader's file {file}, not checked by this book",
                lang,
                file=f"{file_stem(edition.deflators)}.csv",
            )
        sentences.append(
            tr(
                "Price index for amounts in {currency}: {index}; {status}.",
                lang,
                currency=currency_choice(code, lang),
                index=index_name(code, lang),
                status=status,
            )
        )
    return sentences


def index_name(currency: str, lang: str) -> str:
    """The price index that deflates a currency's amounts, with its publisher."""
    return {
        "USD": tr(
            "US consumer price index (CPI-U), annual average, US Bureau of Labor Statistics",
            lang,
        ),
        "PEN": tr(
            "Lima consumer price index, level of each December (December-to-December changes "
            "chained), INEI (Peru)",
            lang,
        ),
    }[currency]


MAX_SUFFIX = 80  # characters: a file name stays well within what file systems allow


def label_suffix(label: str, lang: str) -> str:
    """What tells an edition's files and citation keys apart, from its label and language:
    'pen-2023-prices', 'usd-current-prices-es', 'start-year-2020-es'; empty for the
    reference edition. Two editions that draw different numbers never share it."""
    values = label_values(label)
    values.pop("lang", None)
    parts = []
    if {"currency", "price_basis", "base_year"} & set(values):
        parts.append(values.get("currency", Edition().currency))
        if values.get("price_basis", "nominal") == "nominal":
            parts.append("current-prices")
        else:
            base = values.get("base_year") or values.get("start_year") or Edition().start_year
            parts.append(f"{base}-prices")
    parts += [
        f"{name}-{value}"
        for name, value in values.items()
        if name not in ("currency", "price_basis", "base_year")
    ]
    if lang != "en":
        parts.append(lang)
    words = "-".join(parts).lower().replace("_", "-")
    words = "".join(c if c.isascii() and (c.isalnum() or c in ".-") else "-" for c in words)
    if len(words) <= MAX_SUFFIX:
        return words
    return words[: MAX_SUFFIX - 13] + "-" + hashlib.sha256(words.encode()).hexdigest()[:12]


def edition_label(edition, uses: tuple[str, ...] | None = None) -> str:
    """The parameters that set an edition apart, as printed on its pages and figures:
    'currency=PEN, start_year=2020'. The language is left out (the words show it), and
    with `uses` only those parameters count. Empty for what the reference edition shows."""
    defaults = type(edition)()
    kept = {
        name: getattr(edition, name)
        for name in type(edition).model_fields
        if name != "lang" and (uses is None or name in uses)
    }
    reset = {
        name: getattr(defaults, name) for name in type(edition).model_fields if name not in kept
    }
    return edition.model_copy(update={**reset, "lang": defaults.lang}).label


def codings_note(edition) -> str:
    """What an edition built with a reader's codings says about them (its banner), or ''."""
    from analysis.contract.parameters import CODING_SETS

    if edition.codings in CODING_SETS:
        return ""
    return tr(
        "The statuses of the priority actions are the reader's own coding, from the file "
        "{file}; actions the file does not name keep this book's coding.",
        edition.lang,
        file=edition_label(edition, ("codings",)).partition("=")[2],
    )


def coding_words(edition: Edition) -> str:
    """Whose coding a figure of statuses, scores or gaps shows: "this book's coding", or
    "the reader's coding (FILE)" when the edition reads a reader's own codings file (named
    as the edition's label names it). The one place these words are made."""
    lang = edition.lang
    value = getattr(edition, "codings", None)
    default = type(edition).model_fields["codings"].default if value is not None else None
    if value is None or value == default or value in FILE_PARAMETERS.get("codings", ()):
        return tr("this book's coding", lang)
    return tr("the reader's coding ({file})", lang, file=edition._short("codings", value))


def coding_note(edition: Edition) -> str:
    """The caveat that goes out with a coded figure: whose coding, and not the report's."""
    return tr(
        "Statuses, scores and gaps: {coding}, not ratings given by the report.",
        edition.lang,
        coding=coding_words(edition),
    )


def stamp_words(label: str, lang: str) -> str:
    """The edition stamp of a figure whose label is `label`, in words ('Edition: amounts
    in soles at 2023 prices.'); empty when the figure is the reference edition's."""
    return f"{capitalised(edition_words(label, lang))}." if label else ""
