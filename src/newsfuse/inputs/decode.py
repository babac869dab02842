"""Turn raw bytes into text without losing any: UTF-8 first, then the usual legacy encodings."""

from __future__ import annotations

import re

from ..errors import InputError
from ..text.files import looks_binary, wide_encoding, wide_text

__all__ = ["decode_text", "looks_binary", "repair_char_refs", "wide_encoding", "wide_text"]

def decode_text(data: bytes, name: str = "input") -> tuple[str, str | None]:
    """Decode ``data`` and return ``(text, warning)``.

    UTF-8 (with or without BOM) is tried first.  Text that is mostly valid
    UTF-8 with a few broken bytes keeps its valid characters and marks the
    broken ones with U+FFFD; text with no multi-byte UTF-8 at all is read as
    Windows-1252/Latin-1, the usual encoding of older news archives.

    UTF-16 and UTF-32 are read when the text starts with their byte-order mark.

    >>> decode_text("café".encode("latin-1"))
    ('café', 'input: not UTF-8, read as Windows-1252')
    >>> decode_text("café".encode("utf-16"))
    ('café', None)
    """
    wide = wide_text(data)
    if wide is not None:
        return wide, None
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


# A numeric character reference (&#55296; &#xD800;), the semicolon optional as HTML allows.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));?")
_REPLACEMENT_REF = b"&#xFFFD;"


def _valid_char(ref: re.Match[bytes]) -> bytes:
    hex_digits, digits = ref.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return _REPLACEMENT_REF
    return ref.group(0)


def repair_char_refs(data: bytes) -> bytes:
    """``data`` (XML or HTML) with character references to characters that cannot exist (a lone
    surrogate, NUL, past U+10FFFF) turned into references to U+FFFD.

    XML parsers refuse such references and some feed parsers crash on them; U+FFFD keeps the
    rest of the document readable.

    >>> repair_char_refs(b"<title>Kim &#55296;&#xdfff; &#233; &amp; &#0;</title>")
    b'<title>Kim &#xFFFD;&#xFFFD; &#233; &amp; &#xFFFD;</title>'
    """
    if b"&#" not in data:
        return data
    return _CHAR_REF.sub(_valid_char, data)
