"""The rendering matrix: the seed catalogue as organisers publish it, scored field by field.

Each :class:`Rendering` turns the seed's text into a file another tool would have produced: a
typeset PDF (WeasyPrint: justified, hyphenated, running header and footer), the same in two
narrow columns, poppler's ``pdftotext -layout`` and ``-raw`` of it, hard-wrapped text, a Word
document, a web page, and the structure words in English and Spanish. :func:`score` reads the
file back through :func:`sse_atlas.ingest.reader.read_document` and counts the fields that equal
the seed's parse, per field family. Used by ``tests/ingest/test_renderings.py`` (the fast ones)
and by ``python -m bench.renderings`` (all of them).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.ingest.reader import read_document
from sse_atlas.model import Initiative, Involvement, Workshop, WorkshopKind

from . import variants

Fields = dict[str, object]

_CODE_HEADING = re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?)\s+(\S.*)$")
_SESSION = re.compile(r"^ATELIERS SESSION \d+\s*$")
_DAY = re.compile(r"^\d Octobre / \w+$")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^<>]+)>")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}")


@dataclass(frozen=True)
class Block:
    """One line of the seed as a document block: ``h1``-``h4`` heading, ``p`` or ``toc`` entry."""

    kind: str
    text: str


def blocks(text: str) -> list[Block]:
    """The seed's non-blank lines as blocks: sessions h2, workshops h3, initiatives h4."""
    found: list[Block] = []
    lines = text.splitlines()
    in_toc = False
    for index, raw in enumerate(lines):
        line = raw.strip()
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line:
            in_toc = False
            continue
        if _SESSION.match(line):
            in_toc = "\t" in following
            found.append(Block("h2", line))
            continue
        heading = _CODE_HEADING.match(line)
        if in_toc:
            found.append(Block("toc", line.replace("\t", " ")))
        elif _DAY.match(line):
            found.append(Block("h1", line))
        elif heading:
            level = "h4" if heading.group(1).rstrip(".").count(".") == 2 else "h3"
            found.append(Block(level, line))
        else:
            found.append(Block("p", line))
    return found


