"""The main job, in one direction: import → resolve → analyse → render.

:func:`run` imports every account and tie file of a :class:`~netmix.config.RunConfig`, resolves
the contacts into persons and analyses them; :func:`write_outputs` renders the result into an
output folder (DESIGN.md's output contract), all files or none. Both report their steps to an
optional ``progress`` callback as :class:`StepEvent` facts (a step code, the item it works on,
a count, seconds): the CLI turns them into a progress display, and every step's seconds go to
``timings.json`` beside the outputs (the only output that differs between two runs).

>>> from netmix.config import load_config                       # doctest: +SKIP
>>> result = run(load_config("samples/netmix.toml"))            # doctest: +SKIP
>>> written = write_outputs(result, "out")                      # doctest: +SKIP

Modules: :mod:`.running` (:func:`run`), :mod:`.outputs` (:func:`write_outputs`), :mod:`.steps`
(step events, timings.json), :mod:`.record` (run.json).
"""

from .outputs import write_outputs
from .record import input_digest, run_record
from .running import RunResult, import_all, resolve_all, run
from .steps import TIMINGS_FILE, Progress, StepClock, StepEvent, timings_record

__all__ = [
    "TIMINGS_FILE",
    "Progress",
    "RunResult",
    "StepClock",
    "StepEvent",
    "import_all",
    "input_digest",
    "resolve_all",
    "run",
    "run_record",
    "timings_record",
    "write_outputs",
]
