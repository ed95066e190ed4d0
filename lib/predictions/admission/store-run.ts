import "server-only";
import type { ClaimOutcome, IdempotencyClaim, PredictionRepo } from "../../db/prediction-repo";
import { type NewPrediction, newPredictionId } from "../../domain";
import type { Engine } from "../../engines/types";
import { isAppError } from "../../errors";
import type { InputImages } from "../../inputs/input-images";
import type { StorageGuard } from "../../storage/storage-guard";
import { lineageFor } from "../lineage";
import type { NewRun } from "../types";

type Deps = { repo: PredictionRepo; engine: Engine; inputs: InputImages; storage: StorageGuard };

/**
 * Stores an admitted run as `created` (with a key: row and key in one transaction). An edit's
 * pictures are stored first, and stay pinned until the row that names them is written. A full
 * disk is the 507 a route answers.
 */
export async function storeRun(deps: Deps, run: NewRun, claim: IdempotencyClaim | undefined): Promise<ClaimOutcome> {
  const prediction = await newPrediction(deps, run);
  const store = async (): Promise<ClaimOutcome> => {
    if (claim) return deps.repo.createOnce(prediction, claim);
    return { outcome: "created", record: await deps.repo.create(prediction) };
  };
  try {
    return run.images?.length ? await deps.inputs.keep(run.images, store) : await store();
  } catch (error) {
    throw isAppError(error) ? error : deps.storage.toAppError(error);
  }
}

async function newPrediction({ repo, engine }: Deps, run: NewRun): Promise<NewPrediction> {
  const id = newPredictionId();
  return {
    id,
    engine: engine.name,
    model: engine.modelFor(run.input),
    status: "created",
    input: run.input,
    seedRequested: run.seedRequested,
    upstreamId: null,
    submitState: "pending",
    error: "",
    inferenceMs: 0,
    createdAt: new Date().toISOString(),
    completedAt: null,
    options: run.options,
    ...(await lineageFor(repo, id, run)),
    sweep: run.sweep ? { id: run.sweep.id, x: run.sweep.x, y: run.sweep.y } : null,
    source: run.source ?? null,
  };
}
