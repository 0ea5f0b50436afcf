"""Chapter "International cooperation" (report: pillar IC, objectives 1 and 2; IS 3.3)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.chapters.money import OPD_WHERE, basis_words, currency_words
from analysis.chapters.opd_funding import in_currency
from analysis.chapters.pillars import Pillar
from analysis.contract.load import load_table
from analysis.edition.parameters import FIRST_YEAR, LAST_YEAR, Edition
from analysis.exhibits.charts import annual_bars, check_matrix, horizontal_bars
from analysis.exhibits.formats import money, month, percent
from analysis.exhibits.publish import Exhibit, where
from analysis.exhibits.tables import Table, table
from analysis.exhibits.terms import answer_name
from analysis.exhibits.words import capitalised, label, names, tr

CHAPTER = "international-cooperation"
TABLES = (
    "cooperation-programmes",
    "bilateral-mechanisms",
    "horizontal-cooperation",
    "intelligence-exchange-uses",
    "study-visits",
    "eu-donation-recipients",
    "information-recipients",
    "legal-measures",
    "conventions",
    "opd-budget",
)
CHANNELS = (
    "bilateral programme",
    "multilateral programme",
    "bilateral mechanism",
    "horizontal cooperation",
    "information sharing",
    "technology transfer",
    "study visit",
)
# "... (UNODC)", "... (CICTE-OAS)" or "... CICTE - OAS": the acronym, without "OAS".
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]+)(?:-[A-Z]+)?\)$|\s([A-Z]{3,})(?:\s-\s[A-Z]+)?$")


def partner_key(name: str) -> str:
    """One name per partner across the lists: the acronym where the report gives one."""
    found = _ACRONYM.search(name.strip())
    return next(group for group in found.groups() if group) if found else name


class Cooperation:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self.pillar = Pillar("IC", edition)
        self.t = {name: load_table(name) for name in TABLES}
        self.channels = partner_channels(self.t)


def partner_channels(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partners (rows, in order of first mention) x channels of cooperation: True where used."""
    pairs = []
    programmes = t["cooperation-programmes"]
    for partner, level in zip(programmes["partner"], programmes["level"], strict=True):
        pairs.append((partner_key(partner), f"{level} programme"))
    pairs += [(country, "bilateral mechanism") for country in t["bilateral-mechanisms"]["country"]]
    pairs += [
        (partner, "horizontal cooperation") for partner in t["horizontal-cooperation"]["partner"]
    ]
    pairs += [(key, "information sharing") for key in t["information-recipients"]["acronym"]]
    pairs += [("European Union", "technology transfer")]  # the donor of IC 1.2's equipment
    # A programme by the name a study visit gives it: its acronym where it has one.
    sponsors = {
        partner_key(str(programme)): partner
        for programme, partner in zip(programmes["programme"], programmes["partner"], strict=True)
    }
    pairs += [
        (partner_key(sponsors[programme]), "study visit")
        for programme in t["study-visits"]["programme"]
    ]
    partners = list(dict.fromkeys(partner for partner, _ in pairs))
    matrix = pd.DataFrame(False, index=partners, columns=list(CHANNELS))
    for partner, channel in pairs:
        matrix.loc[partner, channel] = True
    return matrix


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


def region_name(code: str, lang: str) -> str:
    return {
        "South America": tr("South America", lang),
        "North America": tr("North America", lang),
        "Europe": tr("Europe", lang),
    }[code]