def _text(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


def _person(person: Involvement) -> tuple[object, ...]:
    return (
        person.position,
        person.honorific,
        person.name,
        person.role,
        person.organisation,
        person.country_code,
        [link.url for link in person.links],
    )


def _initiative_fields(initiative: Initiative) -> Fields:
    place = initiative.place
    key = f"initiative {initiative.code}"
    return {
        f"{key} title": initiative.title,
        f"{key} workshop": initiative.workshop,
        f"{key} date": initiative.date,
        f"{key} organisation": initiative.organisation,
        f"{key} co_organisations": initiative.co_organisations,
        f"{key} city": place.city,
        f"{key} region": place.region,
        f"{key} country": place.country,
        f"{key} country_code": place.country_code,
        f"{key} presenters": [_person(person) for person in initiative.presenters],
        f"{key} urls": [(link.url, link.problem) for link in initiative.links],
        f"{key} flags": initiative.flags,
        f"{key} language": initiative.language,
        f"{key} description": _text(initiative.description),
    }


def _workshop_fields(workshop: Workshop) -> Fields:
    key = f"workshop {workshop.code}"
    fields: Fields = {
        f"{key} title": workshop.title,
        f"{key} toc_title": workshop.toc_title,
        f"{key} kind": workshop.kind,
        f"{key} date": workshop.date,
        f"{key} initiatives": workshop.initiatives,
    }
    if workshop.kind is WorkshopKind.COORDINATED:
        fields |= {
            f"{key} item": (workshop.item_code, workshop.item_title),
            f"{key} coordinator": workshop.coordinator,
            f"{key} coordinators": workshop.coordinators,
            f"{key} moderator": _person(workshop.moderator) if workshop.moderator else None,
            f"{key} speakers": [_person(person) for person in workshop.speakers],
            f"{key} panel": [(*_person(person), person.section) for person in workshop.panel],
            f"{key} sections": [section.title for section in workshop.sections],
            f"{key} urls": [link.url for link in workshop.links],
            f"{key} flags": workshop.flags,
            f"{key} description": _text(workshop.description),
        }
    return fields


def fields(result: ParseResult) -> Fields:
    """Every compared value of a parse, keyed by record and field (whole values)."""
    catalogue = result.catalogue
    found: Fields = {
        "catalogue": (
            catalogue.title,
            catalogue.forum,
            catalogue.edition,
            catalogue.city,
            catalogue.start_date,
            catalogue.end_date,
            catalogue.language,
        ),
        "stated": (
            catalogue.stated.initiatives,
            catalogue.stated.countries,
            catalogue.stated.coordinated_workshops,
        ),
        "days": [(day.date, day.label, day.sessions, day.inferred) for day in catalogue.days],
        "sessions": [(s.number, s.date, s.workshops) for s in catalogue.sessions],
        "initiative codes": [initiative.code for initiative in catalogue.initiatives],
        "workshop codes": [workshop.code for workshop in catalogue.workshops],
    }
    for initiative in catalogue.initiatives:
        found |= _initiative_fields(initiative)
    for workshop in catalogue.workshops:
        found |= _workshop_fields(workshop)
    return found


def _inline_html(text: str) -> str:
    """Seed markup (``**bold**``, ``*italic*``, ``^{sup}``, ``<url>``) as HTML."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(
        r"&lt;((?:https?://|www\.)[^&\s]+)&gt;", lambda m: f'<a href="{m[1]}">{m[1]}</a>', escaped
    )
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    escaped = _ITALIC.sub(r"<em>\1</em>", escaped)
    escaped = _SUPERSCRIPT.sub(r"<sup>\1</sup>", escaped)
    return escaped.replace("**", "")


@dataclass(frozen=True)
class Typesetting:
    """How a typeset rendering looks: page, fonts, columns, running header and footer."""

    page: str = "A4"
    margin: str = "22mm 20mm 25mm 20mm"
    font: str = "DejaVu Serif"
    heading_font: str = "DejaVu Sans"
    size: str = "10pt"
    columns: int = 1
    header: str = "Global Social Economy Forum 2018 — Résumé des initiatives"
    footer: str = "www.gsef2018.org"


def catalogue_html(text: str, style: Typesetting | None = None) -> str:
    """The catalogue as a web page; with ``style``, laid out for print (WeasyPrint)."""
    body = []
    for block in blocks(text):
        tag = "p class=toc" if block.kind == "toc" else block.kind
        body.append(f"<{tag}>{_inline_html(block.text)}</{tag.split()[0]}>")
    css = ""
    if style is not None:
        css = f"""
        @page {{ size: {style.page}; margin: {style.margin};
          @top-center {{ content: "{style.header}"; font: 8pt '{style.heading_font}'; }}
          @bottom-left {{ content: "{style.footer}"; font: 8pt '{style.heading_font}'; }}
          @bottom-right {{ content: counter(page); font: 8pt '{style.heading_font}'; }} }}
        html {{ font: {style.size}/1.35 '{style.font}'; }}
        body {{ text-align: justify; hyphens: auto; columns: {style.columns}; column-gap: 8mm; }}
        h1, h2, h3, h4 {{ font-family: '{style.heading_font}'; text-align: left;
          hyphens: manual; font-weight: bold; margin: 0.9em 0 0.4em; }}
        h1 {{ font-size: 16pt; }} h2 {{ font-size: 14pt; }} h3 {{ font-size: 12.5pt; }}
        h4 {{ font-size: 11pt; }}
        p {{ margin: 0 0 0.55em; }} p.toc {{ text-align: left; margin: 0; }}
        a {{ color: #114; text-decoration: none; }}
        """
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>GSEF 2018 — Résumé des initiatives</title>\n<style>{css}</style>\n"
        "<script>document.title = 'x';</script>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def typeset_pdf(text: str, path: Path, style: Typesetting) -> Path:
    """The catalogue typeset by WeasyPrint: justified, hyphenated, header and footer."""
    import weasyprint

    weasyprint.HTML(string=catalogue_html(text, style)).write_pdf(path)
    return path


def reportlab_pdf(text: str, path: Path) -> Path:
    """The catalogue typeset by another engine (reportlab's platypus): justified, unhyphenated,
    Vera fonts, US letter, a header on the left and ``Page N`` centred in the footer."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from .pdfmaker import _FONT_PATH, _font

    _font()
    bold_name = "SseAtlasTestVeraBold"
    if bold_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(bold_name, str(_FONT_PATH.with_name("VeraBd.ttf"))))
    pdfmetrics.registerFontFamily(
        "SseAtlasTestVera", normal="SseAtlasTestVera", bold=bold_name, italic="SseAtlasTestVera"
    )
    body = ParagraphStyle(
        "body", fontName="SseAtlasTestVera", fontSize=9.5, leading=12.5, alignment=TA_JUSTIFY,
        spaceAfter=5,
    )  # fmt: skip
    sizes = {"h1": 15, "h2": 13, "h3": 11.5, "h4": 10.5}
    story = []
    for block in blocks(text):
        markup = _inline_html(variants.printed_in_pdf(block.text)).replace("<strong>", "<b>")
        markup = markup.replace("</strong>", "</b>").replace("<em>", "<i>")
        markup = markup.replace("</em>", "</i>").replace("<sup>", "<super>")
        markup = markup.replace("</sup>", "</super>")
        markup = re.sub(r'<a href="[^"]*">([^<]*)</a>', r"\1", markup)
        if block.kind in sizes:
            size = sizes[block.kind]
            style = ParagraphStyle(
                block.kind, fontName=bold_name, fontSize=size, leading=size * 1.25,
                spaceBefore=8, spaceAfter=4,
            )  # fmt: skip
            story.append(Paragraph(markup, style))
        else:
            story.append(Paragraph(markup, body))

    def furniture(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("SseAtlasTestVera", 7.5)
        canvas.drawString(54, letter[1] - 36, "Résumé des initiatives · GSEF 2018 Bilbao")
        canvas.drawCentredString(letter[0] / 2, 30, f"Page {document.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        str(path), pagesize=letter, leftMargin=54, rightMargin=54, topMargin=60, bottomMargin=54,
        invariant=True,
    )  # fmt: skip
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def chromium_pdf(text: str, path: Path, style: Typesetting) -> Path:
    """The catalogue printed by headless Chromium (Skia): another typesetter and fonts."""
    page = path.with_suffix(".html")
    page.write_text(catalogue_html(text, style), encoding="utf-8")
    subprocess.run(
        [
            shutil.which("chromium") or "chromium", "--headless", "--no-sandbox",
            "--disable-gpu", f"--print-to-pdf={path}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return path


def docx(text: str, path: Path) -> Path:
    """The catalogue as Word writes it: heading styles, bold and italic runs, one paragraph each."""
    import docx as python_docx

    document = python_docx.Document()
    for block in blocks(text):
        if block.kind.startswith("h"):
            document.add_heading(_plain(block.text), level=int(block.kind[1]))
            continue
        paragraph = document.add_paragraph()
        for piece, bold, italic in _runs(block.text):
            run = paragraph.add_run(piece)
            run.bold = bold or None
            run.italic = italic or None
    document.save(str(path))
    return path


def _plain(text: str) -> str:
    return _SUPERSCRIPT.sub(r"\1", text.replace("**", ""))


def _unmarked(text: str) -> str:
    """The seed without its Markdown: bold, italics, superscripts, URLs in angle brackets."""
    text = _ANGLE_URL.sub(r"\1", _plain(text))
    return _ITALIC.sub(r"\1", text)


def _runs(text: str) -> list[tuple[str, bool, bool]]:
    """The text cut into (piece, bold, italic) runs, markup removed."""
    runs: list[tuple[str, bool, bool]] = []
    position = 0
    for match in re.finditer(r"\*\*(.+?)\*\*|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", text):
        if match.start() > position:
            runs.append((_plain(text[position : match.start()]), False, False))
        runs.append((_plain(match[1] or match[2]), match[1] is not None, match[2] is not None))
        position = match.end()
    if position < len(text):
        runs.append((_plain(text[position:]), False, False))
    return runs


def pdftotext(pdf: Path, path: Path, mode: str) -> Path:
    """poppler's ``pdftotext -layout`` or ``-raw`` of a PDF, or without options (``mode=""``)."""
    options = [f"-{mode}"] if mode else []
    subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), str(path)], check=True)
    return path


# The structure words of the seed in other languages: session and day headers, coordination
# and moderation. Titles and descriptions stay as they are: only structure is compared.
_STRUCTURE_WORDS = {
    "en": [
        (r"^ATELIERS SESSION (\d+)", r"WORKSHOPS SESSION \1"),
        (r"^(\d) Octobre / Lundi", r"Monday / October \1"),
        (r"^(\d) Octobre / Mardis", r"Tuesday / October \1"),
        (r"^(\d) Octobre / Mercredi", r"Wednesday / October \1"),
        (r"^Atelier coordonné par ", "Workshop coordinated by "),
        (r"Modératrice :? ?", "Moderator: "),
        (r"Modérateur :? ?", "Moderator: "),
    ],
    "es": [
        (r"^ATELIERS SESSION (\d+)", r"TALLERES SESIÓN \1"),
        (r"^(\d) Octobre / Lundi", r"\1 de octubre / Lunes"),
        (r"^(\d) Octobre / Mardis", r"\1 de octubre / Martes"),
        (r"^(\d) Octobre / Mercredi", r"\1 de octubre / Miércoles"),
        (r"^Atelier coordonné par ", "Taller coordinado por "),
        (r"Modératrice :? ?", "Moderadora: "),
        (r"Modérateur :? ?", "Moderador: "),
    ],
}


def structure_words(text: str, language: str) -> str:
    """The seed with its structure words in ``language`` (``en`` or ``es``)."""
    lines = []
    for line in text.splitlines():
        for pattern, replacement in _STRUCTURE_WORDS[language]:
            line = re.sub(pattern, replacement, line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@dataclass(frozen=True)
class Rendering:
    """One way of publishing the catalogue; ``make(seed_text, folder)`` writes the file."""

    name: str
    make: Callable[[str, Path], Path]
    needs: tuple[str, ...] = ()  # modules or programs it needs; skipped without them
    slow: bool = False  # only in the benchmark: several seconds to make
    # structure words in another language: day headers are printed (labelled) differently
    translated: bool = False
    # printed in a font without every character of the seed (①, →): those print as "?"
    font_limited: bool = False


def _typeset(name: str, style: Typesetting) -> Callable[[str, Path], Path]:
    return lambda text, folder: typeset_pdf(text, folder / f"{name}.pdf", style)


def _from_pdf(base: str, style: Typesetting, mode: str) -> Callable[[str, Path], Path]:
    def make(text: str, folder: Path) -> Path:
        pdf = folder / f"{base}.pdf"
        if not pdf.exists():
            typeset_pdf(text, pdf, style)
        return pdftotext(pdf, folder / f"{base}-{mode or 'default'}.txt", mode)

    return make


_A4 = Typesetting()
_TWO_COLUMNS = Typesetting(
    page="A4", margin="15mm 14mm 18mm 14mm", font="Liberation Sans", size="9pt", columns=2,
    header="GSEF 2018", footer="Forum Mondial de l'Économie Sociale · Bilbao 2018",
)  # fmt: skip
_LETTER = Typesetting(
    page="letter", margin="1in 0.9in", font="Liberation Serif", heading_font="Liberation Sans",
    size="11pt", header="Résumé des initiatives présentées", footer="GSEF2018 — Bilbao",
)  # fmt: skip
_A5 = Typesetting(
    page="A5", margin="14mm 12mm 16mm 12mm", font="DejaVu Sans", heading_font="DejaVu Serif",
    size="8.5pt", header="GSEF 2018", footer="http://www.gsef2018.org/fr/initiatives",
)  # fmt: skip

_CHROMIUM = Typesetting(
    font="Liberation Serif", heading_font="Liberation Sans", size="10.5pt", margin="20mm",
    header="GSEF 2018", footer="Forum Mondial de l'Économie Sociale",
)  # fmt: skip

_WEASY = ("weasyprint",)
_POPPLER = ("weasyprint", "pdftotext")

RENDERINGS: dict[str, Rendering] = {
    rendering.name: rendering
    for rendering in [
        Rendering("seed", lambda text, folder: _write(folder / "seed.txt", text)),
        Rendering(
            "wrapped-72-footers-crlf",
            lambda text, folder: _write(
                folder / "wrapped.txt",
                variants.paged(variants.wrapped(text, 72, hyphenate_every=2)),
                "\r\n",
            ),
        ),
        Rendering(
            "wrapped-88-no-blank-lines-footers",
            lambda text, folder: _write(
                folder / "noblank.txt", variants.paged(variants.without_blank_lines(text, 88))
            ),
        ),
        Rendering(
            "wrapped-60-no-blank-lines",
            lambda text, folder: _write(
                folder / "noblank60.txt", variants.without_blank_lines(text, 60)
            ),
        ),
        Rendering(
            "text-proportional-widths",
            lambda text, folder: _write(
                folder / "proportional.txt", variants.proportional(_unmarked(text))
            ),
            slow=True,  # 98 %: a wrapped role line that goes on in capitals is not joined yet
        ),
        Rendering("html", lambda text, folder: _write(folder / "seed.html", catalogue_html(text))),
        Rendering("docx", lambda text, folder: docx(text, folder / "seed.docx"), ("docx",)),
        Rendering(
            "english-structure",
            lambda text, folder: _write(folder / "en.txt", structure_words(text, "en")),
            translated=True,
        ),
        Rendering(
            "spanish-structure",
            lambda text, folder: _write(folder / "es.txt", structure_words(text, "es")),
            translated=True,
        ),
        Rendering("pdf-a4", _typeset("a4", _A4), _WEASY),
        Rendering(
            "pdf-reportlab-letter",
            lambda text, folder: reportlab_pdf(text, folder / "reportlab.pdf"),
            font_limited=True,
        ),
        Rendering("pdftotext-layout", _from_pdf("a4", _A4, "layout"), _POPPLER),
        Rendering("pdftotext-raw", _from_pdf("a4", _A4, "raw"), _POPPLER),
        # without options poppler joins every line-end hyphen, the compounds' too (publicprivé)
        Rendering("pdftotext-default", _from_pdf("a4", _A4, ""), _POPPLER),
        Rendering("pdf-two-columns", _typeset("columns", _TWO_COLUMNS), _WEASY, slow=True),
        Rendering(
            "pdftotext-layout-two-columns",
            _from_pdf("columns", _TWO_COLUMNS, "layout"),
            _POPPLER,
            slow=True,
        ),
        Rendering("pdf-letter", _typeset("letter", _LETTER), _WEASY, slow=True),
        Rendering("pdf-a5-small", _typeset("a5", _A5), _WEASY, slow=True),
        Rendering(
            "pdf-chromium",
            lambda text, folder: chromium_pdf(text, folder / "chromium.pdf", _CHROMIUM),
            ("chromium",),
            slow=True,
        ),
        Rendering("pdftotext-raw-a5", _from_pdf("a5", _A5, "raw"), _POPPLER, slow=True),
    ]
}


def missing_tools(rendering: Rendering) -> list[str]:
    """What a rendering needs and this machine lacks (a Python module or a program)."""
    missing = []
    for need in rendering.needs:
        if need in ("pdftotext", "chromium"):
            if shutil.which(need) is None:
                missing.append(f"{need} (Debian)")
            continue
        try:
            __import__(need)
        except (ImportError, OSError):  # WeasyPrint without its system libraries: OSError
            missing.append(need)
    return missing


# Field families: which part of a record a compared field belongs to.
_FAMILIES = (
    ("structure", ("catalogue", "stated", "days", "sessions", " codes")),
    ("title", (" title", " toc_title", " item")),
    ("organisation", (" organisation", " co_organisations", " coordinator")),
    ("place", (" city", " region", " country")),
    ("people", (" presenters", " moderator", " speakers", " panel")),
    ("urls", (" urls",)),
    ("description", (" description", " sections")),
)
FAMILIES = (*(name for name, _ in _FAMILIES), "other")


def family(key: str) -> str:
    for name, markers in _FAMILIES:
        if any(key == marker or key.endswith(marker) for marker in markers):
            return name
    return "other"


@dataclass
class Score:
    """Fields equal to the seed's, per family, and which ones differ."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = sum(self.total.values())
        return sum(self.right.values()) / total if total else 1.0

    def family_accuracy(self, name: str) -> float | None:
        total = self.total.get(name, 0)
        return self.right.get(name, 0) / total if total else None


def _normalised(key: str, value: object) -> object:
    # Descriptions are compared with their whitespace normalised: a PDF's paragraph breaks
    # inside one description are not a field of the catalogue.
    if key.endswith(" description") and isinstance(value, str):
        return " ".join(value.split())
    return value


def _unlabelled(days: object) -> object:
    if isinstance(days, list):
        return [(day[0], day[2], day[3]) for day in days]
    return days


def expected_for(rendering: Rendering, expected: Fields) -> Fields:
    """The seed's fields as ``rendering`` can print them."""
    if not rendering.font_limited:
        return expected
    return {
        key: variants.printed_in_pdf(value) if isinstance(value, str) else value
        for key, value in expected.items()
    }


def score(expected: Fields, found: Fields, *, translated: bool = False) -> Score:
    """Every field of ``expected`` compared with ``found``; ``translated`` ignores day labels."""
    if translated:
        expected = expected | {"days": _unlabelled(expected.get("days"))}
        found = found | {"days": _unlabelled(found.get("days"))}
    result = Score()
    for key, value in expected.items():
        name = family(key)
        result.total[name] = result.total.get(name, 0) + 1
        if _normalised(key, found.get(key)) == _normalised(key, value):
            result.right[name] = result.right.get(name, 0) + 1
        else:
            result.wrong.append(key)
    return result


def parse(path: Path) -> ParseResult:
    read = read_document(path)
    assert read.parsed is not None, f"{path} is not a catalogue"
    return read.parsed
