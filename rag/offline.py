"""Keep every library quiet on the network: no telemetry, no model hub, no analytics."""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "ANONYMIZED_TELEMETRY": "False",  # Chroma
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "DO_NOT_TRACK": "1",
}


def ensure_offline() -> None:
    """Set the variables that switch telemetry and hub downloads off, unless already set."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