def programmes_sentence(c: Cooperation) -> str:
    levels = c.t["cooperation-programmes"]["level"].value_counts()
    partners = c.channels[c.channels[["bilateral programme", "multilateral programme"]].any(axis=1)]
    return tr(
        "The report lists {n} cooperation activities, {bilateral} bilateral and "
        "{multilateral} multilateral, with {partners} partners.",
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
        return tr(
            "Across all channels, the partner Peru works with in most ways is {partners} "
            "({k} of {n} channels).",
            c.lang,
            **values,
        )
    return tr(
        "Across all channels, the partners Peru works with in most ways are {partners} "
        "({k} of {n} channels each).",
        c.lang,
        **values,
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
        "Peru has bilateral mechanisms against drug-trafficking groups with {n} "
        "countries: {countries}; {regions}.",
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
        return tr(
            "Peru has ratified or acceded to all {n} instruments the report lists ({un} of "
            "the United Nations, {oas} inter-American by this book's grouping: "
            "transcription note 9).",
            c.lang,
            **values,
        )
    return tr(
        "Peru has ratified or acceded to {k} of the {n} instruments the report lists ({un} "
        "of the United Nations, {oas} inter-American by this book's grouping: "
        "transcription note 9).",
        c.lang,
        **values,
    )


def horizontal_sentence(c: Cooperation) -> str:
    lang, rows = c.lang, c.t["horizontal-cooperation"]
    parts = [
        tr("{topic} ({partner})", lang, topic=label(t, lang), partner=label(p, lang))
        for p, t in zip(rows["partner"], rows["topic"], strict=True)
    ]
    return tr(
        "Peru's cooperation agency, APCI, is lining up horizontal and triangular projects "
        "with other member states on {list}.",
        lang,
        list=names(parts, lang),
    )


def visit_sentence(c: Cooperation) -> str:
    visit = c.t["study-visits"].iloc[0]
    return tr(
        "A study visit with {programme} in {month} took officials of {n} member states "
        "to {regions}.",
        c.lang,
        programme=visit["programme"],
        month=month(visit["date"], c.lang),
        n=int(visit["member_states"]),
        regions=names(visit["regions"].split("; "), c.lang),
    )


def unodc_line(c: Cooperation) -> pd.DataFrame:
    """The observatory's UNODC transfer line and its share of the budget, edition's terms."""
    amounts = in_currency(c.t["opd-budget"], c.edition)
    return pd.DataFrame(
        {
            "amount": amounts["transfers_unodc"],
            "share": amounts["transfers_unodc"] / amounts.sum(axis=1) * 100,
        }
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


def channels_figure(c: Cooperation) -> Exhibit:
    lang, m = c.lang, c.channels
    marks = m.copy()
    marks.index = [capitalised(partner_label(p, lang)) for p in m.index]
    marks.columns = [channel_name(ch, lang) for ch in m.columns]
    chart = check_matrix(
        marks.rename_axis(tr("partner", lang)),
        lang=lang,
        height=7.0,
        yes=tr("used", lang),
        no=tr("not named", lang),
        title=tr("Peru's cooperation partners and channels", lang),
    )
    counts = m.sum(axis=1)
    caption = tr(
        "Partners (countries and organisations) by channel of cooperation, from the "
        "report's lists under Institutional Strengthening 3.3 and International "
        "Cooperation 1.1 and 1.2: a filled dot where the report names the partner for "
        "that channel. The channels are this book's grouping of those lists.",
        lang,
    )
    caption += " " + acronyms_note(m.index, lang) + "."
    alt = tr(
        "Matrix of {n} partners by {k} channels. In the most channels ({most}): {top}. "
        "In one channel only: {single} partners.",
        lang,
        n=len(m),
        k=len(CHANNELS),
        top=names([partner_label(p, lang) for p in counts.index[counts == counts.max()]], lang),
        most=int(counts.max()),
        single=int((counts == 1).sum()),
    )
    return Exhibit(
        "fig-cooperation-channels",
        CHAPTER,
        chart,
        caption,
        alt,
        f"{where('IS', '3.3', lang)}; {where('IC', '1.1-1.2', lang)}",
        c.edition,
        uses=(),
    )


def regions_figure(c: Cooperation) -> Exhibit:
    lang, mechanisms = c.lang, c.t["bilateral-mechanisms"]
    counts = mechanisms["region"].value_counts().sort_values(ascending=False, kind="stable")
    shown = pd.Series(counts.to_numpy(), index=[region_name(r, lang) for r in counts.index])
    chart = horizontal_bars(
        shown,
        lang=lang,
        height=3.6,
        xlabel=tr("countries", lang),
        title=tr("Countries with a bilateral mechanism, by region", lang),
    )
    caption = tr(
        "Countries with which Peru has a bilateral mechanism against drug-trafficking "
        "groups (joint commissions and agreements), by region (this book's grouping).",
        lang,
    )
    alt = tr(
        "Bars of {n} countries by region: {parts}.",
        lang,
        n=int(counts.sum()),
        parts=names([f"{region_name(r, lang)} {int(k)}" for r, k in counts.items()], lang),
    )
    return Exhibit(
        "fig-bilateral-regions",
        CHAPTER,
        chart,
        caption,
        alt,
        where("IC", "1.1", lang),
        c.edition,
        uses=(),
    )


def unodc_figure(c: Cooperation) -> Exhibit:
    lang, line = c.lang, unodc_line(c)
    chart = annual_bars(
        line["amount"],
        lang=lang,
        unit=1e3,
        decimals=0,
        ylabel=tr("Thousands of {currency}", lang, currency=currency_words(c.edition)),
        title=tr(
            "The observatory's UNODC transfer line ({basis})", lang, basis=basis_words(c.edition)
        ),
    )
    caption = tr(
        "The line of the Peruvian Drug Observatory's (OPD) budget labelled as "
        "transfers from the United Nations Office on Drugs and Crime (UNODC), in "
        "thousands of {currency}, {basis}. Its footnote says it includes transfers to "
        "other institutions for the coca monitoring report.",
        lang,
        currency=currency_words(c.edition),
        basis=basis_words(c.edition),
    )
    high = int(line["amount"].idxmax())
    alt = tr(
        "Bars of the UNODC line per year from {first} to {last}; the highest year is "
        "{high} ({amount}).",
        lang,
        first=int(line.index[0]),
        last=int(line.index[-1]),
        high=high,
        amount=money(round(line.loc[high, "amount"]), c.edition.currency, lang),
    )
    return Exhibit(
        "fig-unodc-line", CHAPTER, chart, caption, alt, where(*OPD_WHERE, lang), c.edition
    )


def programmes_table(c: Cooperation) -> Table:
    lang, p = c.lang, c.t["cooperation-programmes"]
    frame = pd.DataFrame(
        {
            tr("Level", lang): [
                tr("bilateral", lang) if lv == "bilateral" else tr("multilateral", lang)
                for lv in p["level"]
            ],
            tr("Partner", lang): [label(x, lang) for x in p["partner"]],
            tr("Programme", lang): [
                label(x, lang) if isinstance(x, str) else "—" for x in p["programme"]
            ],
            tr("What it supports (this project's words)", lang): [
                label(x, lang) if isinstance(x, str) else "—" for x in p["focus"]
            ],
        },
        index=p["item"].astype(int).astype(str).tolist(),
    )
    return table(
        frame,
        id="cooperation-programmes",
        lang=lang,
        stub="#",
        title=tr("Cooperation programmes (IS 3.3)", lang),
    )


def mechanisms_table(c: Cooperation) -> Table:
    lang, m = c.lang, c.t["bilateral-mechanisms"]
    frame = pd.DataFrame(
        {
            tr("Mechanism", lang): [label(x, lang) for x in m["mechanism"]],
            tr("Region (this book's grouping)", lang): [region_name(r, lang) for r in m["region"]],
        },
        index=[label(x, lang) for x in m["country"]],
    )
    return table(
        frame,
        id="bilateral-mechanisms",
        lang=lang,
        stub=tr("Country", lang),
        title=tr("Bilateral mechanisms against drug-trafficking groups (IC 1.1)", lang),
    )


def uses_table(c: Cooperation) -> Table:
    lang, u = c.lang, c.t["intelligence-exchange-uses"]
    frame = pd.DataFrame(
        {tr("Use", lang): [label(x, lang) for x in u["use"]]}, index=range(1, len(u) + 1)
    )
    return table(
        frame,
        id="intelligence-uses",
        lang=lang,
        stub="#",
        title=tr("What the secure intelligence channels serve (IC 1.1)", lang),
    )


def conventions_table(c: Cooperation) -> Table:
    lang, conv = c.lang, c.t["conventions"]
    frame = pd.DataFrame(
        {
            tr("System", lang): [label(s, lang) for s in conv["system"]],
            tr("Ratified or acceded", lang): [
                answer_name("yes" if v else "no", lang) for v in conv["ratified"]
            ],
        },
        index=[label(x, lang) for x in conv["instrument"]],
    )
    return table(
        frame,
        id="conventions",
        lang=lang,
        stub=tr("Instrument", lang),
        title=tr("International instruments (IC 2.4)", lang),
    )


def measures_table(c: Cooperation) -> Table:
    lang, m = c.lang, c.t["legal-measures"]
    frame = pd.DataFrame(
        {
            tr("Enacted", lang): [answer_name("yes" if v else "no", lang) for v in m["enacted"]],
            tr("Adopted", lang): [answer_name("yes" if v else "no", lang) for v in m["adopted"]],
            tr("Measure", lang): [label(n, lang) for n in m["name"]],
        },
        index=[label(k, lang) for k in m["kind"]],
    )
    return table(
        frame,
        id="legal-measures",
        lang=lang,
        stub=tr("Kind", lang),
        title=tr(
            "Measures enacted and adopted in {first}-{last} (IC 2.3)",
            lang,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        ),
    )
