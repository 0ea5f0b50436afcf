"""International cooperation, the words: partners' names and the chapter's sentences."""

from __future__ import annotations

from analysis.chapters.cooperation.numbers import (
    CHANNELS,
    Cooperation,
    unodc_line,
)
from analysis.chapters.money import basis_words, currency_words
from analysis.exhibits.formats import money, month, percent
from analysis.exhibits.language import label, names, tr
from analysis.exhibits.terms import region_name


def acronym(key: str, lang: str) -> str:
    """An organisation's acronym in the edition's language (INCB is JIFE in Spanish)."""
    return {
        "UNODC": tr("UNODC", lang),
        "CICAD": tr("CICAD", lang),
        "CICTE": tr("CICTE", lang),
        "INCB": tr("INCB", lang),
    }.get(key, key)


def acronym_name(key: str, lang: str) -> str:
    return {
        "UNODC": tr("United Nations Office on Drugs and Crime", lang),
        "CICAD": tr("Inter-American Drug Abuse Control Commission", lang),
        "CICTE": tr("Inter-American Committee against Terrorism", lang),
        "INCB": tr("International Narcotics Control Board", lang),
    }[key]


def partner_label(key: str, lang: str) -> str:
    """A partner's name in the edition's language; an organisation by its acronym."""
    return acronym(key, lang) if key.isupper() else label(key, lang)


def partner_in_sentence(key: str, lang: str) -> str:
    """A partner's name as it reads inside a sentence (with its article where it needs one)."""
    if key == "European Union":
        return tr("the European Union", lang)
    return partner_label(key, lang)


def acronyms_note(keys, lang: str) -> str:
    """'UNODC: United Nations Office on Drugs and Crime; ...' for the acronyms among `keys`."""
    return "; ".join(
        f"{acronym(key, lang)}: {acronym_name(key, lang)}" for key in keys if key.isupper()
    )


def channel_name(code: str, lang: str) -> str:
    return {
        "bilateral programme": tr("bilateral programme", lang),
        "multilateral programme": tr("multilateral programme", lang),
        "bilateral mechanism": tr("bilateral mechanism", lang),
        "horizontal cooperation": tr("horizontal cooperation", lang),
        "information sharing": tr("information sharing", lang),
        "technology transfer": tr("technology transfer", lang),
        "study visit": tr("study visit", lang),
    }[code]


def programmes_sentence(c: Cooperation) -> str:
    levels = c.t["cooperation-programmes"]["level"].value_counts()
    partners = c.channels[c.channels[["bilateral programme", "multilateral programme"]].any(axis=1)]
    return tr(
        "The report gives, as examples, {n} cooperation activities, {bilateral} bilateral "
        "and {multilateral} multilateral, with {partners} partners or groups of partners.",
        c.lang,
        n=int(levels.sum()),
        bilateral=int(levels.get("bilateral", 0)),
        multilateral=int(levels.get("multilateral", 0)),
        partners=len(partners),
    )


def busiest_sentence(c: Cooperation) -> str:
    counts = c.channels.sum(axis=1)
    top = counts.max()
    busiest = [partner_in_sentence(p, c.lang) for p in counts.index[counts == top]]
    values = {"partners": names(busiest, c.lang), "k": int(top), "n": len(CHANNELS)}
    if len(busiest) == 1:
        text = tr(
            "In this book's grouping, the partner named in the most channels is {partners} "
            "({k} of {n}).",
            c.lang,
            **values,
        )
    else:
        text = tr(
            "In this book's grouping, the partners named in the most channels are {partners} "
            "({k} of {n} each).",
            c.lang,
            **values,
        )
    return (
        text
        + " "
        + tr(
            "As the report's lists are examples, and one programme may stand in two of them, "
            "this counts mentions, not the weight of each partnership.",
            c.lang,
        )
    )


def commissions_sentence(c: Cooperation) -> str:
    lang, mechanisms = c.lang, c.t["bilateral-mechanisms"]
    countries = [label(country, lang) for country in mechanisms["country"]]
    by_region = mechanisms["region"].value_counts()
    parts = [
        tr("{n} in {region}", lang, n=int(n), region=region_name(r, lang))
        for r, n in by_region.items()
    ]
    return tr(
        "The report lists {n} countries with which Peru has bilateral mechanisms against "
        "drug-trafficking groups: {countries}; by this book's grouping, {regions}.",
        lang,
        n=len(countries),
        countries=names(countries, lang),
        regions=names(parts, lang),
    )


