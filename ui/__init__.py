"""The web chat: a thin Gradio layer over `rag.Engine`."""
