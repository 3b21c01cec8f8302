"""Where the participants run: local worker processes, this process, or a Dask cluster.

Each participant's work is a pure function of its folder and the settings, so the results are
the same byte for byte whichever executor ran them.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Callable
from typing import Any

from ..errors import ConfigError
from .participant import ParticipantOutcome, Task, process_participant

__all__ = ["Report", "run_dask", "run_local"]

#: Called once per finished participant.
Report = Callable[[ParticipantOutcome], None]


def run_local(tasks: list[Task], workers: int, report: Report) -> None:
    """Run the tasks in ``workers`` spawned processes (in this process when 1)."""
    if workers <= 1 or len(tasks) <= 1:
        for t in tasks:
            report(process_participant(t))
        return
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=ctx) as pool:
        futures = [pool.submit(process_participant, t) for t in tasks]
        for fut in cf.as_completed(futures):
            report(fut.result())


def run_dask(tasks: list[Task], scheduler: Any, report: Report) -> None:
    """Run the tasks on a Dask cluster (an address, or a ``distributed.Client``)."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask is an optional extra
        raise ConfigError("Dask is not installed", hint="pip install 'netmix[dask]'") from exc
    own = isinstance(scheduler, str)
    try:
        client = Client(scheduler, set_as_default=False) if own else scheduler
    except OSError as exc:
        raise ConfigError(
            f"cannot reach the Dask scheduler {scheduler!r} ({exc})", hint="check the address: tcp://HOST:8786"
        ) from exc
    try:
        futures = client.map(process_participant, tasks, pure=False)
        with client.as_current():  # as_completed looks for the current client
            for fut in as_completed(futures):
                report(fut.result())
    finally:
        if own:
            client.close()
