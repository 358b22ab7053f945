"""Read the official and academic releases of the GA voting record.

Two public readers turn a file the user downloaded into a
:class:`~unvotes.VotingRecord` keyed by ISO 3166-1 alpha-3 codes, like the
embedded record, and return with it a :class:`ReadReport` that accounts for
every row of the file (nothing is dropped silently):

* :func:`read_undl`: the UN Dag Hammarskjöld Library's "General Assembly
  Voting Data" (UNDL), in its long form (one row per Member and roll call;
  schema v1 ``ms_codes/ms_names/ms_votes`` with ``NV`` and ``modality``, and
  schema v5 ``ms_code/ms_name/ms_vote`` with ``X``) and in its resolution-level
  wide form (one row per resolution, one column per Member);
* :func:`read_voeten`: Erik Voeten's Dataverse release (``UNVotes.csv``, or its
  ``.RData`` through the optional ``rdata`` package), with codes 1 yes,
  2 abstain, 3 no, 8 absent, 9 non-member.

Files may be plain, gzip (``.gz``) or zip (``.zip``, one CSV inside, itself plain
or ``.gz``), UTF-8 (with or without a byte-order mark) or Latin-1, with Unix or
Windows line ends, fields separated by commas, tabs or semicolons. A UTF-8 file
with a few lines that are not UTF-8 has those lines decoded as Latin-1, each
named in ``report.notes`` (and in ``report.encoding``). A compressed file that
expands beyond ``unvotes.io.files.MAX_UNCOMPRESSED_BYTES`` (2 GiB) is refused
(:class:`FileTooLargeError`). The format is recognised from the file's bytes and
header, not its name (an R data file given to :func:`read_undl` is named as such).

This module gathers the readers of the ``unvotes.io`` modules (one per source format) and
keeps the 0.1 import path ``unvotes.readers`` working:

* :mod:`unvotes.io.undl` (:func:`read_undl`), :mod:`unvotes.io.voeten` (:func:`read_voeten`,
  :func:`read_voeten_r`), :mod:`unvotes.io.dgacm` (:func:`read_dgacm`), :mod:`unvotes.io.press`
  (:func:`read_press_list`);
* :mod:`unvotes.io.read_report` (:class:`ReadReport`) and :mod:`unvotes.io.errors` (the errors);
* private helpers: ``files`` (paths, containers, HTML/empty detection, encodings, the size limit), ``_states``
  (codes and names to ISO3 on a date), ``_fields`` (sessions, symbols, dates), ``_majority``
  (roll-call fields by majority of their rows), ``_pipeline`` (long rows -> record + report).

Rules
-----
State identity
    UNDL ``ms_code`` is matched as an ISO 3166-1 alpha-3 code against the
    membership spells of ``reference-tables/members.csv``, on the date of the
    vote: a seat held under a continuing code before the successor's own spell
    (``RUS`` before 1991-12-24, ``CHN`` before 1971-10-25, ``SRB`` before
    2006-06-03, ``YEM`` before 1990-05-22) is given to the state that held it
    then (``SUN``, ``TWN``, ``SCG``, ``YAR``). A code that does not resolve is
    tried as a name, then ``ms_name`` through ``unvotes.record._names`` (normalised
    names and the dated alias table). Voeten's COW ``ccode`` is matched through
    the dated ``cow_code_periods`` of the same table (260 -> DEU to 1990-10-02,
    365 -> SUN / RUS), and its ``Country`` column is used when ``ccode`` is
    empty. A state that cannot be resolved, or that held no seat on the date,
    is a rejected row with that reason.
Vote codes
    UNDL ``Y``/``N``/``A`` -> yes/no/abstain, ``X`` (v5) and ``NV`` (v1) ->
    absent; the wide form also accepts ``YES``/``NO``/``ABSTAIN``. Voeten 1 yes,
    2 abstain, 3 no, 8 absent; code 9 (not a Member) rows are counted in the
    report but, as in the embedded record, non-members have no row. Any other
    code raises :class:`UnknownVoteCodeError`, or with
    ``unknown_codes="reject"`` becomes a rejected row.
Duplicates
    Rows repeating a (roll call, state) pair with the same vote are merged and
    counted; with different votes all of them are rejected, and the state has
    no row on that roll call.
Dates
    ISO 8601 dates (``2025-03-04``, with or without a time) and dates with
    month names (``4 March 2025``) are read. Dates written with numbers only
    (``03/04/2025``: 3 April day first, 4 March month first) are read only
    with ``date_format``; without it they raise :class:`AmbiguousDateError`,
    which names a value, both readings and the format the file's other values
    support (the rule of ``unvotes.record._dates.numeric_date_readings``, which
    ``VotingRecord.select`` applies too). A row dated before 1945-10-24 (the UN
    Charter in force) or after today is a rejected row whose reason names the
    line and the value, as is a row whose date does not parse (or does not
    match ``date_format``).
Roll-call fields
    The fields of a roll call (date, resolution, title, the totals, ...) are
    written on each of its rows. Where its rows disagree, the roll call takes
    the value held by more than half of them (dates compared as dates, text
    with surrounding spaces stripped), keeps every row's vote, and lists each
    row that disagrees in ``report.inconsistent``. Where no value is held by
    more than half the rows, every row of the roll call is rejected with that
    reason. Each row's state is read on its roll call's date.
Record ids and totals
    A UNDL row's roll call is its ``undl_id``, or the record number in its
    ``undl_link`` where ``undl_id`` is not a whole number (noted); a row with
    neither is rejected. Totals that are not whole numbers are noted, and a
    roll call whose rows mostly hold one has that total NA.
Absent Members without a row (``fill_absent="verified"``, the default)
    A Member on the date (membership spells of members.csv) with no row on a
    roll call is added as ``absent`` only when the release is complete for that
    roll call: the release's own non-voting total equals the number of its
    ``X``/``NV`` rows plus the Members without a row. Otherwise the Members are
    left without a row (``matrix()`` then shows them as 9) and the roll call is
    listed in ``report.incomplete``. ``fill_absent="all"`` adds them anyway,
    ``"none"`` never.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (
    AmbiguousDateError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    HTMLFileError,
    MissingColumnsError,
    ReadError,
    UnknownSchemaError,
    UnknownVoteCodeError,
)
from .read_report import ReadReport
from .undl import read_undl
from .voeten import read_voeten

__all__ = [
    "read_undl",
    "read_voeten",
    "ReadReport",
    "ReadError",
    "MissingColumnsError",
    "UnknownSchemaError",
    "UnknownVoteCodeError",
    "EmptyFileError",
    "CorruptFileError",
    "HTMLFileError",
    "AmbiguousDateError",
    "FileTooLargeError",
]
