""":func:`analyse`: every analysis of a resolution, as a short sequence of named steps."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Unpack

import pandas as pd

from ..graph import observed_ties, person_ties, to_networkx
from ..model import Account, Analysis, Deferred, Resolution
from .circle_tables import circle_tables
from .circles import circle_params
from .overlap import account_spheres, overlap
from .possible_bridges import with_possible_bridges
from .steps import (
    Ahead,
    OptionArgs,
    Options,
    add_betweenness,
    add_clusters,
    add_structure,
    find_waves,
    inferred_degree,
    prepare_persons,
    start_structure,
)
from .tables import bridges_table, circle_facts, output_order, result_tables, run_params, summary_facts

__all__ = ["ANALYSIS_STEPS", "analyse", "run_steps", "structure_ahead"]

Progress = Callable[[str], None]

#: The code of each step :func:`analyse` announces to its ``progress`` callback, in order (the CLI words them in the
#: run's language; timings.json keeps them as they are).
ANALYSIS_STEPS: tuple[str, ...] = (
    "waves", "person_graph", "clusters", "roles", "effective_size", "exclusions", "circles", "betweenness", "overlap",
)  # fmt: skip


def _quiet(step: str) -> None:
    """The default progress callback: says nothing."""


def analyse(
    resolution: Resolution,
    accounts: Sequence[Account] | Mapping[str, str] = (),
    *,
    labels: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    ahead: Ahead | None = None,
    meanwhile: Callable[[], None] | None = None,
    **options: Unpack[OptionArgs],
) -> Analysis:
    """Run every analysis on a resolution.

    Parameters
    ----------
    resolution : Resolution
        Persons, contacts, ties and requests (:func:`netmix.resolution.resolve`).
    accounts : sequence of Account, or mapping of str to str
        The ego's accounts (name → sphere), for per-account figures and columns.
    labels : mapping of str to str, optional
        The user's cluster labels (cluster → label; :func:`.labels.load_labels`).
    progress : callable, optional
        Called with the code of each step as it starts (:data:`ANALYSIS_STEPS`; the CLI says it on stderr).
    ahead : Ahead, optional
        :func:`structure_ahead` of this resolution's persons and ties with the same ``options``, started
        while the resolution was being made; ``None``: started here.
    meanwhile : callable, optional
        Called once everything but betweenness and constraint is measured, before waiting for them (on a big
        graph they may still be being counted in another process): the caller's own work that fills the wait.
    **options
        Any field of :class:`.steps.Options` (``seed``, ``resolution_param``, ``min_mutual``,
        ``infer``, wave, betweenness, role and bridge parameters; described there).

    Returns
    -------
    Analysis
        Every table sorted; the same input and seed give the same output.

    Examples
    --------
    >>> import pandas as pd
    >>> from netmix.model import Resolution
    >>> persons = pd.DataFrame({"person_id": list("abcd"), "accounts": "fb", "sphere": "personal", "is_contact": "1"})
    >>> ties = pd.DataFrame({"a": list("aabc"), "b": list("bccd"), "weight": 1.0, "kind": "observed", "source": ""})
    >>> e = pd.DataFrame()
    >>> result = analyse(Resolution(e, persons, e, e, ties, e), {"fb": "personal"}, seed=1)
    >>> result.summary["ties_observed"], result.persons.set_index("person_id")["degree"].to_dict()
    (4, {'a': 2, 'b': 2, 'c': 3, 'd': 1})
    """
    opts = Options(**options)
    return run_steps(
        resolution, accounts, opts, labels=labels, step=progress or _quiet, ahead=ahead, meanwhile=meanwhile
    )


def structure_ahead(person_ids: Sequence[str], ties: pd.DataFrame, **options: Unpack[OptionArgs]) -> Ahead:
    """Start the slowest measures :func:`analyse` makes, betweenness and the circles' partitions (in another
    process on a big graph), before the resolution is complete, from its persons' ids (sorted) and its ties;
    hand them to :func:`analyse`, with the same ``options``.

    >>> ties = pd.DataFrame({"a": ["a", "b"], "b": ["b", "c"]})
    >>> structure_ahead(["a", "b", "c"], ties, seed=1).betweenness()[0].tolist()
    [0.0, 1.0, 0.0]
    """
    return start_structure(person_ids, ties, Options(**options))


def run_steps(
    resolution: Resolution,
    accounts: Sequence[Account] | Mapping[str, str],
    opts: Options,
    *,
    labels: Mapping[str, str] | None,
    step: Progress,
    ahead: Ahead | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Analysis:
    """The steps of :func:`analyse`, in order, each named after what it adds."""
    persons = prepare_persons(resolution)
    if ahead is None:  # the slowest measures, counted meanwhile (another process on big graphs)
        ahead = start_structure(persons["person_id"].tolist(), resolution.ties, opts)
    step("waves")
    waves = find_waves(resolution, opts)
    step("person_graph")
    observed_table = observed_ties(resolution)
    observed = ahead.observed
    ties = person_ties(resolution, infer=opts.infer, waves=waves, observed=observed_table)
    step("clusters")
    codes, cluster_info = add_clusters(persons, observed, waves, opts)
    add_structure(persons, observed, codes, opts, step)
    persons["inferred_degree"] = inferred_degree(persons, ties.inferred)
    step("exclusions")
    spheres = account_spheres(accounts, resolution.contacts)
    tables = result_tables(persons, observed, resolution.requests, list(spheres), labels, opts)
    tables["waves"] = waves
    # the slowest measures: these steps wait for them, circles first (this process may find some of their partitions
    # itself while the other still counts betweenness), then constraint and betweenness (the caller's work meanwhile)
    step("circles")
    tables["circles"], tables["circle_members"], persons["circles"] = circle_tables(
        persons, observed, ahead.circles(), accounts=list(spheres), exclusions=tables["exclusions"], labels=labels,
        min_mutual=opts.min_mutual,
    )  # fmt: skip
    step("betweenness")
    if meanwhile is not None:
        meanwhile()
    betweenness_info = add_betweenness(persons, codes, opts, ahead)
    step("overlap")
    ov = overlap(persons, spheres, contacts=resolution.contacts)
    tables["bridges"] = with_possible_bridges(
        bridges_table(persons, top=opts.top_bridges), persons, observed, resolution.doubles, exact_max=opts.exact_betweenness_max
    )
    persons = output_order(persons)
    # the networkx graph is made only if someone reads analysis.graph: the outputs draw from the tie table
    graph = Deferred(to_networkx, persons, ties.edges, extra=("cluster", "ego_role"))
    return Analysis(
        persons=persons,
        **tables,
        overlap=ov,
        summary=summary_facts(persons, resolution.contacts, ties, tables, cluster_info, ov)
        | circle_facts(persons, tables["circles"]),
        params=run_params(opts, cluster_info, betweenness_info) | {"circles": circle_params()},
        graph=graph,
        ties=ties.edges,
    )
