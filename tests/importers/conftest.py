"""Importer tests: sample builders live in importer_samples.py."""
