"""Words of the lines ``netmix doubles`` and ``netmix batch`` print (:mod:`netmix.cli`).

The English lines are the ones these commands have always printed, numbers aside: they are written with
:func:`netmix.render.i18n.number`, as the progress lines are (``5,000 contacts``, ``5 000 contacts`` in French).
"""

from __future__ import annotations

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "doubles.account": "{account} ({sphere}): {got} from {path}",
    "doubles.account.contacts": "{n} contacts",
    "doubles.account.none": "no contact (left out)",
    "doubles.ties": "ties {source}: {nodes} nodes, {ties} ties",
    "doubles.count": "{n} doubles: {certain} certain, {likely} likely, {review} to review",
    "doubles.duplicates": "; {n} within-account duplicates",
    "doubles.decided": "[decided: {decision}]",
    "doubles.evidence": "evidence: {text}",
    "doubles.suggestion": "suggestion: {text}",
    "doubles.wrote": "wrote doubles.csv, contacts.csv and decisions-template.csv to {out}",
    "batch.bar": "participants",
    "batch.failed": "{participant}: failed: {error}",
    "batch.summary": "{total} participants: {done} done, {skipped} skipped, {failed} failed → {out}/participants.csv",
    "batch.all_failed": "every participant failed; see the error column of participants.csv",
    "batch.some_failed": "{failed} participant(s) failed (reasons above and in {out}/batch.log); the others are done",
}

FR: dict[str, str] = {
    "doubles.account": "{account} ({sphere}) : {got} dans {path}",
    "doubles.account.contacts": "{n} contacts",
    "doubles.account.none": "aucun contact (laissé de côté)",
    "doubles.ties": "liens {source} : {nodes} nœuds, {ties} liens",
    "doubles.count": "{n} doubles : {certain} certains, {likely} probables, {review} à vérifier",
    "doubles.duplicates": " ; {n} doublons dans un même compte",
    "doubles.decided": "[décidé : {decision}]",
    "doubles.evidence": "indices : {text}",
    "doubles.suggestion": "suggestion : {text}",
    "doubles.wrote": "doubles.csv, contacts.csv et decisions-template.csv écrits dans {out}",
    "batch.bar": "participants",
    "batch.failed": "{participant} : en échec : {error}",
    "batch.summary": "{total} participants : {done} faits, {skipped} passés, {failed} en échec → {out}/participants.csv",
    "batch.all_failed": "tous les participants sont en échec ; voyez la colonne error de participants.csv",
    "batch.some_failed": "{failed} participant(s) en échec (raisons ci-dessus et dans {out}/batch.log) ; les autres sont faits",
}
