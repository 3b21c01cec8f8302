"""examples/netmix-tour.ipynb runs from top to bottom on the samples and shows the map inline."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "netmix-tour.ipynb"


@pytest.mark.skipif(not (ROOT / "samples" / "netmix.toml").is_file(), reason="samples/netmix.toml not built yet")
def test_the_tour_notebook_runs_and_shows_the_map():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # the committed notebook carries no outputs (nothing personal, nothing stale)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    # kernel "python3" is ipykernel's native kernel: jupyter_client starts it with this
    # interpreter (sys.executable), so the venv's netmix is the one imported
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"].get("text/html", "") for o in outputs if o.output_type in ("execute_result", "display_data")]
    # the headline, doubles and clusters tables render as HTML tables, the map as an iframe
    assert sum("<table" in h for h in html) >= 4
    last = html[-1]
    assert "<iframe" in last and "srcdoc=" in last and "&lt;html" in last.lower()
    # the map is in the iframe only (escaped), never as raw HTML in the notebook page
    assert "<html" not in last.lower()
