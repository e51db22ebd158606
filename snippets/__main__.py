"""Run the site's examples and compare their output with the .out files.

    python -m snippets                      run every example, report mismatches
    python -m snippets sessions/flush       run the examples whose path contains this
    python -m snippets --list               list the examples
    python -m snippets --update             rewrite the .out files from real runs

DATABASE_URL selects the database (SQLite in memory when unset).
"""

import argparse
import os
import sys

from snippets import _examples


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m snippets", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="run only examples whose path contains one of these")
    parser.add_argument("--list", action="store_true", help="list the examples and exit")
    parser.add_argument("--update", action="store_true", help="write each output to its .out file")
    parser.add_argument("--cold", action="store_true", help="start a fresh interpreter per example")
    args = parser.parse_args()

    examples = [
        path for path in _examples.discover()
        if not args.names or any(name in _examples.display_name(path) for name in args.names)
    ]
    if not examples:
        print(f"no example matches {' '.join(args.names)}", file=sys.stderr)
        return 2
    if args.list:
        for path in examples:
            print(_examples.display_name(path))
        return 0

    database_url = os.environ.get("DATABASE_URL")
    failures = 0
    for number, path in enumerate(examples, 1):
        result = _examples.run(path, database_url, cold=args.cold)
        if args.update and result.exit_code == 0:
            _examples.write_expected_output(path, result.stdout, database_url)
        message = _examples.problem(result, database_url)
        status = "FAIL" if message else ("updated" if args.update else "ok")
        print(f"[{number}/{len(examples)}] {status:7} {_examples.display_name(path)}", flush=True)
        if message:
            failures += 1
            print(message)
    print(f"{len(examples) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
