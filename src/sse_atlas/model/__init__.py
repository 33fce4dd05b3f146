"""Domain model: typed dataclasses shared by every layer."""

from sse_atlas.model.dataset import Dataset
from sse_atlas.model.quality import CountCheck, Finding, QualityReport, Severity
from sse_atlas.model.records import (
    Catalogue,
    Day,
    Initiative,
    Involvement,
    Label,
    Link,
    Organisation,
    PanelSection,
    Person,
    Place,
    Session,
    SourceRef,
    StatedCounts,
    Workshop,
    WorkshopKind,
)

__all__ = [
    "Catalogue",
    "CountCheck",
    "Dataset",
    "Day",
    "Finding",
    "Initiative",
    "Involvement",
    "Label",
    "Link",
    "Organisation",
    "PanelSection",
    "Person",
    "Place",
    "QualityReport",
    "Session",
    "Severity",
    "SourceRef",
    "StatedCounts",
    "Workshop",
    "WorkshopKind",
]
