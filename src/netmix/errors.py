"""One error family for everything a user can get wrong.

Every error names the file (and the zip member and line when known), says what was found and
what to do. The CLI turns a :class:`NetmixError` into one clear message and an exit code; any
other exception is a bug and shows a traceback.
"""

from __future__ import annotations

import enum

__all__ = [
    "ConfigError",
    "EncodingError",
    "ExitCode",
    "FormatNotRecognised",
    "InputError",
    "NetmixError",
    "OutputError",
    "UnsafeInput",
]


class ExitCode(enum.IntEnum):
    """Process exit codes of the ``netmix`` command."""

    OK = 0
    ERROR = 1  # a bug: unexpected exception
    USAGE = 2  # click's own code for bad options
    INPUT = 3  # an input file is missing, unreadable or malformed
    UNSAFE = 4  # an input was refused as unsafe (zip bomb, XML entities, …)
    OUTPUT = 5  # the output could not be written


def _place(file: str | None, member: str | None, line: int | None) -> str:
    parts = []
    if file:
        parts.append(str(file))
    if member:
        parts.append(f"member {member!r}")
    if line:
        parts.append(f"line {line}")
    return ", ".join(parts)


class NetmixError(Exception):
    """Base of all errors meant for the user.

    Parameters
    ----------
    message : what was found and what was expected.
    file, member, line : where it was found (any may be ``None``).
    hint : what to do about it.
    """

    exit_code = ExitCode.ERROR

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        member: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.member = member
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = _place(self.file, self.member, self.line)
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def located(self, *, file: str | None = None, member: str | None = None) -> NetmixError:
        """Fill in the place if it is not known yet (used by callers higher up)."""
        if self.file is None and file is not None:
            self.file = str(file)
        if self.member is None and member is not None:
            self.member = member
        self.args = (str(self),)
        return self


class InputError(NetmixError, ValueError):
    """An input file is missing, unreadable or not in a format netmix knows."""

    exit_code = ExitCode.INPUT


class EncodingError(InputError, UnicodeError):
    """The text of an input is not in the expected encoding."""


class FormatNotRecognised(InputError):
    """No importer (or tie reader) recognises the input."""


class UnsafeInput(NetmixError, ValueError):
    """An input was refused because reading it could harm the machine (bomb, entities, …)."""

    exit_code = ExitCode.UNSAFE


class ConfigError(NetmixError, ValueError):
    """Options or the netmix.toml file are inconsistent."""

    exit_code = ExitCode.USAGE


class OutputError(NetmixError, OSError):
    """An output file could not be written."""

    exit_code = ExitCode.OUTPUT
