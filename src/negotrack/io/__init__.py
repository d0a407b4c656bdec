"""The outputs layer: scenario files, the SQLite store and reports.

Depends on the model, timeline and analysis layers; nothing depends on it but the CLI.
"""
