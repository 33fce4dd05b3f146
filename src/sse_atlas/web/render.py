"""Pages as HTML (Jinja2, one environment per interface language) or as their JSON twin."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from sse_atlas import __version__
from sse_atlas.model.codec import to_value
from sse_atlas.web import i18n, urls
from sse_atlas.web.caching import asset_hash

JSON_FLAG: Final = "sse_atlas.json"  # set in the request scope by a ``.json`` suffix
LANGUAGE_COOKIE: Final = "lang"
_MARKED: Final = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
VARY: Final = "Accept, Accept-Language, Cookie, HX-Request"
ECHO_LIMIT: Final = 80  # characters of a value from the request that an error message shows


def highlight(snippet: str) -> Markup:
    """A snippet escaped, with its ``[[matched]]`` words in ``<mark>``."""
    parts = _MARKED.split(snippet)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 else str(escape(part))
        for index, part in enumerate(parts)
    )
    return Markup(html.replace("[[", "").replace("]]", ""))


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class UI:
    """What the page chrome needs beside the page context."""

    lang: str
    section: str
    languages: list[LanguageLink]
    json_url: str
    programme_url: str
    version: str
    partial: bool = False  # only a fragment is rendered, for htmx

    def static(self, path: str) -> str:
        return urls.static(path, asset_hash(static_root(), path))


def _dumps(value: Any, **options: Any) -> str:
    return json.dumps(to_value(value), ensure_ascii=False, **options)


def _date_filter(language: str) -> Any:
    def format_day(value: dt.date | None, form: str = "long") -> str:
        return format_date(value, format=form, locale=language) if value else ""

    return format_day


class Templates:
    """One Jinja2 environment per interface language, its translations installed."""

    def __init__(self) -> None:
        self._environments = {lang: self._environment(lang) for lang in i18n.LANGUAGES}

    @staticmethod
    def _environment(language: str) -> Environment:
        env = Environment(
            loader=PackageLoader("sse_atlas.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.install_gettext_translations(  # type: ignore[attr-defined]
            i18n.translations(language), newstyle=True
        )
        env.filters["highlight"] = highlight
        # ``tojson`` takes page contexts (dataclasses) and stays safe inside <script> elements
        env.policies["json.dumps_function"] = _dumps
        env.filters["day"] = _date_filter(language)
        return env

    def render(self, name: str, language: str, context: dict[str, Any]) -> str:
        return self._environments[language].get_template(name).render(context)


def request_language(request: Request) -> str:
    found = getattr(request.state, "language", None)
    if isinstance(found, str):
        return found
    language = i18n.negotiate(
        request.query_params.get("lang"),
        request.cookies.get(LANGUAGE_COOKIE),
        request.headers.get("accept-language"),
    )
    request.state.language = language
    return language


def wants_json(request: Request) -> bool:
    """A ``.json`` suffix, or an ``Accept`` header asking for JSON rather than HTML."""
    if request.scope.get(JSON_FLAG):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def shorten(value: str, limit: int = ECHO_LIMIT) -> str:
    """``value`` cut to ``limit`` characters, with an ellipsis when it was longer."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


Query = list[tuple[str, str]]


def _own_query(request: Request) -> Query:
    return [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]


def _shown_target(request: Request, status: int) -> tuple[str, Query]:
    """The path and query the page's own links repeat: an error page echoes no long one back."""
    path, query = request.url.path, _own_query(request)
    if status >= 400 and len(path) + len(request.url.query) > ECHO_LIMIT:
        return "/", []
    return path, query


def _json_url(path: str, query: Query) -> str:
    base = "/index.json" if path == "/" else path.rstrip("/") + ".json"
    return urls.with_query(base, query)


def _language_links(current: str, path: str, query: Query) -> list[LanguageLink]:
    return [
        LanguageLink(
            code=code,
            name=i18n.LANGUAGE_NAMES[code],
            url=urls.with_query(path, [*query, ("lang", code)]),
            current=code == current,
        )
        for code in i18n.LANGUAGES
    ]


def json_response(value: Any, status: int = 200) -> JSONResponse:
    response = JSONResponse(to_value(value), status_code=status)
    response.headers["Vary"] = VARY
    return response


def _remember_language(request: Request, response: Response, language: str) -> None:
    if i18n.supported(request.query_params.get("lang")) == language:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax", httponly=True
        )


def page(
    request: Request,
    template: str,
    context: Any,
    *,
    section: str,
    status: int = 200,
    partial: str | None = None,
) -> Response:
    """The page as HTML, or the context itself as JSON; ``partial`` answers htmx requests."""
    language = request_language(request)
    if wants_json(request):
        response: Response = json_response(context, status)
    else:
        htmx = request.headers.get("hx-request") == "true"
        restoring = request.headers.get("hx-history-restore-request") == "true"
        fragment = bool(partial) and htmx and not restoring
        path, query = _shown_target(request, status)
        ui = UI(
            lang=language,
            section=section,
            languages=_language_links(language, path, query),
            json_url=_json_url(path, query),
            programme_url=getattr(request.app.state, "programme_url", "/programme"),
            version=__version__,
            partial=fragment,
        )
        name = partial if partial and fragment else template
        html = request.app.state.templates.render(name, language, {"page": context, "ui": ui})
        response = HTMLResponse(html, status_code=status)
        response.headers["Vary"] = VARY
    _remember_language(request, response, language)
    return response


def static_root() -> str:
    return str(resources.files("sse_atlas.web").joinpath("static"))
