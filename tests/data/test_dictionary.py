"""The data page: dictionary entries generated from the contract, and the zipped package."""

import io
import zipfile

from analysis.chapters.data_appendix import allowed_values, origin, provenance, resources
from analysis.contract.load import contract
from analysis.contract.package import write_package_zip
from analysis.exhibits.markup import escape


def _resource(name):
    return next(r for r in resources() if r["name"] == name)


def test_escape_leaves_no_markup_or_html():
    hostile = "<script>alert(1)</script> {download}`x` **bold** [link](http://x)"
    escaped = escape(hostile)
    for token in ("<", ">", "{", "`", "*", "[", "("):
        assert token not in escaped.replace("\\" + token, "")


def test_allowed_values_read_the_contract():
    fields = {f["name"]: f for f in _resource("devida-budget")["schema"]["fields"]}
    assert allowed_values(fields["currency"], "en") == "one of (as written in the file): USD, PEN"
    assert allowed_values(fields["year"], "en") == "2019 to 2023"


def test_provenance_reads_as_sentences():
    assert origin(_resource("devida-budget"), "en") == (
        "In the report: Institutional Strengthening, priority action 1.3: "
        "Annual budget amount of the national drug authority, 2019-2023."
    )
    assert origin(_resource("din-stakeholders"), "en").startswith(
        "In the report: Research, Information, Monitoring and Evaluation, priority actions "
        "1.4 to 1.6: "
    )
    assert origin(_resource("priority-actions"), "en").startswith(
        "This project's reading of the report (the 52 priority actions)"
    )
    assert "{download}`devida-budget.csv <../data/devida-budget.csv>`" in provenance(
        _resource("devida-budget"), "en"
    )


def test_package_zip_is_complete_and_byte_stable(tmp_path):
    first, second = io.BytesIO(), io.BytesIO()
    write_package_zip(first)
    write_package_zip(second)
    assert first.getvalue() == second.getvalue()
    names = zipfile.ZipFile(first).namelist()
    assert len(names) == len(contract()["resources"]) + 1
    assert "mem-peru-2023-data/datapackage.json" in names
