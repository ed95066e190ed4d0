import type {
  EngineInput,
  EngineName,
  PredictionPatch,
  PredictionRecord,
  PredictionStatus,
  StoredOutput,
  SubmitState,
} from "../domain";

/** The predictions tables' rows, as both SQL dialects store them, and their mapping to the domain. */
export type PredictionRow = {
  id: string;
  engine: EngineName;
  model: string;
  status: PredictionStatus;
  prompt: string;
  aspect_ratio: EngineInput["aspect_ratio"];
  num_images: number;
  seed: number;
  seed_requested: number | null;
  guidance_scale: number;
  safety_tolerance: EngineInput["safety_tolerance"];
  upstream_id: string | null;
  submit_state: SubmitState;
  error: string;
  inference_ms: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
};

export type OutputRow = {
  prediction_id: string;
  idx: number;
  file: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  /** 0/1 in SQLite, a boolean in Postgres. */
  nsfw: number | boolean;
  source_url: string | null;
};

export const PATCH_COLUMNS = {
  status: "status",
  upstreamId: "upstream_id",
  submitState: "submit_state",
  error: "error",
  inferenceMs: "inference_ms",
  completedAt: "completed_at",
} as const satisfies Record<keyof PredictionPatch, string>;

export const toOutput = (row: OutputRow): StoredOutput => ({
  index: row.idx,
  file: row.file,
  contentType: row.content_type,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  nsfw: row.nsfw === 1 || row.nsfw === true,
  sourceUrl: row.source_url,
});

export const toRecord = (row: PredictionRow, outputs: StoredOutput[]): PredictionRecord => ({
  id: row.id,
  engine: row.engine,
  model: row.model,
  status: row.status,
  input: {
    prompt: row.prompt,
    aspect_ratio: row.aspect_ratio,
    num_images: row.num_images,
    seed: row.seed,
    guidance_scale: row.guidance_scale,
    safety_tolerance: row.safety_tolerance,
  },
  seedRequested: row.seed_requested,
  upstreamId: row.upstream_id,
  submitState: row.submit_state,
  error: row.error,
  inferenceMs: row.inference_ms,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  completedAt: row.completed_at,
  outputs,
});
