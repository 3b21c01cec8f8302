"""Resolution: which contacts are the same human (persons), doubles, and ties between persons.

CONTRACT (filled in by resolve/*.py; the pipeline and the renderers rely on it):

``resolve(contacts, tiesets, requests, *, threshold=..., decisions=None, seed=0) -> Resolution``

- ``contacts``: every account's contacts concatenated (``model.CONTACT_COLUMNS``).
- ``tiesets``: the :class:`~netmix.model.TieSet` list; a tie set with ``account`` names that
  account's contacts by their display names (or platform ids); without an account, names may be
  any account's. Tie nodes that match no contact become **non-contact persons** (people the
  ego is not connected to but who are tied to the ego's contacts: "22 mutual friends").
- ``requests``: request history (``model.REQUEST_COLUMNS``); each row gets a ``person_id``
  (a known person, else a new non-contact person when its name matches a tie node, else "").
"""
