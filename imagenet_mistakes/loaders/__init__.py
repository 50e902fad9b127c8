"""One module per source format: each parses and validates a file and returns Arrow tables.

Loaders never touch the database and never print; they raise
`SourceFormatError` naming the file and the problem.
"""
