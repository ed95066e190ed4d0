import "server-only";
import type { PredictionRepo, UpdateOutcome } from "../db/prediction-repo";
import type { PredictionPatch } from "../domain";
import { UpstreamError } from "../engines/types";
import type { EventBus } from "../events/event-bus";
import { log } from "../log";
import type { Failure } from "../retry";
import { storageProblemOf } from "../storage/storage-errors";
import type { StorageGuard } from "../storage/storage-guard";
import { MirrorError } from "./mirror";

export type RunWriteDeps = { repo: PredictionRepo; events: EventBus; storage: StorageGuard };

/** Writes the patch and announces what a person can see of it. */
export async function saveRun({ repo, events }: RunWriteDeps, id: string, patch: PredictionPatch): Promise<UpdateOutcome> {
  const outcome = await repo.update(id, patch);
  if (outcome !== "updated") return outcome;
  // Submit bookkeeping changes nothing a person can see, so only visible changes are read back and announced.
  const visible = Object.keys(patch).some((key) => key !== "submitState" && key !== "upstreamId");
  const record = visible ? await repo.get(id) : undefined;
  if (record) await events.publish({ type: "updated", record });
  return outcome;
}

/** A failure in words: a full disk says so, whatever was being done; other failures follow `context`. */
export function describeFailure(storage: StorageGuard, error: unknown, context = ""): string {
  const full = storage.describe(error);
  if (full) return full;
  if (error instanceof UpstreamError || error instanceof MirrorError) return context + error.message;
  log.error("unexpected failure", { error: String(error) });
  return `${context}Internal error.`;
}

/** What the retry decision needs to know of a failure. */
export function failureOf(error: unknown): Failure {
  if (error instanceof UpstreamError) return { kind: error.kind, retryAfterMs: error.details.retryAfterMs };
  if (storageProblemOf(error)) return { kind: "storage_full" };
  return { kind: "other" };
}
