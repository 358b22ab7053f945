"""The small HTML block that result objects show in Jupyter (``_repr_html_``).

One heading line (the text repr), then a short table or preformatted summary, then a note; never
a whole frame.
"""

from __future__ import annotations

import html

import pandas as pd

#: Rows (and columns) shown at most in a result's HTML table.
MAX_ROWS = 8


def html_block(title: str, *, table: pd.DataFrame | None = None, pre: str | None = None,
               note: str | None = None) -> str:
    """``<div>`` with a bold `title`, then a table cut to :data:`MAX_ROWS` rows, a ``<pre>`` text, a note."""
    parts = [f"<div><p><b>{html.escape(title)}</b></p>"]
    if pre is not None:
        parts.append(f"<pre>{html.escape(pre)}</pre>")
    if table is not None:
        shown = table.iloc[:MAX_ROWS, :MAX_ROWS]
        parts.append(shown.to_html(float_format=lambda x: f"{x:.2f}", na_rep=""))
        if shown.shape != table.shape:
            parts.append(f"<p><small>showing {shown.shape[0]} of {table.shape[0]} rows and {shown.shape[1]} of "
                         f"{table.shape[1]} columns</small></p>")
    if note:
        parts.append(f"<p><small>{html.escape(note)}</small></p>")
    parts.append("</div>")
    return "".join(parts)
