"""The model layer: pure, immutable values (scales, regions, issues, parties, positions).

It imports nothing from the rest of negotrack and knows nothing of cattrs, networkx,
hypothesis or SQLite.
"""
