"""Shared helpers of the lowest layers (text, names, arrays, URLs), importable from anywhere above."""
