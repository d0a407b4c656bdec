"""Tools for testing scripts built on negotrack (the ``testing`` extra).

* :mod:`negotrack.testing.strategies` - hypothesis strategies for every model type,
  the same ones negotrack's own tests use.
* :mod:`negotrack.testing.laws` - checks of the position algebra's laws that run on any
  regions, without pytest.
"""
