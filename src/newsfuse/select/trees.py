"""A gradient-boosted tree ensemble evaluated with numpy, read from LightGBM's text model format.

Scoring needs no LightGBM (and no OpenMP runtime): the shipped model is a few
dozen small trees, evaluated over all facts of a story at once with a handful of
array operations (QuickScorer's bit-vector trick, below).  LightGBM is only
needed to train.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..errors import InputError

# decision_type bits: 1 = categorical, 2 = default left, 4/8 = missing-value handling.  Only plain
# numerical splits (0 or 2) are supported; our features are never missing.
_NUMERICAL = {0, 2}
_ALL_LEAVES = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class TreeEnsemble:
    """Additive trees: ``predict(X)`` is the sum over trees of the leaf each row reaches.

    Node arrays are padded to the largest tree; a child index ``< 0`` is the leaf ``~index``.

    >>> model = TreeEnsemble.from_lightgbm_text(_EXAMPLE)
    >>> model.predict(np.array([[0.2], [0.9]], dtype=np.float32)).tolist()
    [1.5, 2.5]
    """

    feature_names: tuple[str, ...]
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    root: np.ndarray
    # For QuickScorer: per node, the bits of the leaves (in left-to-right order) that stay possible
    # when the node's test fails; and the leaf values in that order.
    false_mask: np.ndarray | None = None
    ordered_leaf: np.ndarray | None = None
    # Per feature, the (min, max) it took in the training data (LightGBM's feature_infos); None when
    # the file does not say (or the feature was constant/unused: "none").
    feature_range: tuple[tuple[float, float] | None, ...] = ()

    @classmethod
    def from_lightgbm_text(cls, text: str) -> TreeEnsemble:
        """Parse a model saved by ``lightgbm.Booster.save_model``."""
        header, _, body = text.partition("\nTree=")
        fields = dict(line.split("=", 1) for line in header.splitlines() if "=" in line)
        if "feature_names" not in fields:
            raise InputError("not a LightGBM text model: no feature_names line")
        names = tuple(fields["feature_names"].split())
        trees = []
        for block in ("Tree=" + body).split("\nTree="):
            block = block.split("end of trees", 1)[0]
            tree = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
            if "leaf_value" in tree:
                trees.append(tree)
        if not trees:
            raise InputError("LightGBM model has no trees")
        n_nodes = max(int(t["num_leaves"]) - 1 for t in trees) or 1
        n_leaves = max(int(t["num_leaves"]) for t in trees)
        shape = (len(trees), n_nodes)
        feature = np.zeros(shape, dtype=np.int64)
        threshold = np.zeros(shape, dtype=np.float64)
        left = np.full(shape, -1, dtype=np.int64)
        right = np.full(shape, -1, dtype=np.int64)
        leaf = np.zeros((len(trees), n_leaves), dtype=np.float64)
        root = np.zeros(len(trees), dtype=np.int64)
        for k, t in enumerate(trees):
            values = [float(v) for v in t["leaf_value"].split()]
            leaf[k, : len(values)] = values
            if int(t["num_leaves"]) == 1:
                root[k] = -1  # a constant tree: its only leaf
                continue
            if int(t.get("num_cat", "0")) or not {int(d) for d in t["decision_type"].split()} <= _NUMERICAL:
                raise InputError("LightGBM model uses categorical or missing-value splits, which are not supported")
            for name, out, kind in (
                ("split_feature", feature, int),
                ("threshold", threshold, float),
                ("left_child", left, int),
                ("right_child", right, int),
            ):
                row = [kind(v) for v in t[name].split()]
                out[k, : len(row)] = row
        masks = _leaf_masks(left, right, root, leaf) if n_leaves <= 64 else None
        ranges = _feature_ranges(fields.get("feature_infos", ""), len(names))
        return cls(names, feature, threshold, left, right, leaf, root, *(masks or (None, None)), ranges)

    def training_range(self, name: str) -> tuple[float, float] | None:
        """The (min, max) of feature ``name`` in the training data, when the model file records it."""
        if name not in self.feature_names or not self.feature_range:
            return None
        return self.feature_range[self.feature_names.index(name)]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Raw scores of the rows of ``X`` (columns in ``feature_names`` order)."""
        X = np.asarray(X)
        if self.false_mask is None or self.ordered_leaf is None:
            return self._walk(X.astype(np.float64))  # LightGBM compares in double precision
        n_trees, n_nodes = self.feature.shape
        feature, threshold, threshold32, mask = self._node_major
        # QuickScorer: every test of every tree at once; the leaf a row reaches is the leftmost one
        # that no failed test (a walk that went right) rules out.  float32 rows compare against
        # float32 thresholds that give the same answers as the double ones (see _node_major).
        failed = X[:, feature] > threshold32 if X.dtype == np.float32 else X.astype(np.float64)[:, feature] > threshold
        # A failed test keeps its node's mask, a passed one every leaf: failed - 1 is 0 or all ones
        # (three fast passes; np.where with a scalar took as long as the rest together).
        one = mask.dtype.type(1)
        alive = mask | (failed.view(np.uint8).astype(mask.dtype) - one)
        # Node-major columns: the AND over each tree's nodes runs over contiguous rows of trees.
        alive = np.bitwise_and.reduce(alive.reshape(len(X), n_nodes, n_trees), axis=1)
        lowest = alive & (~alive + one)
        position = np.frexp(lowest.astype(np.float64))[1] - 1  # exact: a power of two below 2**64
        # One gather from the trees' leaves end to end, summed row by row in tree order as the walk does.
        leaves, offsets = self._flat_leaves
        return leaves.take(position + offsets).sum(axis=1)

    @cached_property
    def _flat_leaves(self) -> tuple[np.ndarray, np.ndarray]:
        """QuickScorer's leaf values, tree after tree in one array, and where each tree's leaves start."""
        assert self.ordered_leaf is not None
        n_trees, n_leaves = self.ordered_leaf.shape
        return np.ascontiguousarray(self.ordered_leaf).ravel(), np.arange(n_trees) * n_leaves

    @cached_property
    def _node_major(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """QuickScorer's arrays, node by node across the trees: features, thresholds, leaf masks.

        The masks take the narrowest unsigned type that holds a bit per leaf (16 bits for the
        shipped 15-leaf trees: a quarter of the memory traffic of 64).  For a float32 ``x`` and
        a double ``t``, ``x > t`` exactly when ``x > f`` with ``f`` the largest float32 not above
        ``t``: the float32 thresholds, so that float32 rows need no conversion.
        """
        assert self.false_mask is not None
        n_leaves = self.leaf.shape[1]
        dtype = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if n_leaves <= np.iinfo(t).bits)
        threshold = self.threshold.T.ravel()
        threshold32 = threshold.astype(np.float32)
        above = threshold32.astype(np.float64) > threshold
        threshold32[above] = np.nextafter(threshold32[above], np.float32(-np.inf))
        return self.feature.T.ravel(), threshold, threshold32, self.false_mask.T.ravel().astype(dtype)

    def _walk(self, X: np.ndarray) -> np.ndarray:
        """Walk every tree node by node (for trees too large for 64-bit leaf masks)."""
        n_rows, n_features = X.shape
        n_trees, n_nodes = self.feature.shape
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right = self.left.ravel(), self.right.ravel()
        values = X.ravel()
        # All (row, tree) walks advance together, one tree level per step; walks that reached a
        # leaf drop out, so the work is the total path length, not rows x trees x depth.
        tree_base = np.tile(np.arange(n_trees) * n_nodes, n_rows)
        row_base = np.repeat(np.arange(n_rows) * n_features, n_trees)
        node = np.tile(self.root, n_rows)
        walking = np.flatnonzero(node >= 0)
        while walking.size:
            at = node[walking] + tree_base[walking]
            go_left = values[row_base[walking] + feature[at]] <= threshold[at]
            step = np.where(go_left, left[at], right[at])
            node[walking] = step
            walking = walking[step >= 0]
        return self.leaf[np.arange(n_trees), ~node.reshape(n_rows, n_trees)].sum(axis=1)


