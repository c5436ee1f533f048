"""`rag eval` on a user's documents: it names what it evaluated and fits the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.dataset import DEFAULT_DATASET
from evals.report import COLUMNS
from tests.test_cli import rag

BAKERY = "The Harbor Bakery on Pine Street is owned by Marta Olsen, who opened it in 1998.\n"


@pytest.fixture
def data_with_upload(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)
    (data / "uploads" / "bakery.txt").write_text(BAKERY, encoding="utf-8")
    lines = DEFAULT_DATASET.read_text(encoding="utf-8").splitlines()[:2]
    dataset = tmp_path / "small.jsonl"
    dataset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data, dataset


def _report(data: Path) -> tuple[str, dict]:
    run_dir = max((data / "evals").glob("2*")) / "custom"
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    return (run_dir / "report.md").read_text(encoding="utf-8"), results


def test_eval_names_its_sources_and_fits_an_80_column_terminal(data_with_upload) -> None:
    data, dataset = data_with_upload
    args = ("eval", "--config", "default", "--dataset", str(dataset))
    result = rag(*args, data_dir=data, COLUMNS="80")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())  # the terminal wraps long lines
    assert "Sources evaluated (1): seeds/" in said
    assert "Not evaluated: 1 upload(s) (uploads/bakery.txt); add --uploads" in said
    widths = [len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= 80, max(widths)
    assert "…" not in result.stdout  # no cell cut short: narrow terminals get column groups
    for _, label in COLUMNS:
        assert label in result.stdout
    report, results = _report(data)
    header = "| configuration | " + " | ".join(label for _, label in COLUMNS) + " |"
    assert header in report.splitlines()  # the file keeps the whole table on one line
    assert results["uploads_left_out"] == ["uploads/bakery.txt"]


def test_eval_includes_uploads_when_asked(data_with_upload) -> None:
    data, dataset = data_with_upload
    args = ("eval", "--uploads", "--config", "default", "--dataset", str(dataset))
    result = rag(*args, data_dir=data, COLUMNS="120")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "Sources evaluated (2):" in said and "uploads/bakery.txt" in said
    assert "Not evaluated" not in said
    report, results = _report(data)
    assert "uploads/bakery.txt" in report and "uploads/bakery.txt" in results["sources"]
    assert (data / "uploads" / "bakery.txt").exists()  # the user's upload stays where it was
