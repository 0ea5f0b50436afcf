"""A reader's own codings (`codings`), the other readings of disputed actions, and how the
headline moves under them: worked by hand against small registers and against the book's."""

import pandas as pd
import pytest

from analysis.compute.coverage import gaps, sensitivity
from analysis.compute.register import STATUSES, edition_register, recoded, register
from analysis.contract.load import load_table
from analysis.edition.cli import main


@pytest.fixture(scope="module")
def book():
    return register(load_table("priority-actions"), load_table("assessment-items"))


def codings(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["action", "status", "reason"][: len(rows[0])])


# The reader's statuses over the book's --------------------------------------------------


def test_a_reader_status_replaces_the_book_s_with_its_reason(book):
    coded = recoded(book, codings(("IS-2.3", "not met", "Nothing is delegated in full.")))
    row = coded.set_index("id").loc["IS-2.3"]
    assert (row["status"], row["coded_by"], row["reason_by"]) == ("not met", "reader", "reader")
    assert row["reason"] == "Nothing is delegated in full."
    others = coded[coded["id"] != "IS-2.3"]
    assert (others["coded_by"] == "book").all()
    assert others["status"].tolist() == book[book["id"] != "IS-2.3"]["status"].tolist()


def test_without_a_reason_the_book_s_stays_only_where_the_status_does(book):
    coded = recoded(book, codings(("IS-1.1", "met"), ("IS-1.2", "not met"))).set_index("id")
    same, changed = coded.loc["IS-1.1"], coded.loc["IS-1.2"]
    assert (
        same["reason_by"] == "book"
        and same["reason"] == book.set_index("id").loc["IS-1.1", "reason"]
    )
    assert changed["reason_by"] == "none" and changed["reason"] == ""
    assert same["coded_by"] == changed["coded_by"] == "reader"


def test_gaps_follow_the_reader_s_coding(book):
    items = load_table("assessment-items")
    base = gaps(book, items)
    # IS-2.4 has one 'no' finding (item 16); coded met by a reader it is no gap any more.
    assert 16 in set(base["item"])
    # IS-1.1 has no 'no' finding; coded not met by a reader it becomes one gap, the reader's.
    coded = recoded(book, codings(("IS-2.4", "met", ""), ("IS-1.1", "not met", "Too low.")))
    after = gaps(coded, items)
    assert 16 not in set(after["item"].dropna())
    reader = after[after["by"] == "reader"]
    assert reader[["action", "finding"]].values.tolist() == [["IS-1.1", "Too low."]]
    assert reader["theme"].iloc[0] == "institutions"  # what IS 1's findings mostly concern
    assert len(after) == len(base) - 1 + 1


# How the score moves -------------------------------------------------------------------


def small_register() -> pd.DataFrame:
    """Four actions: met, partially met, not met, no information."""
    return pd.DataFrame(
        {
            "id": ["A-1.1", "A-1.2", "A-1.3", "A-1.4"],
            "pillar": ["IS"] * 4,
            "objective": [1] * 4,
            "title": ["a", "b", "c", "d"],
            "reason": ["r"] * 4,
            "status": pd.Categorical(STATUSES, categories=STATUSES, ordered=True),
            "coded_by": ["book"] * 4,
            "reason_by": ["book"] * 4,
        }
    )


def test_sensitivity_worked_by_hand():
    alternatives = pd.DataFrame(
        {
            "alternative": [1, 2, 3],
            "action": ["A-1.2", "A-1.3", "A-1.2"],
            "status": ["not met", "partially met", "met"],
            "note": [1, 2, 3],
            "reading": ["x", "y", "z"],
        }
    )
    table = sensitivity(small_register(), alternatives, 0.5).set_index("case", append=True)
    scores = table["score"].round(6).tolist()
    # Of 3 actions with information: in force (1 + 0.5) / 3; not met 1/3
    # partially met (1 + 0.5 + 0.5) / 3; met 2/3; lower: alternative 1 alone, 1/3;
    # higher: alternatives 2 and 3 (A-1.3 partially, A-1.2 met) (2 + 0.5) / 3; weight 0: 1/3;
    # weight 1: 2/3; lowest: alternative 1 at weight 0, 1/3; highest: 2 and 3 at weight 1, 3/3.
    expected = [1.5 / 3, 1 / 3, 2 / 3, 2 / 3, 1 / 3, 2.5 / 3, 1 / 3, 2 / 3, 1 / 3, 1]
    assert scores == [round(x, 6) for x in expected]
    cases = table.index.get_level_values("case").tolist()
    assert cases == [
        "in force",
        *["alternative"] * 3,
        "lower",
        "higher",
        "weight",
        "weight",
        "lowest",
        "highest",
    ]
    assert table["alternatives"].tolist()[4:6] == ["1", "2, 3"]
    assert table["alternatives"].tolist()[8:] == ["1", "2, 3"]
    first = table[["met", "partially met", "not met", "no information"]].iloc[0].tolist()
    assert first == [1, 1, 1, 1]


