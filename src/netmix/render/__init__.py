"""Rendering: spreadsheet tables, the interactive map, the report, static images, Gephi files.

``render/html.py`` is the only module that imports pyvis.
"""
