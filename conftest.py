"""Shared by every test, including the pages that pytest-codeblocks runs."""

import os
import sys

# The ```bash blocks on the pages run `python snippets/...`: make that the interpreter running
# the tests, however pytest was started.
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
