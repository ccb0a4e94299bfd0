/*
 * The children of a tree-sitter node in one pass over its subtree array.
 *
 * tree-sitter's `ts_node_named_child(node, i)` walks the children from the
 * first on every call, so listing n children by index costs n*n/2 steps,
 * and a tree cursor, the linear alternative, keeps a stack and rebuilds
 * each node's position in more steps than this does. The body walk lists
 * the children of nearly every node of every function, which made that
 * listing a large part of its time (see `field::named_children`).
 *
 * This follows `ts_node__child` (node.c): a child that is not visible
 * (a hidden rule) is not listed itself; its own relevant children are,
 * in place. It reads tree-sitter's internal headers, so it is built
 * against the very sources of the tree-sitter crate that is linked (the
 * engine's build script finds them), and a change of those internals
 * breaks the build rather than the results; `field`'s tests compare this
 * listing with tree-sitter's own on every node of real files.
 */
#include <stdbool.h>
#include <stdint.h>

#include "tree_sitter/api.h"
#include "subtree.h"
#include "tree.h"
#include "language.h"
#include "length.h"

static inline Subtree node_subtree(TSNode node) {
  return *(const Subtree *)node.id;
}

/* Whether `node` is listed: visible (or aliased), and named when only
 * named children are wanted. */
static inline bool relevant(TSNode node, bool named_only) {
  Subtree tree = node_subtree(node);
  TSSymbol alias = (TSSymbol)node.context[3];
  if (!named_only) return ts_subtree_visible(tree) || alias;
  if (alias) return ts_language_symbol_metadata(node.tree->language, alias).named;
  return ts_subtree_visible(tree) && ts_subtree_named(tree);
}

/* How many listed nodes a hidden child holds. */
static inline uint32_t relevant_count(TSNode node, bool named_only) {
  Subtree tree = node_subtree(node);
  if (ts_subtree_child_count(tree) == 0) return 0;
  return named_only ? tree.ptr->named_child_count : tree.ptr->visible_child_count;
}

static uint32_t collect(TSNode parent, bool named_only, TSNode *out, uint32_t cap, uint32_t n) {
  Subtree tree = node_subtree(parent);
  uint32_t count = ts_subtree_child_count(tree);
  if (count == 0) return n;
  const TSSymbol *aliases =
    ts_language_alias_sequence(parent.tree->language, tree.ptr->production_id);
  Length position = {
    parent.context[0],
    {parent.context[1], parent.context[2]},
  };
  uint32_t structural = 0;
  const Subtree *children = ts_subtree_children(tree);
  for (uint32_t i = 0; i < count && n < cap; i++) {
    const Subtree *child = &children[i];
    TSSymbol alias = 0;
    if (!ts_subtree_extra(*child)) {
      if (aliases) alias = aliases[structural];
      structural++;
    }
    if (i > 0) position = length_add(position, ts_subtree_padding(*child));
    TSNode node = ts_node_new(parent.tree, child, position, alias);
    if (relevant(node, named_only)) {
      out[n++] = node;
    } else if (relevant_count(node, named_only) > 0) {
      n = collect(node, named_only, out, cap, n);
    }
    position = length_add(position, ts_subtree_size(*child));
  }
  return n;
}

/* Writes the first `cap` (at most) children of `node` that
 * `ts_node_child` (or, when `named_only`, `ts_node_named_child`) gives,
 * in order, to `out`, and returns how many it wrote. */
uint32_t goseam_ts_node_children(TSNode node, bool named_only, TSNode *out, uint32_t cap) {
  if (!node.id) return 0;
  return collect(node, named_only, out, cap, 0);
}
