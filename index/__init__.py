"""Ingestion: load sources, clean them, chunk them and keep the Chroma index in step."""