def test_the_book_s_headline_and_its_range(book):
    table = sensitivity(book, load_table("coding-alternatives"), 0.5).set_index("case")
    in_force = table.loc["in force"]
    assert [int(in_force[s]) for s in STATUSES] == [33, 11, 7, 1]
    assert in_force["score"] == pytest.approx((33 + 0.5 * 11) / 51)  # 75.5%: 75% as shown
    weights = table.loc["weight", "score"].tolist()
    assert weights == pytest.approx([33 / 51, 44 / 51])  # 64.7% and 86.3%
    alternatives = table.loc["alternative"].set_index("alternatives")
    assert alternatives.loc[1, "score"] == pytest.approx((33 + 0.5 * 10) / 51)  # IS-2.2 not met
    assert alternatives.loc[2, "score"] == pytest.approx((32 + 0.5 * 12) / 51)  # IS-2.3 partial
    assert alternatives.loc[4, "score"] == pytest.approx((32 + 0.5 * 11) / 50)  # IS-3.5 no info
    assert alternatives.loc[5, "score"] == pytest.approx((32 + 0.5 * 12) / 51)  # RIME-1.6 partial
    assert alternatives.loc[10, "score"] == pytest.approx((34 + 0.5 * 10) / 51)  # RIME-3.3 met
    # The two readings an outside audit found missing, and the rule for silence reversed.
    assert alternatives.loc[11, "score"] == pytest.approx((33 + 0.5 * 11) / 52)  # RIME-1.5 not met
    assert alternatives.loc[12, "score"] == pytest.approx((32 + 0.5 * 11) / 50)  # IS-2.7 no info
    assert alternatives.loc[13, "score"] == pytest.approx((32 + 0.5 * 12) / 51)  # IS-1.3 partial
    # Both changes at once: alternatives 1-8 and 11-13 lower the score (26 met, 13 partially
    # met, 11 not met, 2 without information): 32.5 / 50 = 65% at weight 0.5, and with a
    # partial action counting 0, 26 / 50 = 52%; 9 and 10 raise it, (35 + 0.5 x 9) / 51 =
    # 77.5%, at weight 1 no higher than weight 1 alone: 44 / 51.
    assert table.loc["lower", "score"] == pytest.approx(32.5 / 50)
    assert table.loc["lowest", "score"] == pytest.approx(26 / 50)
    assert table.loc["lowest", "alternatives"] == "1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13"
    assert table.loc["higher", "score"] == pytest.approx((35 + 0.5 * 9) / 51)
    assert table.loc["highest", "score"] == pytest.approx(44 / 51)
    assert table["score"].min() == pytest.approx(26 / 50)
    assert table.loc["alternative", "change"].round(6).tolist()[0] == round(-0.5 / 51, 6)


def test_every_alternative_is_documented_and_differs_from_the_book(book):
    alternatives = load_table("coding-alternatives")
    notes = load_table("transcription-notes").set_index("note")
    status = book.set_index("id")["status"].astype(str)
    for alt in alternatives.itertuples():
        assert alt.status != status[alt.action], alt
        assert notes.loc[alt.note, "kind"] in ("coding decision", "inconsistency"), alt
        assert "coding-alternatives" in notes.loc[alt.note, "resources"], alt
    assert set(alternatives["status"]) <= set(STATUSES)


# A reader's file, refused when it is wrong ----------------------------------------------

