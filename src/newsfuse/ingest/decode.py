"""Turn raw bytes into text without losing any: UTF-8 first, then the usual legacy encodings."""

from __future__ import annotations

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


def decode_text(data: bytes, name: str = "input") -> tuple[str, str | None]:
    """Decode ``data`` and return ``(text, warning)``.

    UTF-8 (with or without BOM) is tried first.  Text that is mostly valid
    UTF-8 with a few broken bytes keeps its valid characters and marks the
    broken ones with U+FFFD; text with no multi-byte UTF-8 at all is read as
    Windows-1252/Latin-1, the usual encoding of older news archives.

    >>> decode_text("café".encode("latin-1"))
    ('café', 'input: not UTF-8, read as Windows-1252')
    """
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and multibyte >= bad:
        return replaced, f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
    try:
        return data.decode("cp1252"), f"{name}: not UTF-8, read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"{name}: not UTF-8, read as Latin-1"
