"""The analysis layer: gaps, deadlocks, movement, the agreement space, forecasts, backtests.

Depends on the model and timeline layers only.
"""
