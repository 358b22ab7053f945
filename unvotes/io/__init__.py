"""Sources: the readers of the published releases, fetching, and the read report.

Layer 2 of unvotes (docs/DESIGN.md): turns files into
:class:`~unvotes.VotingRecord` objects. Imports the record layer, never the
metrics, plots or report above it.
"""

from .fetch import clear_data_home, fetch_undl, get_data_home
from .readers import ReadReport, read_undl, read_voeten

__all__ = ["read_undl", "read_voeten", "ReadReport", "fetch_undl", "get_data_home", "clear_data_home"]
