"""The web app and JSON API over a :class:`~sse_atlas.kb.KnowledgeBase`."""

from sse_atlas.web.app import create_app, serve

__all__ = ["create_app", "serve"]
