"""`python -m analysis`: the command line (analysis/edition/cli.py).

Ctrl-C while Python loads the command's modules, before the command handles signals itself,
is one line and exit status 130 too: nothing has been written yet.
"""

import sys

STARTING = "error: interrupted while starting; nothing was changed\n"

try:
    from analysis.edition.cli import main

    status = main()
except KeyboardInterrupt:
    try:
        sys.stderr.write(STARTING)
        sys.stderr.flush()
    except OSError:  # no terminal any more
        pass
    status = 130
sys.exit(status)
