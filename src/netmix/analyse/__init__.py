"""Analyses of the ego network: overlap, clusters, inclusion / exclusion, bridges, roles, waves.

Pure functions over a :class:`networkx.Graph` of persons and the resolution's tables.
"""
