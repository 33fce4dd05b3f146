"""Routes: HTML pages (each with a JSON twin), the JSON API and the export downloads."""
