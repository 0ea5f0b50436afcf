import sys

from analysis.edition.cli import main

sys.exit(main())
