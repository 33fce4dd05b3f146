"""URL schemes a link may carry."""

from __future__ import annotations

from sse_atlas.model.schemes import unsafe_scheme, url_scheme


def test_schemes_read_as_a_browser_would() -> None:
    assert [
        url_scheme("HTTPS://example.org"),
        url_scheme("<http://example.org>"),
        url_scheme(" java\tscript:alert(1)"),
        url_scheme("www.example.org"),
        url_scheme("example.org:8080/path"),
    ] == ["https", "http", "javascript", None, None]


def test_schemes_unsafe_named() -> None:
    assert [
        unsafe_scheme("javascript:alert(1)"),
        unsafe_scheme("DATA:text/html;base64,AAAA"),
        unsafe_scheme("vbscript:msgbox(1)"),
        unsafe_scheme("file:///etc/passwd"),
        unsafe_scheme("mailto:contact@example.org"),
        unsafe_scheme("http://example.org"),
        unsafe_scheme("www.example.org"),
    ] == ["javascript", "data", "vbscript", "file", None, None, None]
