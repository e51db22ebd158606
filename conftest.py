"""Shared by every test, including the pages that pytest-codeblocks runs."""

import os
import sys

# Blocks on the pages that pytest-codeblocks runs as shell commands find the interpreter
# running the tests first, however pytest was started.
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
