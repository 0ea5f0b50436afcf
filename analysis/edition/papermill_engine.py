"""The papermill engine `mem-inprocess`: a notebook's cells run in papermill's own process.

Papermill finds it through the entry point declared in pyproject.toml, or through
`analysis.edition.engine.register()`; nothing else should import this module first.
"""

from papermill.engines import Engine

from analysis.edition.engine import CELL_TIMEOUT, run_cells


class InProcessEngine(Engine):
    """A papermill engine that runs the notebook's cells in the current process.

    `execution_timeout` (papermill's --execution-timeout) is the seconds a cell may run;
    by default CELL_TIMEOUT.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, execution_timeout=None, **kwargs):
        run_cells(nb_man, timeout=execution_timeout or CELL_TIMEOUT)
