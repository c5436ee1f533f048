"""The front ends over `rag.Engine`: the Gradio web chat and the `rag` command line."""
