import type { PredictionView } from "@/lib/playground-api";

/** One step of a chain, and the branches that start from it (their first steps), in the order they were made. */
export type ChainNode = { view: PredictionView; next: ChainNode[] };

/**
 * Runs of one thread laid out as chains: each run after the run it was made from. A run whose parent
 * is not among them (the thread's root, or a step whose parent was deleted) starts a chain of its own.
 */
export function chainsOf(views: PredictionView[]): ChainNode[] {
  const ordered = [...views].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const nodes = new Map(ordered.map((view) => [view.id, { view, next: [] } as ChainNode]));
  const roots: ChainNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.view.lineage?.parentId ? nodes.get(node.view.lineage.parentId) : undefined;
    if (parent) parent.next.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The chain a run belongs to: from the first of its ancestors still among `views`, every run made
 * from it. The same for each run of the chain, so every page of it draws the same tree. Without
 * `current`, every chain of the thread.
 */
export function treeOf(views: PredictionView[], current?: string): ChainNode[] {
  const roots = chainsOf(views);
  if (!current) return roots;
  const byId = new Map(views.map((view) => [view.id, view]));
  let top = byId.get(current);
  for (let parent = top?.lineage?.parentId; parent && byId.has(parent); parent = byId.get(parent)?.lineage?.parentId)
    top = byId.get(parent);
  return roots.filter((root) => root.view.id === top?.id);
}

/** The longest path from a node: the chain's main line; every other branch is a fork off it. */
export function mainLine(node: ChainNode): ChainNode[] {
  const line = [node];
  let current = node;
  while (current.next.length > 0) {
    current = current.next.reduce((longest, candidate) => (depth(candidate) > depth(longest) ? candidate : longest));
    line.push(current);
  }
  return line;
}

const depth = (node: ChainNode): number => 1 + Math.max(0, ...node.next.map(depth));

/**
 * One row of a drawn tree: a line of steps starting at `column`. A fork's row starts one column
 * right of the step it branches `from`, so it hangs under that step; rows come in the order they
 * are read (a line, then its forks, each with its own forks, top to bottom).
 */
export type ChainRow = { steps: ChainNode[]; column: number; from?: PredictionView };

/** `offset`: columns before a root's first step (an edit's "Original" picture takes one). */
export function chainRows(roots: ChainNode[], offset: (root: ChainNode) => number = () => 0): ChainRow[] {
  const rows: ChainRow[] = [];
  const place = (start: ChainNode, column: number, from?: PredictionView) => {
    const line = mainLine(start);
    rows.push({ steps: line, column, from });
    line.forEach((node, index) => {
      for (const fork of node.next) if (fork !== line[index + 1]) place(fork, column + index + 1, node.view);
    });
  };
  for (const root of roots) place(root, offset(root));
  return rows;
}
