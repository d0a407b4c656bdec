"""negotrack's benchmarks: one ``bench_<name>.py`` module per topic, each with a ``main()``.

Run them all with ``python -m benchmarks`` (``make bench``), one with
``python -m benchmarks <name>``, small sizes only with ``--quick``.
"""
