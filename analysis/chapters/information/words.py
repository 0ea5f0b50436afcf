"""Research, information, monitoring and evaluation, the words: the chapter's sentences."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.information.numbers import Information, k_of_n
from analysis.compute import coverage as cov
from analysis.exhibits.language import in_sentence, label, names, quoted_names, tr


def network_sentence(c: Information) -> str:
    lang, stakeholders = c.lang, c.t["din-stakeholders"]
    outside = [
        label(s, lang)
        for s in stakeholders.loc[~stakeholders["involved"].astype(bool), "stakeholder"]
    ]
    k, n = k_of_n(stakeholders, "involved")
    values = {"k": k, "n": n, "outside": quoted_names(outside, lang), "m": len(outside)}
    if not outside:
        return tr(
            "The network's table lists all {n} kinds of stakeholder as members.", lang, **values
        )
    if len(outside) == 1:
        return tr(
            "The network's table lists {k} of {n} kinds of stakeholder as members; the one "
            "it leaves out is {outside}.",
            lang,
            **values,
        )
    return tr(
        "The network's table lists {k} of {n} kinds of stakeholder as members; the {m} it "
        "leaves out are {outside}.",
        lang,
        **values,
    )


def forensic_sentence(c: Information) -> str:
    lang, forensic = c.lang, c.t["forensic-institutions"]
    outside = int((~forensic["in_network"].astype(bool)).sum())
    values = {"n": len(forensic), "outside": outside}
    if outside == len(forensic):
        text = tr(
            "The text on forensic capacity (3.3) names {n} bodies responsible for analysing "
            "chemical substances, precursors and pharmaceutical products, and says that none "
            "of them belongs to the network.",
            lang,
            **values,
        )
    else:
        text = tr(
            "The text on forensic capacity (3.3) names {n} bodies responsible for analysing "
            "chemical substances, precursors and pharmaceutical products, and says that "
            "{outside} of them are outside the network.",
            lang,
            **values,
        )
    repeated = forensic["acronym_as_printed"].value_counts()
    for acronym, times in repeated[repeated > 1].items():
        text += " " + tr(
            "It gives {k} of them the same acronym, {acronym} (transcription note 10).",
            lang,
            k=int(times),
            acronym=acronym,
        )
    return (
        text
        + " "
        + tr(
            "If they are the laboratories the table counts as members, table and text are "
            "inconsistent; the table may also mean other laboratories (transcription note 6).",
            lang,
        )
    )


def demand_sentence(c: Information) -> str:
    lang, demand = c.lang, c.t["demand-studies"]
    k, n = k_of_n(demand, "done")
    done = demand[demand["done"].astype(bool)]
    listed = [
        tr("{study} ({year})", lang, study=label(s, lang), year=int(y))
        for s, y in zip(done["study"], done["most_recent_year"], strict=True)
    ]
    if k == 0:
        return tr(
            "Of the {n} kinds of demand study the report asks about, Peru carried out and "
            "published none.",
            lang,
            n=n,
        )
    if k == 1:
        return tr(
            "Of the {n} kinds of demand study the report asks about, Peru carried out and "
            "published one: {done}.",
            lang,
            n=n,
            done=listed[0],
        )
    return tr(
        "Of the {n} kinds of demand study the report asks about, Peru carried out and "
        "published {k}: {done}.",
        lang,
        n=n,
        k=k,
        done=names(listed, lang),
    )


def treatment_sentence(c: Information) -> str:
    lang = c.lang
    modalities, institutions = c.t["treatment-modalities"], c.t["treatment-data-institutions"]
    km, nm = k_of_n(modalities, "included")
    ki, ni = k_of_n(institutions, "reports")
    missing = [
        in_sentence(label(m, lang))
        for m in modalities.loc[~modalities["included"].astype(bool), "modality"]
    ]
    reporting = [
        in_sentence(label(i, lang))
        for i in institutions.loc[institutions["reports"].astype(bool), "institution"]
    ]
    values = {
        "km": km,
        "nm": nm,
        "missing": quoted_names(missing, lang),
        "ki": ki,
        "ni": ni,
        "reporting": quoted_names(reporting, lang),
    }
    if ki == 1:
        return tr(
            "According to the report's tables, the national treatment data system includes "
            "{km} of the {nm} modalities they list (not {missing}), and patient data are "
            "collected from only one of {ni} kinds of institution: the {reporting}.",
            lang,
            **values,
        )
    return tr(
        "According to the report's tables, the national treatment data system includes "
        "{km} of the {nm} modalities they list (not {missing}), and patient data are "
        "collected from {ki} of {ni} kinds of institution: {reporting}.",
        lang,
        **values,
    )


def evaluation_sentence(c: Information) -> str:
    lang = c.lang
    item = cov.evaluation_checklist(c.t["evaluation-studies"], c.t["evaluation-kinds"])
    monitoring = c.t["monitoring-mechanisms"]
    km, nm = k_of_n(monitoring, "in_place")
    studies = c.t["evaluation-studies"].dropna(subset=["title"])
    done = [
        f"{label(t, lang)} ({y})" for t, y in zip(studies["title"], studies["years"], strict=True)
    ]
    values = {"n": item.total, "k": item.have, "done": names(done, lang), "km": km, "nm": nm}
    if item.have == 0:
        head = tr(
            "Of the {n} kinds of evaluation in this book's list (evaluation studies, from the "
            "report's table, and intermediate outcome and impact evaluations, from its text, "
            "each of prevention and of treatment), the report records none.",
            lang,
            **values,
        )
    elif item.have == 1:
        head = tr(
            "Of the {n} kinds of evaluation in this book's list (evaluation studies, from the "
            "report's table, and intermediate outcome and impact evaluations, from its text, "
            "each of prevention and of treatment), the report records one: {done}.",
            lang,
            **values,
        )
    else:
        head = tr(
            "Of the {n} kinds of evaluation in this book's list (evaluation studies, from the "
            "report's table, and intermediate outcome and impact evaluations, from its text, "
            "each of prevention and of treatment), the report records {k}: {done}.",
            lang,
            **values,
        )
    return (
        head
        + " "
        + tr(
            "Its table shows mechanisms that continually monitor {km} of the {nm} kinds of "
            "service it lists.",
            lang,
            **values,
        )
    )


def supply_sentence(c: Information) -> str:
    lang, supply = c.lang, c.t["supply-information"]
    item = cov.checklist("supply-information", supply, "information", "available")
    added = cov.added_rows(supply, "information")
    years = supply.loc[~added, "most_recent_year"].dropna().astype(int)
    latest = years.value_counts().sort_index(ascending=False)
    commonest = int(years.mode().max())
    institutions = [
        f"{a} ({label(i, lang)})"
        for i, a in zip(
            c.t["supply-information-institutions"]["institution"],
            c.t["supply-information-institutions"]["acronym"],
            strict=True,
        )
    ]
    values = {
        "k": item.have,
        "n": item.total,
        "commonest": commonest,
        "count": int(latest[commonest]),
        "institutions": names(institutions, lang),
    }
    if values["count"] == len(years):
        text = tr(
            "Of the {n} kinds of supply information in the report's table, it marks {k} as "
            "available, the latest data for each from {commonest}; the report names "
            "{institutions} as taking part in the mechanisms that collect and analyse it.",
            lang,
            **values,
        )
    else:
        text = tr(
            "Of the {n} kinds of supply information in the report's table, it marks {k} as "
            "available, most recently for {commonest} ({count} of them); the report names "
            "{institutions} as taking part in the mechanisms that collect and analyse it.",
            lang,
            **values,
        )
    others = tr("Others:", lang)  # the open row's label, as the data's translation has it
    extra = [
        tr("{name} ({year})", lang, name=_added_name(name, others, lang), year=int(year))
        if pd.notna(year)
        else _added_name(name, others, lang)
        for name, year in zip(
            supply.loc[added, "information"], supply.loc[added, "most_recent_year"], strict=True
        )
    ]
    if extra:  # the questionnaire's open row: counted in neither number above
        text += " " + tr(
            "Under 'Others', Peru also reports {added}.", lang, added=names(extra, lang)
        )
    return text


def _added_name(row: str, others: str, lang: str) -> str:
    """'Others: Quantification of illicit coca crops' -> 'quantification of illicit coca crops'."""
    return in_sentence(label(row, lang).removeprefix(others).strip())


def mem_sentence(c: Information) -> str:
    lang, mem = c.lang, c.t["mem-participation"]
    k, n = k_of_n(mem, "designated")
    rounds = mem["evaluation_year"].nunique()
    values = {"k": k, "n": n, "rounds": rounds}
    if k == n:
        return tr(
            "The report's table shows Peru's representatives in each of its {n} places: the "
            "national coordinating entity and the governmental expert group of each of the "
            "{rounds} thematic evaluations of the round.",
            lang,
            **values,
        )
    return tr(
        "The report's table shows Peru's representatives in {k} of its {n} places: the "
        "national coordinating entity and the governmental expert group of each of the "
        "{rounds} thematic evaluations of the round.",
        lang,
        **values,
    )


def phrases(c: Information) -> dict[str, str]:
    p = c.pillar
    return {
        "counts_sentence": p.counts_sentence(),
        "network_sentence": network_sentence(c),
        "forensic_sentence": forensic_sentence(c),
        "network_statuses": p.statuses_sentence(["1.4", "1.2", "1.8"]),
        "demand_sentence": demand_sentence(c),
        "treatment_sentence": treatment_sentence(c),
        "treatment_coding": p.coding_of(
            "2.2",
            tr(
                "This book codes the action as {status}: the system records what the action "
                "asks for, and the missing modality and the providers that do not report to "
                "it are kept as context.",
                c.lang,
                status=p.book_status("2.2"),
            ),
        ),
        "dissemination_coding": p.coding_of(
            "4.3",
            tr(
                "This book codes making the MEM's reports known at home (4.3) as {status}: the "
                "report says that Peru carried out no periodic activities to promote them to "
                "national institutions, and also lists their distribution through official "
                "channels and on institutional web portals (transcription note 15).",
                c.lang,
                status=p.book_status("4.3"),
            ),
        ),
        "evaluation_sentence": evaluation_sentence(c),
        "supply_sentence": supply_sentence(c),
        "n_market": str(len(c.t["drug-market-studies"])),
        "n_legal": str(len(c.t["legal-use-studies"])),
        "mem_sentence": mem_sentence(c),
        "n_review": str(len(c.t["mem-review-activities"])),
        "n_forensic": str(len(c.t["forensic-institutions"])),
        "tone_sentence": p.tone_sentence(),
    }
