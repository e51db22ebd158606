"""The site's runnable examples. `python -m snippets --help` runs and checks them."""
