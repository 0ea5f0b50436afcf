"""Tables as data: each table of the pillar and coverage chapters is a specification, and
one function makes a table from it."""

import pandas as pd

from analysis.chapters.table_specs import SPECS, TABLES, answer
from analysis.exhibits.tables import NUMBERED, Column, TableSpec, as_is, from_spec


def test_a_specification_makes_the_table_it_describes():
    spec = TableSpec(
        "t",
        "Measures enacted and adopted in {first}-{last} (IC 2.3)",
        NUMBERED,
        (
            Column("Programme", "name", as_is),
            Column("Answer", "done", answer),
            Column("Score (%)", "share", as_is, decimals=1),
        ),
    )
    frame = pd.DataFrame({"name": ["a", "b"], "done": [True, False], "share": [0.25, 12.35]})
    made = from_spec(spec, frame, "es", id="u", first=2019, last=2023)
    html = made._repr_html_()
    assert made.title.startswith("Medidas") and "2019-2023" in made.title, made.title
    assert 'id="u"' in html and ">#</th>" in html
    # Worked by hand: rows numbered from 1; answers in Spanish; halves rounded up.
    cells = [">1<", ">2<", ">sí<", ">no<", ">0.3<", ">12.4<"]
    assert all(cell in html for cell in cells), [cell for cell in cells if cell not in html]


def test_every_table_has_an_id_of_its_own():
    assert len(TABLES) == len(SPECS)
