"""An edition coded wholly by a reader (`reader_file`, tests/conftest.py): its front page,
coverage chapter and figures follow the reader's statuses, in English and in Spanish. The
editions are executed (notebooks only) in the session's build folder."""

from tests.editions import edition_folder, figure_data, glued


def test_an_edition_follows_a_reader_who_codes_every_action(reader_file):
    folder = edition_folder(codings=reader_file)
    front = glued(folder, "intro")
    assert front["status_finding"].startswith(
        "Of the 52 priority actions the report evaluates, this edition codes 40 as met, 5 as "
        "partially met, 6 as not met and 1 as without information (RIME-1.5). All these "
        "statuses are the reader's own coding. Answering 1.4 to 1.6 together, the report says"
    )
    # (40 + 0.5 x 5) / 51 = 83.3%
    assert "the reader's coding the coverage score is 83%" in front["range_finding"]
    coverage = glued(folder, "coverage-gaps")
    assert coverage["overall_sentence"].endswith("that is a coverage score of 83%.")
    counts = figure_data(folder, "fig-headline-statuses")
    by_pillar = counts.set_index(counts.columns[0]).iloc[:, :4].astype(int).values.tolist()
    assert by_pillar == [[24, 0, 0, 0], [10, 5, 5, 1], [6, 0, 1, 0]]


def test_the_spanish_edition_follows_the_reader_too(reader_file):
    folder = edition_folder(codings=reader_file, lang="es")
    front = glued(folder, "intro")
    assert "40" in front["status_finding"] and "6" in front["status_finding"]
    assert "83" in front["range_finding"]
    counts = figure_data(folder, "fig-headline-statuses")
    assert counts.iloc[:, 1:5].astype(int).values.tolist() == [
        [24, 0, 0, 0],
        [10, 5, 5, 1],
        [6, 0, 1, 0],
    ]
