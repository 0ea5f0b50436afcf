"""Write the published site's address into _config.yml (`html.baseurl`), before a build.

The Pages workflow runs it with the address GitHub gives the site, so that citations, the
PDFs and canonical links name each edition's published address:

    python3 .ci/set_baseurl.py https://owner.github.io/repo

Only the `baseurl` line under `html:` changes (the address ends in "/"); the rest of the
file is left as it is.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "_config.yml"
LINE = re.compile(r"^(  baseurl: ).*$", re.M)


def main(address: str) -> int:
    address = address.strip()
    if not re.match(r"^https?://[^\s\"']+$", address):
        print(f"not a web address: {address!r}", file=sys.stderr)
        return 2
    text = CONFIG.read_text(encoding="utf-8")
    if not LINE.search(text):
        print(f"no 'baseurl:' line under html: in {CONFIG.name}", file=sys.stderr)
        return 1
    value = json.dumps(address.rstrip("/") + "/")
    CONFIG.write_text(LINE.sub(lambda m: m.group(1) + value, text, count=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
