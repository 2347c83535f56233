"""The one exception family of lakip-xl.

Every error the package raises on purpose derives from :class:`LakipGalat`; its message is
one line in Bahasa Indonesia that a door shows as it is (the CLI with exit code 2, a button
as a message box, a worksheet function as ``#LAKIP: ...``). Anything else is a bug.
"""

from __future__ import annotations


class LakipGalat(Exception):
    """Base of every lakip-xl error; ``str(e)`` is the one Indonesian line for the user."""


class BerkasTidakValid(LakipGalat):
    """A source file that cannot be read at all (missing, damaged, not a lakip-xl file)."""


class BerkasSudahAda(LakipGalat, FileExistsError):
    """The target exists and the caller did not ask to replace it."""


class BerkasGagalDitulis(LakipGalat):
    """The system refused to write a file or make a folder (no permission, no such folder,
    name too long, disk full...); the message names the path and what to do."""


class TujuanSamaDenganSumber(LakipGalat):
    """An output would be written over one of the command's own inputs."""


class AngkaTidakValid(LakipGalat, ValueError):
    """A text that cannot be read as a number."""


class AturanTidakValid(LakipGalat, ValueError):
    """Rule data (shipped, from a workbook's Referensi sheet or a JSON file) that is incomplete."""


class LaporanGagal(LakipGalat):
    """The report cannot be made."""


class OfficeTidakAda(LakipGalat, RuntimeError):
    """LibreOffice (or Word) is not installed."""


class OfficeGagal(LakipGalat, RuntimeError):
    """LibreOffice (or Word) ran but did not produce the file."""


class PemasanganSalah(LakipGalat, RuntimeError):
    """The installation does not match what lakip-xl needs (e.g. another xlwings version)."""


class ArgumenTidakValid(LakipGalat, ValueError):
    """A worksheet function received an argument it cannot use."""


class PengaturanTidakValid(LakipGalat, ValueError):
    """An environment setting (e.g. the server's body limit) with a value lakip-xl cannot use."""
