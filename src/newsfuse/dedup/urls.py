"""URL canonicalisation: one key per article however it was linked (tracking parameters, fragments, case).

>>> canonical_url("HTTPS://Example.org:443/news/a?utm_source=x&id=7&fbclid=abc#comments")
'https://example.org/news/a?id=7'
>>> canonical_url("http://example.org")
'http://example.org/'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say where a click came from, never which article it is.
_TRACKING_TEXT = (
    "fbclid gclid dclid gbraid wbraid msclkid yclid igshid mc_cid mc_eid ocid cmpid ref ref_src ref_url "
    "_ga _gl spm share smid cmp mbid s_cid ito ns_mchannel ns_source ns_campaign ns_linkname ns_fee "
    "at_medium at_campaign guccounter soc_src soc_trk rss"
)
TRACKING = frozenset(_TRACKING_TEXT.split())
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "ga_")


def is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING or n.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query.

    A URL that cannot be parsed (a bad port, a broken IPv6 address) is its own key, stripped.

    >>> canonical_url("http://[::1/news"), canonical_url("http://example.org:99999/a")
    ('http://[::1/news', 'http://example.org:99999/a')
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k))
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))
