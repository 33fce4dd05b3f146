"""Typed page contexts: what each page shows, rendered as HTML or served as JSON."""
