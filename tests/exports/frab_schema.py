"""The rules of the C3VOC schedule JSON schema (voc/schedule, ``validator/json/schema.json``).

That schema is not copied here: its repository declares the EUPL-1.2, a copyleft licence, and
ships no licence file beside it. These are its required keys, closed objects and patterns,
restated as a JSON Schema of our own (draft 7), with date and date-time checked by pattern.
"""

from __future__ import annotations

from typing import Any, Final

DATE: Final = r"^\d{4}-\d{2}-\d{2}$"
DATE_TIME: Final = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$"
UUID: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

_STRING: Final = {"type": "string"}
_OPTIONAL_STRING: Final = {"type": ["string", "null"]}

EVENT: Final[dict[str, Any]] = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "abstract",
        "date",
        "duration",
        "guid",
        "id",
        "language",
        "links",
        "persons",
        "room",
        "slug",
        "start",
        "subtitle",
        "title",
        "track",
        "type",
        "url",
    ],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "guid": {"type": "string", "pattern": UUID},
        "logo": _STRING,
        "date": {"type": "string", "pattern": DATE_TIME},
        "start": _STRING,
        "duration": {"type": "string", "pattern": r"^[0-9]+:[0-9]{2}$"},
        "room": _STRING,
        "slug": {"type": "string", "pattern": r"^[a-z0-9_-]+[a-z0-9]$"},
        "url": _STRING,
        "title": _STRING,
        "subtitle": _OPTIONAL_STRING,
        "track": _OPTIONAL_STRING,
        "type": _STRING,
        "language": _STRING,
        "abstract": _OPTIONAL_STRING,
        "description": _OPTIONAL_STRING,
        "recording_license": _STRING,
        "do_not_record": _OPTIONAL_STRING,
        "do_not_stream": _OPTIONAL_STRING,
        "persons": {"type": "array", "items": {"$ref": "#/definitions/person"}},
        "links": {"type": "array"},
        "attachments": {"type": "array"},
        "answers": {"type": "array"},
    },
}

SCHEDULE_SCHEMA: Final[dict[str, Any]] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["schedule"],
    "properties": {
        "$schema": _STRING,
        "generator": {"type": "object"},
        "schedule": {
            "type": "object",
            "required": ["conference", "version"],
            "properties": {
                "version": _STRING,
                "base_url": _STRING,
                "conference": {"$ref": "#/definitions/conference"},
            },
        },
    },
    "definitions": {
        "conference": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "title",
                "acronym",
                "days",
                "daysCount",
                "start",
                "end",
                "timeslot_duration",
            ],
            "properties": {
                "acronym": {
                    "type": "string",
                    "pattern": r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$",
                },
                "title": _STRING,
                "description": _STRING,
                "start": {"type": "string", "pattern": DATE},
                "end": {"type": "string", "pattern": DATE},
                "daysCount": {"type": "integer"},
                "timeslot_duration": _STRING,
                "time_zone_name": {"type": "string", "pattern": r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"},
                "logo": _STRING,
                "colors": {"type": "object"},
                "keywords": {"type": "array", "items": _STRING},
                "url": _STRING,
                "tracks": {"type": "array"},
                "rooms": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["guid", "name"],
                        "properties": {
                            "name": _STRING,
                            "guid": {"type": "string", "pattern": UUID},
                            "description": _OPTIONAL_STRING,
                            "capacity": {"type": ["number", "null"]},
                        },
                    },
                },
                "meta": {"type": "object"},
                "days": {"type": "array", "items": {"$ref": "#/definitions/day"}},
            },
        },
        "day": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "day_end", "day_start", "index", "rooms"],
            "properties": {
                "index": {"type": "integer"},
                "date": {"type": "string", "pattern": DATE},
                "day_start": {"type": "string", "pattern": DATE_TIME},
                "day_end": {"type": "string", "pattern": DATE_TIME},
                "rooms": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": EVENT},
                },
            },
        },
        "person": {
            "type": "object",
            "properties": {
                "name": _STRING,
                "guid": {"type": "string", "pattern": UUID},
                "id": {"type": "integer"},
            },
            # a frab person (public_name and id) or a pretalx person (name), never both
            "oneOf": [
                {"required": ["public_name", "id"]},
                {"required": ["name"], "properties": {"code": {"pattern": "^[A-Z0-9]+$"}}},
            ],
        },
    },
}
