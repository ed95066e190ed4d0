import "server-only";
import type { PredictionRepo } from "../db/prediction-repo";
import { inputChanges, type Lineage, type PredictionRecord, threadFor } from "../domain";
import type { Family, NewRun } from "./types";

/** How far up a share page follows a chain of parents. */
export const MAX_ANCESTORS = 50;

/** How many runs of a thread a share page draws as its chain's tree. */
export const MAX_THREAD_RUNS = 200;

/**
 * The lineage and thread of a new run: what changed from its parent (or, for a sweep
 * cell started from the form, from the sweep's base); an edit joins the thread of the run
 * whose picture it edits. A parent that has been deleted
 * meanwhile is still named, with no changes known.
 */
export async function lineageFor(
  repo: PredictionRepo,
  id: string,
  run: NewRun,
): Promise<{ lineage: Lineage | null; threadId: string }> {
  const parentId = run.parent?.id ?? null;
  const parent = parentId ? await repo.get(parentId) : undefined;
  const threadId = threadFor({ id, parentId, parentThreadId: parent?.threadId, sweepId: run.sweep?.id });
  if (run.sweep) {
    const from = parent?.input ?? run.sweep.base;
    return { lineage: { parentId, kind: "sweep_cell", changes: inputChanges(from, run.input) }, threadId };
  }
  if (!run.parent) return { lineage: null, threadId };
  // An edit is a new instruction on a picture, not a change of settings: its instruction says what changed.
  const changes = parent && run.parent.kind !== "edit" ? inputChanges(parent.input, run.input) : [];
  return { lineage: { parentId, kind: run.parent.kind, changes }, threadId };
}

export async function familyOf(repo: PredictionRepo, run: Pick<PredictionRecord, "id" | "threadId">): Promise<Family> {
  const [ancestors, children] = await Promise.all([repo.ancestors(run.id, MAX_ANCESTORS), repo.children(run.id)]);
  const alone = ancestors.length === 0 && children.length === 0;
  const thread = alone ? [] : (await repo.list({ threadId: run.threadId, limit: MAX_THREAD_RUNS })).items;
  return { ancestors, children, thread };
}

/** The ids of the runs of a thread (up to MAX_THREAD_RUNS): every page of a chain draws them all. */
export async function threadRunIds(repo: PredictionRepo, threadId: string): Promise<string[]> {
  const page = await repo.list({ threadId, limit: MAX_THREAD_RUNS });
  return page.items.map((item) => item.id);
}
