"""Batch mode: run netmix over many participants and collect one tidy table.

Layout of the input folder (one sub-folder per participant; the folder name is the
participant id — the researcher's code — and is kept as given, even when pseudonymising)::

    ROOT/
      P001/
        netmix.toml                  optional: accounts, ties and settings (as for `netmix analyze`);
                                       it may only name files inside P001/
        perso/ …                     without a toml: every export folder or file is an account,
        pro.professional/ …            named <account>[.<sphere>] (sphere: personal | professional,
        linkedin.csv                   or perso | pro); without a sphere, names containing pro,
                                       linkedin, work or job are professional, others personal
        ties/perso.gdf               optional: tie files; ties/<account>.<ext> belong to <account>
        decisions.csv, labels.csv    optional, as in netmix.toml
      P002/ …

Outputs (``OUT``, never inside ``ROOT``)::

    OUT/participants.csv, participants.parquet   one row per participant, sorted by id
    OUT/risk.json                                 re-identification risk (per participant + overall)
    OUT/batch.log                                 one line per participant: done / skipped / failed
    OUT/<participant>/…                           that participant's `netmix analyze` outputs,
                                                  + risk.json and batch.json (resume record)

The modules: :mod:`~netmix.batch.discovery` (participants and their configuration),
:mod:`~netmix.batch.resume` (fingerprints of finished participants),
:mod:`~netmix.batch.participant` (one participant's work), :mod:`~netmix.batch.executors`
(local processes or Dask), :mod:`~netmix.batch.table` (participants table, parquet, risk) and
:mod:`~netmix.batch.run` (:func:`run_batch`).
"""

from .discovery import Participant, detect_config, discover
from .participant import ParticipantOutcome, process_participant
from .resume import fingerprint
from .run import BatchProgress, BatchResult, run_batch
from .table import PARTICIPANT_COLUMNS, participant_row

__all__ = [
    "PARTICIPANT_COLUMNS",
    "BatchProgress",
    "BatchResult",
    "Participant",
    "ParticipantOutcome",
    "detect_config",
    "discover",
    "fingerprint",
    "participant_row",
    "process_participant",
    "run_batch",
]