def conventions_sentence(c: Cooperation) -> str:
    conventions = c.t["conventions"]
    k, n = int(conventions["ratified"].astype(bool).sum()), len(conventions)
    systems = conventions["system"].value_counts()
    values = {
        "k": k,
        "n": n,
        "un": int(systems.get("United Nations", 0)),
        "oas": int(systems.get("Inter-American", 0)),
    }
    if k == n:
        head = tr(
            "The report's table marks each of the {n} instruments it lists as ratified or "
            "acceded to ({un} of the United Nations, {oas} inter-American by this book's "
            "grouping: transcription note 9).",
            c.lang,
            **values,
        )
    else:
        head = tr(
            "The report's table marks {k} of the {n} instruments it lists as ratified or "
            "acceded to ({un} of the United Nations, {oas} inter-American by this book's "
            "grouping: transcription note 9).",
            c.lang,
            **values,
        )
    return (
        head
        + " "
        + tr(
            "The report's summary speaks of all the United Nations and inter-American instruments "
            "on the world drug problem and related crimes; this book counts only the instruments "
            "its table lists (transcription note 20).",
            c.lang,
        )
    )


def horizontal_sentence(c: Cooperation) -> str:
    lang, rows = c.lang, c.t["horizontal-cooperation"]
    parts = [
        tr("{topic} ({partner})", lang, topic=label(t, lang), partner=label(p, lang))
        for p, t in zip(rows["partner"], rows["topic"], strict=True)
    ]
    return tr(
        "The report says that Peru's cooperation agency, APCI, is scheduling horizontal and "
        "triangular cooperation with member states on {list}.",
        lang,
        list=names(parts, lang),
    )


def visit_sentence(c: Cooperation) -> str:
    visit = c.t["study-visits"].iloc[0]
    return tr(
        "It also describes a study visit with {programme} in {month} that took officials of "
        "{n} member states to {regions}.",
        c.lang,
        programme=visit["programme"],
        month=month(visit["date"], c.lang),
        n=int(visit["member_states"]),
        regions=names(visit["regions"].split("; "), c.lang),
    )


def related_crimes_sentence(c: Cooperation) -> str:
    """The crimes related to drug trafficking that Peru coordinates against (IC 1.1)."""
    crimes = [label(crime, c.lang) for crime in c.t["related-crimes"]["crime"]]
    return tr(
        "The report says that Peru also takes part in regional coordination to prevent crimes "
        "related to drug trafficking, and names {crimes}, among others (priority action 1.1). "
        "For money laundering and the financing of terrorism and of the proliferation of "
        "weapons of mass destruction, it says that the "
        "Financial Intelligence Unit of the Superintendency of Banking, Insurance and Pension Fund "
        "Administrators (SBS) takes part in the plenary meetings, working groups and "
        "projects of the international bodies concerned, and in bilateral meetings led by "
        "the Ministry of Foreign Affairs or the tax and customs administration (SUNAT).",
        c.lang,
        crimes=names(crimes, c.lang),
    )


def unodc_sentence(c: Cooperation) -> str:
    lang, line = c.lang, unodc_line(c)
    return tr(
        "In the observatory's budget, the line labelled as transfers from UNODC comes to "
        "{total} over {first} to {last} ({currency}, {basis}), {low} to {high} of each "
        "year's budget.",
        lang,
        total=money(round(line["amount"].sum()), c.edition.currency, lang),
        first=int(line.index[0]),
        last=int(line.index[-1]),
        currency=currency_words(c.edition),
        basis=basis_words(c.edition),
        low=percent(line["share"].min(), lang),
        high=percent(line["share"].max(), lang),
    )


def phrases(c: Cooperation) -> dict[str, str]:
    return {
        "counts_sentence": c.pillar.counts_sentence(),
        "programmes_sentence": programmes_sentence(c),
        "busiest_sentence": busiest_sentence(c),
        "commissions_sentence": commissions_sentence(c),
        "horizontal_sentence": horizontal_sentence(c),
        "visit_sentence": visit_sentence(c),
        "n_uses": str(len(c.t["intelligence-exchange-uses"])),
        "related_crimes_sentence": related_crimes_sentence(c),
        "recipients": names(
            [
                tr(
                    "the {organisation} ({acronym})",
                    c.lang,
                    organisation=label(o, c.lang),
                    acronym=acronym(a, c.lang),
                )
                for o, a in zip(
                    c.t["information-recipients"]["organisation"],
                    c.t["information-recipients"]["acronym"],
                    strict=True,
                )
            ],
            c.lang,
        ),
        "donation_recipients": names([a for a in c.t["eu-donation-recipients"]["acronym"]], c.lang),
        "conventions_sentence": conventions_sentence(c),
        "n_measures": str(len(c.t["legal-measures"])),
        "unodc_sentence": unodc_sentence(c),
        "tone_sentence": c.pillar.tone_sentence(),
    }
