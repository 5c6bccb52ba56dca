"""One module per command: rows of `core` turned into a `Page` of localized cells."""
