"""Sources: the readers of the published releases, fetching, the read report, and the build's steps.

Layer 2 of unvotes (docs/DESIGN.md): turns files into
:class:`~unvotes.VotingRecord` objects. Imports the record layer, never the
metrics, plots or report above it. One module per source format
(:mod:`~unvotes.io.undl`, :mod:`~unvotes.io.voeten`, :mod:`~unvotes.io.dgacm`,
:mod:`~unvotes.io.press`), the read report and the readers' errors
(:mod:`~unvotes.io.read_report`, :mod:`~unvotes.io.errors`), fetching
(:mod:`~unvotes.io.fetch`) and the steps that lay the raw sources together into
the embedded record (:mod:`~unvotes.io.compilation`, used by ``datasets/build.py``).
"""

from .dgacm import read_dgacm
from .fetch import clear_data_home, fetch_undl, get_data_home
from .press import read_press_list
from .read_report import ReadReport
from .undl import read_undl, read_undl_table
from .voeten import read_voeten, read_voeten_r

__all__ = ["read_undl", "read_voeten", "ReadReport", "fetch_undl", "get_data_home", "clear_data_home",
           "read_dgacm", "read_press_list", "read_undl_table", "read_voeten_r"]
