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
