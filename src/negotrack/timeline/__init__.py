"""The timeline layer: dated, sourced records and the snapshots they imply.

Depends on the model layer only.
"""
