"""Every piece of figure text, in each language of the book: one table, one place.

Figure titles, axis and legend labels, captions and source lines are looked up here by
key and filled with computed values. A missing key or language is an error, never a
silent fallback to English. Numbers keep the decimal point in both languages (Peru writes
them that way).
"""

from __future__ import annotations

LANGUAGES = ("en", "es")


class TranslationError(KeyError):
    """A figure text that the table does not have in the requested language."""

    def __str__(self) -> str:
        return str(self.args[0])


TEXT: dict[str, dict[str, str]] = {
    # Words used inside other texts
    "column.year": {"en": "year", "es": "año"},
    "download": {"en": "Download", "es": "Descargar"},
    "cite": {"en": "how to cite", "es": "cómo citar"},
    "currency.USD": {"en": "US dollars", "es": "dólares estadounidenses"},
    "currency.PEN": {"en": "Peruvian soles", "es": "soles peruanos"},
    "basis.nominal": {"en": "nominal", "es": "a precios corrientes"},
    "basis.real": {"en": "at {year} prices", "es": "a precios de {year}"},
    "edition": {"en": "Edition: {label}", "es": "Edición: {label}"},
    "where.is_1_3": {
        "en": "Institutional Strengthening, priority action 1.3",
        "es": "Fortalecimiento Institucional, acción prioritaria 1.3",
    },
    "where.rime_1_1": {
        "en": "Research, Information, Monitoring and Evaluation, priority action 1.1",
        "es": "Investigación, Información, Monitoreo y Evaluación, acción prioritaria 1.1",
    },
    "source": {
        "en": "Source: OAS/CICAD, Multilateral Evaluation Mechanism (MEM), Evaluation Report "
        "on Drug Policies: Peru, 2023 ({where}). Processing: MEM Peru 2023 analysis book.",
        "es": "Fuente: OEA/CICAD, Mecanismo de Evaluación Multilateral (MEM), Informe de "
        "Evaluación sobre Políticas de Drogas: Perú, 2023 ({where}). Procesamiento: libro de "
        "análisis MEM Perú 2023.",
    },
    # DEVIDA budget
    "devida_budget.title": {
        "en": "DEVIDA annual budget ({basis})",
        "es": "Presupuesto anual de DEVIDA ({basis})",
    },
    "devida_budget.ylabel": {"en": "Millions of {currency}", "es": "Millones de {currency}"},
    "devida_budget.caption": {
        "en": "DEVIDA's annual budget in millions of {currency}, {basis}. Compare each bar "
        "with the first: the budget changed by {change} over the period.",
        "es": "Presupuesto anual de DEVIDA en millones de {currency}, {basis}. Compare cada "
        "barra con la primera: el presupuesto varió {change} en el período.",
    },
    "devida_budget.alt": {
        "en": "Bar chart of DEVIDA's annual budget, one bar per year, each labelled with its "
        "amount in millions.",
        "es": "Gráfico de barras del presupuesto anual de DEVIDA, una barra por año, cada una "
        "con su monto en millones.",
    },
    "devida_index.title": {
        "en": "DEVIDA budget in dollars and in soles",
        "es": "Presupuesto de DEVIDA en dólares y en soles",
    },
    "devida_index.ylabel": {"en": "Index ({year} = 100)", "es": "Índice ({year} = 100)"},
    "devida_index.caption": {
        "en": "DEVIDA's budget as an index ({year} = 100) in US dollars and in soles, {basis}. "
        "The distance between the lines is the movement of the exchange rate, not a "
        "difference in the budget.",
        "es": "Presupuesto de DEVIDA como índice ({year} = 100) en dólares y en soles, "
        "{basis}. La distancia entre las líneas es el movimiento del tipo de cambio, no una "
        "diferencia en el presupuesto.",
    },
    "devida_index.alt": {
        "en": "Two lines, the budget in US dollars and in soles, both 100 in the base year; "
        "each line is labelled at its end.",
        "es": "Dos líneas, el presupuesto en dólares y en soles, ambas 100 en el año base; "
        "cada línea lleva su rótulo al final.",
    },
    # Exchange rates
    "rates.title": {
        "en": "Two sets of soles-per-dollar rates in the report",
        "es": "Dos series de tipos de cambio (soles por dólar) en el informe",
    },
    "rates.ylabel": {"en": "Soles per US dollar", "es": "Soles por dólar estadounidense"},
    "rates.implied": {"en": "Implied (DEVIDA table)", "es": "Implícito (cuadro de DEVIDA)"},
    "rates.stated": {"en": "Stated (OPD footnote)", "es": "Declarado (nota del OPD)"},
    "rates.caption": {
        "en": "Soles per US dollar implied by the DEVIDA budget table and stated under the "
        "observatory's budget table. The lines part in {year}, when the stated rate is a "
        "mid-year one.",
        "es": "Soles por dólar implícitos en el cuadro del presupuesto de DEVIDA y declarados "
        "bajo el cuadro del presupuesto del observatorio. Las líneas se separan en {year}, "
        "cuando el tipo declarado es de mitad de año.",
    },
    "rates.alt": {
        "en": "Two lines of soles-per-dollar rates by year, one implied by the DEVIDA table "
        "and one stated under the observatory's table; each is labelled at its end.",
        "es": "Dos líneas de tipos de cambio por año, una implícita en el cuadro de DEVIDA y "
        "otra declarada bajo el cuadro del observatorio; cada una lleva su rótulo al final.",
    },
    # Observatory
    "opd_composition.title": {
        "en": "Observatory budget by line ({basis})",
        "es": "Presupuesto del observatorio por rubro ({basis})",
    },
    "opd_composition.ylabel": {"en": "Thousands of {currency}", "es": "Miles de {currency}"},
    "opd_composition.caption": {
        "en": "The observatory's budget per year in thousands of {currency}, {basis}, stacked "
        "by line; the number above each bar is the year's total. The transfer lines make up "
        "between {low} and {high} of the budget.",
        "es": "Presupuesto del observatorio por año en miles de {currency}, {basis}, apilado "
        "por rubro; el número sobre cada barra es el total del año. Las líneas de "
        "transferencias suman entre {low} y {high} del presupuesto.",
    },
    "opd_composition.alt": {
        "en": "Stacked bars of the observatory's budget per year, one hatched segment per "
        "line, with the year's total above each bar.",
        "es": "Barras apiladas del presupuesto del observatorio por año, un segmento rayado "
        "por rubro, con el total del año sobre cada barra.",
    },
    "opd_share.title": {
        "en": "Observatory budget as a share of DEVIDA's",
        "es": "Presupuesto del observatorio como parte del de DEVIDA",
    },
    "opd_share.ylabel": {"en": "% of DEVIDA's budget", "es": "% del presupuesto de DEVIDA"},
    "opd_share.caption": {
        "en": "The observatory's budget as a percentage of DEVIDA's, per year, both in "
        "{currency}. The share went from {first} to {last}.",
        "es": "Presupuesto del observatorio como porcentaje del de DEVIDA, por año, ambos en "
        "{currency}. La proporción pasó de {first} a {last}.",
    },
    "opd_share.alt": {
        "en": "Bar chart of the observatory's budget as a percentage of DEVIDA's, one labelled "
        "bar per year.",
        "es": "Gráfico de barras del presupuesto del observatorio como porcentaje del de "
        "DEVIDA, una barra rotulada por año.",
    },
    # Lines of the observatory's budget
    "line.goods_services": {"en": "Goods and services", "es": "Bienes y servicios"},
    "line.financial_assets": {"en": "Financial assets", "es": "Activos financieros"},
    "line.other": {"en": "Other expenses", "es": "Otros gastos"},
    "line.salaries": {"en": "Salaries", "es": "Remuneraciones"},
    "line.transfers_unodc": {"en": "Transfer line: UNODC", "es": "Transferencias: UNODC"},
    "line.transfers_conida": {"en": "Transfer line: CONIDA", "es": "Transferencias: CONIDA"},
    "line.own": {"en": "DEVIDA's own lines", "es": "Rubros propios de DEVIDA"},
    "line.transfers": {
        "en": "Transfer lines (UNODC, CONIDA)",
        "es": "Transferencias (UNODC, CONIDA)",
    },
}


def currency_name(code: str, lang: str = "en") -> str:
    """'US dollars', 'soles peruanos', ..."""
    return text(f"currency.{code}", lang)


def basis_name(price_basis: str, base_year: int, lang: str = "en") -> str:
    """How amounts are priced: 'nominal', 'at 2023 prices', 'a precios de 2023'."""
    return text(f"basis.{price_basis}", lang, year=base_year)


def text(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    if key not in TEXT:
        raise TranslationError(f"no figure text {key!r} in analysis/i18n.py")
    if lang not in TEXT[key]:
        raise TranslationError(f"figure text {key!r} has no {lang!r} version in analysis/i18n.py")
    return TEXT[key][lang].format(**values)
