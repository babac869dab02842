"""Files of text: whether bytes are text, and the lines of a (gzipped) text file.

The lowest layer, with :mod:`newsfuse.types`: the engines read line files with it, ingest decodes inputs with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

# Control characters other than tab/newline/carriage return/form feed are rare in text files.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is most likely not text (NUL bytes or many control characters).

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Kim left Beijing.".encode())
    False
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.05


# UTF-32 first: its little-endian BOM begins with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` starts with that encoding's byte-order mark, else None.

    >>> wide_encoding("Kim".encode("utf-16")), wide_encoding(b"Kim")
    ('utf-16', None)
    """
    return next((codec for bom, codec in _WIDE_BOMS if data.startswith(bom)), None)


def wide_text(data: bytes, *, head: bool = False) -> str | None:
    """The text of ``data`` when it is UTF-16 or UTF-32 with a byte-order mark, else None.

    Windows editors save "Unicode" text so; its NUL bytes would otherwise look binary.
    Bytes that do not decode, or decode to control characters, are not such text.
    ``head=True``: ``data`` is the start of a longer file (a character cut at its end is fine).

    >>> wide_text("Kim left.".encode("utf-16")), wide_text(b"Kim left."), wide_text(b"\\xff\\xfe\\x00\\x00\\x00\\x01")
    ('Kim left.', None, None)
    """
    codec = wide_encoding(data)
    if codec is None:
        return None
    if head:
        data = data[: len(data) // 4 * 4]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if not head or exc.start < len(data) - 4:
            return None
        text = data[: exc.start].decode(codec)
    return None if looks_binary(text.encode("utf-8")) else text



def iter_lines(path: str | Path) -> Iterator[str]:
    """Stream the lines of a text file (gzip too), without the newline."""
    import gzip

    p = Path(path)
    check_file(p)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
        for line in fh:
            yield line.rstrip("\n")


def check_file(p: Path) -> None:
    """An InputError unless ``p`` is an existing file."""
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, expected a file")


def check_lines_file(path: str | Path, head: int = 65536) -> bool:
    """Check a one-story-per-line file before a batch run; True when it holds any text.

    Raises InputError for a missing file, a folder, a binary file (judged on its first
    bytes, after gunzipping a ``.gz``) or a broken gzip file.  Returns False for a file
    that is empty or only whitespace (the caller decides whether that is an error: one
    empty part among many loses nothing).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.src").write_text("Kim left Beijing. ||||| Kim left.\\n")
    >>> _ = (folder / "b.src").write_bytes(b"\\n  \\n")
    >>> check_lines_file(folder / "a.src"), check_lines_file(folder / "b.src")
    (True, False)
    >>> _ = (folder / "c.src").write_bytes(bytes(range(256)))
    >>> check_lines_file(folder / "c.src")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsfuse.errors.InputError: ...c.src: looks like a binary file, not text
    """
    import gzip
    import zlib

    p = Path(path)
    check_file(p)
    try:
        with (gzip.open if p.suffix == ".gz" else open)(p, "rb") as fh:  # type: ignore[operator]
            data = fh.read(head + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{p}: cannot be read ({exc})") from None
    codec = wide_encoding(data)
    if codec and wide_text(data, head=True) is not None:
        codec = codec.upper()
        raise InputError(
            f"{p}: is {codec} text; batch inputs are read as UTF-8 "
            f"(convert it first, e.g. iconv -f {codec} -t UTF-8 {p} > {p.stem}.utf8{p.suffix})"
        )
    if looks_binary(data):
        raise InputError(f"{p}: looks like a binary file, not text")
    return len(data) > head or bool(data.strip())