def _leaf_masks(
    left: np.ndarray, right: np.ndarray, root: np.ndarray, leaf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per node, the leaf bits still possible when its test fails; leaf values in left-to-right order.

    A failed test sends the walk right, which rules out the leaves of the left
    subtree.  Padding nodes keep every bit, so they never rule anything out.
    """
    n_trees, n_nodes = left.shape
    masks = np.full((n_trees, n_nodes), _ALL_LEAVES, dtype=np.uint64)
    ordered = np.zeros_like(leaf)
    for t in range(n_trees):
        order: list[int] = []  # leaf numbers, left to right
        spans: dict[int, tuple[int, int]] = {}  # node -> (first, end) positions of its leaves

        def visit(child: int, t: int = t, order: list[int] = order, spans: dict[int, tuple[int, int]] = spans) -> None:
            if child < 0:
                order.append(~child)
                return
            first = len(order)
            visit(int(left[t, child]))
            spans[child] = (first, len(order))  # the left subtree's leaves
            visit(int(right[t, child]))

        if root[t] < 0:
            order.append(0)
        else:
            visit(int(root[t]))
        for node, (first, end) in spans.items():
            bits = ((1 << (end - first)) - 1) << first
            masks[t, node] = np.uint64(~bits & 0xFFFFFFFFFFFFFFFF)
        ordered[t, : len(order)] = leaf[t, order]
    return masks, ordered


def _feature_ranges(infos: str, n: int) -> tuple[tuple[float, float] | None, ...]:
    """LightGBM's ``feature_infos`` ("[0:30] none [1:7]") as (min, max) pairs; () when absent or malformed.

    >>> _feature_ranges("[0:30] none [0.5:1]", 3)
    ((0.0, 30.0), None, (0.5, 1.0))
    """
    items = infos.split()
    if len(items) != n:
        return ()
    out: list[tuple[float, float] | None] = []
    for item in items:
        lo, sep, hi = item.strip("[]").partition(":")
        try:
            out.append((float(lo), float(hi)) if sep and item.startswith("[") else None)
        except ValueError:
            out.append(None)
    return tuple(out)


_EXAMPLE = """tree
version=v4
feature_names=x
Tree=0
num_leaves=2
num_cat=0
split_feature=0
threshold=0.5
decision_type=2
left_child=-1
right_child=-2
leaf_value=1 2
Tree=1
num_leaves=1
leaf_value=0.5
end of trees
"""
