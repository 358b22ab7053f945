"""Resolution lineage: the same resolution voted again in later sessions.

Many General Assembly resolutions come back every session under the same title
(the Cuba embargo, the Palestine and Golan resolutions, human-rights country
resolutions, disarmament texts). A *lineage* links those roll calls, so that a
change in a state's votes on the same question can be told apart from a change
in the agenda (:func:`unvotes.explain_change`), and so that a scaling can
bridge sessions, as Bailey, Strezhnev & Voeten (2017) do with their
``Matches.csv`` of identical resolutions.

The rule (documented in ``docs/methods.md``, section "Resolution lineage"):

1. Only whole-resolution roll calls take part (``kind`` ``"resolution"``,
   ``"decision"`` or ``"unknown"``; paragraph, amendment and procedural votes
   are left out, as BSV leave them out after session 44).
2. The *key* of a roll call is its title, normalised: the UN Digital Library
   suffix ``" : resolution / adopted by the General Assembly"`` and ``[...]``
   are removed, letters are lower-cased, digits and punctuation dropped, and
   the words *the, of, and, a, an, in, on, to, for, by* removed.
3. Roll calls with the same key in two sessions are linked, each session to
   the latest earlier session in which the key occurs (``gap`` counts the
   sessions between them; special and emergency special sessions count with
   the regular session they fall in).
4. Where a key occurs once in each of the two sessions the two roll calls
   are linked. Where it occurs several times in either session (omnibus
   titles such as "General and complete disarmament" with parts A-Z, or
   Voeten's topic labels such as "APARTHEID") the roll calls are paired
   one-to-one by the assignment that maximises the similarity of their vote
   vectors (share of the states voting in both that cast the same vote;
   Hungarian algorithm, :func:`scipy.optimize.linear_sum_assignment`). Roll
   calls left unpaired start a lineage of their own. The similarity is that of
   the whole Assembly's votes, so one state changing its vote barely moves it.
4b. Confidence: ``"high"`` for a unique pair with similarity at least
   :data:`SIMILARITY_HIGH` (0.8) no more than 2 sessions apart; ``"medium"``
   for a unique pair with similarity at least 0.6, or an assigned pair with
   similarity at least :data:`SIMILARITY_MEDIUM` (0.9); ``"low"`` otherwise
   (kept in the table, so that users can choose their own threshold).
5. The lineage id is the smallest rcid of the chain (BSV's convention for
   their shared item ids).

References
----------
Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state
preferences from United Nations voting data. *Journal of Conflict Resolution*,
61(2), 430-456 (``Matches.csv`` of identical resolutions across sessions).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .codes import NO

__all__ = ["lineage", "title_key", "LINEAGE_KINDS", "SIMILARITY_HIGH", "SIMILARITY_MEDIUM", "SIMILARITY_LOW"]

#: Roll-call kinds that take part in lineages (whole-resolution votes).
LINEAGE_KINDS = ("resolution", "decision", "unknown")

#: Vote-vector similarity from which a unique link within 2 sessions is "high".
SIMILARITY_HIGH = 0.8

#: Vote-vector similarity from which an assigned (non-unique) link is "medium", not "low".
SIMILARITY_MEDIUM = 0.9

#: Vote-vector similarity below which a unique link is "low".
SIMILARITY_LOW = 0.6

_STOP = frozenset("the of and a an in on to for by".split())
_SUFFIX = re.compile(r"\s*:\s*resolution\s*/.*$|\s*\[\.\.\.\]\s*$", re.IGNORECASE)
_NONWORD = re.compile(r"[^a-z]+")


def title_key(title: str | None) -> str:
    """Normalised title used to link roll calls (step 2 of the module's rule).

    Parameters
    ----------
    title : str or None
        A roll-call title as in ``record.roll_calls["title"]``.

    Returns
    -------
    str
        The key; ``""`` for a missing or empty title (such roll calls are never linked).

    Examples
    --------
    >>> title_key("Necessity of ending the economic, commercial and financial embargo imposed by "
    ...           "the United States of America against Cuba : resolution / adopted by the General Assembly")
    'necessity ending economic commercial financial embargo imposed united states america against cuba'
    >>> title_key("CUBA, U.S. EMBARGO")
    'cuba u s embargo'
    """
    if title is None or (isinstance(title, float) and np.isnan(title)):
        return ""
    t = _SUFFIX.sub("", str(title)).lower()
    return " ".join(w for w in _NONWORD.split(t) if w and w not in _STOP)


def _similarity(M: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Share of states casting yes/abstain/no on both roll calls ``i`` and ``j`` that voted alike."""
    a, b = M[i], M[j]
    cast = (a <= NO) & (b <= NO)  # codes 1 yes, 2 abstain, 3 no; 8 absent and 9 non_member are not cast
    n = cast.sum(axis=-1)
    same = ((a == b) & cast).sum(axis=-1)
    return np.divide(same, n, out=np.full(n.shape, np.nan), where=n > 0)


def _pair_sessions(prev: np.ndarray, cur: np.ndarray, M: np.ndarray):
    """Pair the rows ``prev`` (earlier session) with ``cur``; return (pairs, similarities, unique)."""
    from scipy.optimize import linear_sum_assignment

    if len(prev) == 1 and len(cur) == 1:
        return [(prev[0], cur[0])], _similarity(M, prev, cur), True
    sim = _similarity(M, np.repeat(prev, len(cur)), np.tile(cur, len(prev))).reshape(len(prev), len(cur))
    r, c = linear_sum_assignment(np.nan_to_num(sim, nan=0.0), maximize=True)
    return [(prev[a], cur[b]) for a, b in zip(r, c)], sim[r, c], False


def lineage(roll_calls: pd.DataFrame, matrix: pd.DataFrame) -> pd.DataFrame:
    """Link the whole-resolution roll calls that repeat a resolution of an earlier session.

    Usually called as :attr:`unvotes.VotingRecord.lineage`. The rule is in the
    module docstring and in ``docs/methods.md``.

    Parameters
    ----------
    roll_calls : pandas.DataFrame
        ``record.roll_calls`` (columns ``rcid``, ``session``, ``symbol``, ``title``, ``kind``).
    matrix : pandas.DataFrame
        ``record.matrix()`` (roll calls x states vote codes, index ``rcid``).

    Returns
    -------
    pandas.DataFrame
        One row per whole-resolution roll call (kinds :data:`LINEAGE_KINDS`), in
        the order of `roll_calls`, with columns:

        - ``rcid`` (int), ``session`` (int), ``symbol`` (str), ``title`` (str);
        - ``key`` (str): the normalised title (:func:`title_key`);
        - ``lineage_id`` (int): the smallest rcid of the chain (its own rcid if unlinked);
        - ``previous_rcid`` (Int64): the roll call of the earlier session it repeats (NA if none);
        - ``gap`` (Int64): sessions from the previous link (1 = the session before);
        - ``similarity`` (float): share of states voting in both that voted alike (NaN if unlinked);
        - ``confidence`` (str): ``"high"``, ``"medium"``, ``"low"`` or ``""`` (unlinked).

    Raises
    ------
    ValueError
        If `roll_calls` lacks one of the columns above, or `matrix` lacks a
        roll call of `roll_calls`.

    References
    ----------
    Bailey, Strezhnev & Voeten (2017), ``Matches.csv`` of identical
    resolutions (the idea, and the smallest-rcid id); Kuhn, H. W. (1955). The
    Hungarian method for the assignment problem. *Naval Research Logistics
    Quarterly*, 2, 83-97.

    Examples
    --------
    The yearly Cuba embargo resolution of sessions 78 and 79 (A/RES/78/7, A/RES/79/7):

    >>> import unvotes
    >>> lin = unvotes.load().lineage.set_index("symbol")
    >>> bool(lin.loc["A/RES/79/7", "previous_rcid"] == lin.loc["A/RES/78/7", "rcid"])
    True
    >>> lin.loc["A/RES/79/7", "confidence"]
    'high'
    """
    rc = roll_calls
    missing = [c for c in ("rcid", "session", "symbol", "title", "kind") if c not in rc.columns]
    if missing:
        raise ValueError(f"`roll_calls` lacks the column(s) {missing}; pass record.roll_calls")
    keep = rc["kind"].astype(str).isin(LINEAGE_KINDS).to_numpy()
    part = rc.loc[keep, ["rcid", "session", "symbol", "title"]].reset_index(drop=True)
    part["key"] = [title_key(t) for t in part["title"]]
    rows = matrix.index.get_indexer(part["rcid"])
    if (rows < 0).any():
        absent = part["rcid"].to_numpy()[rows < 0][:5].tolist()
        raise ValueError(f"`matrix` has no row for rcid(s) {absent}; pass the record's own matrix()")
    M = matrix.to_numpy()[rows]
    n = len(part)
    prev_idx = np.full(n, -1)
    gap = np.full(n, -1)
    simil = np.full(n, np.nan)
    conf = np.full(n, "", dtype=object)
    sessions = part["session"].to_numpy()
    linked = part[part["key"] != ""]
    per = linked.groupby(["key", "session"], sort=True).size()
    n_sessions = per.groupby(level="key").size()
    repeated = linked[linked["key"].map(n_sessions).to_numpy() > 1]
    single = repeated.groupby(["key", "session"])["rcid"].transform("size").to_numpy() == 1
    # keys held by one roll call in every session: link each to the previous session's, vectorised
    all_single = pd.Series(single, index=repeated.index).groupby(repeated["key"]).transform("all").to_numpy()
    simple = repeated[all_single].sort_values(["key", "session"], kind="stable")
    same_key = simple["key"].to_numpy()[1:] == simple["key"].to_numpy()[:-1]
    a, b = simple.index.to_numpy()[:-1][same_key], simple.index.to_numpy()[1:][same_key]
    prev_idx[b], gap[b] = a, sessions[b] - sessions[a]
    simil[b] = _similarity(M, a, b)
    conf[b] = _unique_confidence(simil[b], gap[b])
    multi = repeated[~all_single].sort_values(["key", "session"], kind="stable")
    keys, sess, idx = multi["key"].to_numpy(), multi["session"].to_numpy(), multi.index.to_numpy()
    cuts = np.flatnonzero((keys[1:] != keys[:-1]) | (sess[1:] != sess[:-1])) + 1
    blocks = np.split(np.arange(len(idx)), cuts)
    for blk_a, blk_b in zip(blocks, blocks[1:]):
        if keys[blk_a[0]] != keys[blk_b[0]]:
            continue
        pairs, sims, unique = _pair_sessions(idx[blk_a], idx[blk_b], M)
        for (a, b), sim in zip(pairs, sims):
            prev_idx[b], simil[b], gap[b] = a, sim, sessions[b] - sessions[a]
            conf[b] = (_unique_confidence(np.array([sim]), np.array([gap[b]]))[0] if unique
                       else ("medium" if sim >= SIMILARITY_MEDIUM else "low"))
    part["lineage_id"] = _chain_ids(part["rcid"].to_numpy(), prev_idx)
    part["previous_rcid"] = pd.array(np.where(prev_idx >= 0, part["rcid"].to_numpy()[prev_idx], 0), dtype="Int64")
    part.loc[prev_idx < 0, "previous_rcid"] = pd.NA
    part["gap"] = pd.array(gap, dtype="Int64")
    part.loc[prev_idx < 0, "gap"] = pd.NA
    part["similarity"] = simil
    part["confidence"] = conf.astype(str)
    return part[["rcid", "session", "symbol", "title", "key", "lineage_id", "previous_rcid", "gap",
                 "similarity", "confidence"]]


def _unique_confidence(similarity: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Confidence of links between roll calls that are alone with their key in both sessions (rule 4b)."""
    sim = np.nan_to_num(similarity, nan=0.0)
    return np.where((sim >= SIMILARITY_HIGH) & (gap <= 2), "high",
                    np.where(sim >= SIMILARITY_LOW, "medium", "low")).astype(object)


def _chain_ids(rcids: np.ndarray, prev_idx: np.ndarray) -> np.ndarray:
    """Smallest rcid of each row's chain (rows follow their ``prev_idx`` links back to the root)."""
    root = np.arange(len(rcids))
    while True:
        step = np.where(prev_idx[root] >= 0, prev_idx[root], root)
        if np.array_equal(step, root):
            break
        root = step
    smallest = pd.Series(rcids).groupby(root).transform("min").to_numpy()
    return smallest.astype(np.int64)
