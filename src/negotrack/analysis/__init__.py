"""The analysis layer: gaps, deadlocks, movement, the agreement space and forecasts.

Depends on the model and timeline layers only.
"""
