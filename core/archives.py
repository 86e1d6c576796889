"""The table of contents of an uploaded zip archive, inspected before any member is read.

Every upload that is a zip inside (GIS archives, XLSX workbooks) goes through :func:`inspect_archive`:
member count, absolute and ``..`` paths, symbolic links, total uncompressed size and compression ratio.
A problem raises :class:`ArchiveProblem` whose message names the archive and, where there is one, the member.
"""

import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: A caller's own check of one member: a message with ``%(member)s``, or None when the member is fine.
MemberCheck = Callable[[zipfile.ZipInfo], str | None]


@dataclass(frozen=True)
class ArchiveLimits:
    """How much an archive may hold; ``max_ratio`` None: the compression ratio is not checked."""

    max_members: int
    max_uncompressed_bytes: int
    max_ratio: int | None = None


class ArchiveProblem(ValueError):
    """An archive refused by :func:`inspect_archive`; ``str(error)`` is the message for the user."""


def megabytes(value: int) -> str:
    """``value`` bytes as a number of MB for a message: to a tenth (``270``, ``1.5``), or two significant
    digits below one MB (``0.0095``)."""
    mb = value / (1024 * 1024)
    return f"{mb:.1f}".removesuffix(".0") if mb >= 1 else f"{mb:.2g}"


def _path_problem(info: zipfile.ZipInfo) -> str | None:
    """A message (with ``%(member)s``) if the member's path leaves the archive or is a link, else None."""
    member = info.filename
    if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member):
        return _("member %(member)s has an absolute path.")
    if ".." in re.split(r"[/\\]", member):
        return _("member %(member)s leaves the archive folder (..).")
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("member %(member)s is a symbolic link.")
    return None


def inspect_archive(infos: list[zipfile.ZipInfo], name: str, limits: ArchiveLimits,
                    member_check: MemberCheck | None = None) -> None:
    """Refuse the archive ``name`` whose members are ``infos`` if it breaks ``limits`` or holds an unsafe path;
    ``member_check`` runs first on every member (what the caller accepts inside)."""
    if len(infos) > limits.max_members:
        raise ArchiveProblem(_("%(name)s contains %(count)d files; at most %(limit)d are allowed.") % {
            "name": name, "count": len(infos), "limit": limits.max_members})
    for info in infos:
        problem = (member_check(info) if member_check else None) or _path_problem(info)
        if problem:
            raise ArchiveProblem(f"{name}: " + problem % {"member": info.filename})
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise ArchiveProblem(_("%(name)s would unpack to %(size)s MB; at most %(limit)s MB are allowed.") % {
            "name": name, "size": megabytes(total), "limit": megabytes(limits.max_uncompressed_bytes)})
    compressed = sum(info.compress_size for info in infos)
    if limits.max_ratio and total > 1024 * 1024 and total > limits.max_ratio * max(compressed, 1):
        worst = max(infos, key=lambda info: info.file_size / max(info.compress_size, 1))
        raise ArchiveProblem(_("%(name)s is compressed %(ratio)d times (member %(member)s); more than "
                               "%(limit)d times looks like a zip bomb.") % {
            "name": name, "ratio": total // max(compressed, 1), "member": worst.filename,
            "limit": limits.max_ratio})

