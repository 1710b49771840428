"""Simulated core-banking system of a Vietnamese digital bank (raw layer)."""

__version__ = "0.1.0"