BAD_FILES = {
    "an unknown action": ("action,status\nIS-9.9,met\n", "row 2, field 'action': 'IS-9.9'"),
    "an unknown status": ("action,status\nIS-2.3,done\n", "row 2, field 'status': 'done'"),
    "a status in capitals": ("action,status\nIS-2.3,Met\n", "row 2, field 'status': 'Met'"),
    "an action twice": (
        "action,status\nIS-2.3,met\nIS-2.3,not met\n",
        "row 3, field 'action': the same value as row 2",
    ),
    "an empty file": (
        "",
        "is empty (expected a CSV table with the columns action, status[, reason])",
    ),
    "a header and no rows": ("action,status\n", "has its header but no rows"),
    "wrong columns": ("id,status\nIS-2.3,met\n", "not a CSV table with the columns action, status"),
    "a reason far too long": (
        "action,status,reason\nIS-2.3,met," + "x" * 600 + "\n",
        "row 2, field 'reason'",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_codings_file_is_one_line_exit_2(tmp_path, capsys, case):
    text, expected = BAD_FILES[case]
    path = tmp_path / "mine.csv"
    path.write_text(text, encoding="utf-8")
    status = main(["build", "--set", f"codings={path}"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1 and f"parameter 'codings': {path}" in err and expected in err, err


# An edition coded wholly by a reader ----------------------------------------------------


def test_a_reader_s_reason_is_shown_as_text_never_as_markup(reader_file):
    from analysis.chapters.priority_actions import register_table

    coded = edition_register(reader_file)
    assert coded.set_index("id").loc["IC-2.4", "reason"] == "<b>mine</b>"
    for lang in ("en", "es"):
        html = register_table(coded, lang)._repr_html_()
        assert "&lt;b&gt;mine&lt;/b&gt;" in html and "<b>mine" not in html


def test_the_banner_says_whose_codings_and_which_file(reader_file):
    from analysis.contract.parameters import Edition
    from analysis.contract.userfiles import digest
    from analysis.edition.sphinxext import banner

    copy = f"all-52-{digest(reader_file)[:8]}"  # the hash-named copy the edition reads
    english = banner(Edition(codings=reader_file), "book/intro")
    assert "the reader&#x27;s own coding, from the file " + copy in english
    assert "keep this book&#x27;s coding" in english
    spanish = banner(Edition(codings=reader_file, lang="es"), "book/intro")
    assert "codificación propia del lector, tomada del archivo " + copy in spanish
    assert "own coding" not in banner(Edition(), "book/intro")


def test_a_reader_who_codes_every_action_met_leaves_no_gap(tmp_path):
    from analysis.chapters.coverage_gaps import figures, words
    from analysis.compute.coverage import Coverage
    from analysis.contract.parameters import Edition

    path = tmp_path / "all-met.csv"
    ids = load_table("priority-actions")["id"]
    path.write_text("action,status\n" + "".join(f"{a},met\n" for a in ids), encoding="utf-8")
    coverage = Coverage(Edition(codings=str(path)))
    assert coverage.gaps.empty
    assert coverage.pillars.loc["all", "score"] == 1  # all 52 met, none without information
    assert words.gap_sentence(coverage).startswith("This edition counts no gaps")
    exhibit = figures.themes_figure(coverage)  # drawn, every theme at zero
    assert exhibit.alt.endswith("no gaps in this edition's coding.")


def test_other_readings_of_a_reader_s_actions_are_this_book_s_statuses(book):
    from analysis.compute.coverage import alternatives_in_force

    alternatives = load_table("coding-alternatives")
    # The reader codes IS-2.2 not met (the book: partially met, its alternative 1 not met)
    # and IS-1.1 met, as the book does.
    coded = recoded(book, codings(("IS-2.2", "not met"), ("IS-1.1", "met")))
    found = alternatives_in_force(coded, book, alternatives)
    assert "IS-1.1" not in set(found["action"])  # nothing to set against the same status
    own = found[found["action"] == "IS-2.2"]
    assert own[["status", "reading"]].values.tolist() == [["partially met", ""]]
    assert own["alternative"].tolist() == [int(alternatives["alternative"].max()) + 1]
    assert pd.isna(own["note"].iloc[0])
    others = found[found["action"] != "IS-2.2"]
    assert others["alternative"].tolist() == [a for a in alternatives["alternative"] if a != 1]


def test_a_reader_s_gap_goes_under_its_own_findings_theme(book):
    items = load_table("assessment-items")
    coded = recoded(book, codings(("IS-2.7", "not met", ""), ("RIME-1.5", "not met", "")))
    reader = gaps(coded, items).query("by == 'reader'").set_index("action")["theme"]
    assert reader["IS-2.7"] == "institutions"  # its one finding's theme
    assert reader["RIME-1.5"] == "information"  # no findings: RIME 1's most common theme


def test_the_findings_table_says_which_findings_decide_nothing(book):
    from analysis.chapters.priority_actions import findings_table, phrases

    items = load_table("assessment-items")
    coded = recoded(book, codings(("IS-2.4", "met")))
    html = findings_table(coded, items, "en")._repr_html_()
    assert html.count("no: the reader&#x27;s coding") == 1  # IS-2.4 has one finding
    words = phrases(coded, items, "en")["items_sentence"]
    assert words.endswith(
        "the reader's codings set the status of one action; its findings "
        "are shown for reference and decide nothing."
    )
