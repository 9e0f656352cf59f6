"""facilitator: run the coordination meeting when a customer order is stuck between departments."""

__version__ = "0.1.0"
