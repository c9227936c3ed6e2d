"""Exporters: PLOVER JSONL, ACLED-style CSV, GeoJSON, Parquet."""
