import zipfile

from analysis.data import contract
from analysis.dictionary import escape, fields_table, provenance, write_package_zip


def test_escape_leaves_no_markup_or_html():
    hostile = "<script>alert(1)</script> {download}`x` **bold** [link](http://x)"
    escaped = escape(hostile)
    for token in ("<", ">", "{", "`", "*", "[", "("):
        assert token not in escaped.replace("\\" + token, "")


def test_fields_table_reads_the_contract():
    devida = contract()["resources"][0]
    table = fields_table(devida)
    assert list(table.index) == ["year", "currency", "amount", "printed"]
    assert table.loc["currency", "Allowed values"] == "one of: USD, PEN"
    assert table.loc["year", "Allowed values"] == "2019 to 2023"


def test_provenance_points_to_the_report_and_the_file():
    text = provenance(contract()["resources"][0])
    assert "objective 1, priority action 1.3;" in text
    assert "{download}`devida-budget.csv <../data/devida-budget.csv>`" in text


def test_package_zip_is_complete_and_byte_stable(tmp_path):
    first = write_package_zip(tmp_path / "a.zip").read_bytes()
    second = write_package_zip(tmp_path / "b.zip").read_bytes()
    assert first == second
    names = zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert len(names) == len(contract()["resources"]) + 1
    assert "mem-peru-2023-data/datapackage.json" in names
