import "server-only";
import {
  DEFAULT_PREDICTION_OPTIONS,
  type EditKind,
  type EngineInput,
  type EngineName,
  type InputImage,
  imagePriceMills,
  type LineageChange,
  type LineageKind,
  type ModelName,
  type NewPrediction,
  type OutputFormat,
  type PredictionPatch,
  type PredictionRecord,
  type PredictionStatus,
  type RunSourceKind,
  type StoredOutput,
  type SubmitState,
} from "../domain";

/** The SQL shapes of a prediction and its outputs, and their mapping to the domain's. */
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
  parent_id: string | null;
  lineage_kind: LineageKind | null;
  lineage_changes: string | null;
  thread_id: string;
  note: string;
  sweep_id: string | null;
  sweep_x: number | null;
  sweep_y: number | null;
  enable_sync_mode: number;
  enable_base64_output: number;
  edit_kind: EditKind | null;
  match_input: number;
  source: RunSourceKind | null;
  source_client: string | null;
  model_name: ModelName;
  size: string | null;
  num_inference_steps: number | null;
  output_format: OutputFormat | null;
  safety_checker: number | null;
  image_price_mills: number;
};

/** One input image of a run, with what is known of it. */
export type InputRow = {
  prediction_id: string;
  idx: number;
  sha256: string;
  content_type: InputImage["contentType"];
  width: number;
  height: number;
  bytes: number;
};

export type OutputRow = {
  prediction_id: string;
  idx: number;
  file: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: number;
  source_url: string | null;
  starred: number;
};

/** The column each field of a patch is written to. */
export const PATCH_COLUMNS = {
  status: "status",
  upstreamId: "upstream_id",
  submitState: "submit_state",
  error: "error",
  inferenceMs: "inference_ms",
  completedAt: "completed_at",
} as const satisfies Record<keyof PredictionPatch, string>;

export const INSERT_PREDICTION = `INSERT INTO predictions (id, engine, model, status, prompt, aspect_ratio, num_images, seed,
    seed_requested, guidance_scale, safety_tolerance, upstream_id, submit_state, error, inference_ms, created_at, updated_at,
    completed_at, parent_id, lineage_kind, lineage_changes, thread_id, note, sweep_id, sweep_x, sweep_y,
    enable_sync_mode, enable_base64_output, edit_kind, match_input, source, source_client, model_name, size,
    num_inference_steps, output_format, safety_checker, image_price_mills)
  VALUES (@id, @engine, @model, @status, @prompt, @aspect_ratio, @num_images, @seed, @seed_requested, @guidance_scale,
    @safety_tolerance, @upstream_id, @submit_state, @error, @inference_ms, @created_at, @updated_at, @completed_at, @parent_id,
    @lineage_kind, @lineage_changes, @thread_id, @note, @sweep_id, @sweep_x, @sweep_y, @enable_sync_mode, @enable_base64_output,
    @edit_kind, @match_input, @source, @source_client, @model_name, @size, @num_inference_steps, @output_format,
    @safety_checker, @image_price_mills)`;

/** An input image's description, once per picture: a second run of the same picture finds it there. */
export const REMEMBER_INPUT_IMAGE = `INSERT INTO input_images (sha256, content_type, width, height, bytes, created_at)
  VALUES (@sha256, @content_type, @width, @height, @bytes, @created_at) ON CONFLICT (sha256) DO NOTHING`;
export const INSERT_INPUT = `INSERT INTO prediction_inputs (prediction_id, idx, sha256) VALUES (@prediction_id, @idx, @sha256)`;
export const SELECT_INPUTS = `SELECT pi.prediction_id, pi.idx, i.sha256, i.content_type, i.width, i.height, i.bytes
  FROM prediction_inputs pi JOIN input_images i ON i.sha256 = pi.sha256`;

export const inputImageParams = (image: InputImage, createdAt: string) => ({
  sha256: image.sha256,
  content_type: image.contentType,
  width: image.width,
  height: image.height,
  bytes: image.bytes,
  created_at: createdAt,
});

export const toInputImage = (row: Omit<InputRow, "prediction_id" | "idx">): InputImage => ({
  sha256: row.sha256,
  contentType: row.content_type,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
});

/** The statements that write a run's input images: their descriptions (once per picture) and which the run uses, in order; each store runs them its own way. */
export function inputStatements(
  record: Pick<PredictionRecord, "id" | "input" | "createdAt">,
): Array<[string, Record<string, unknown>]> {
  return (record.input.edit?.images ?? []).flatMap(
    (image, idx): Array<[string, Record<string, unknown>]> => [
      [REMEMBER_INPUT_IMAGE, inputImageParams(image, record.createdAt)],
      [INSERT_INPUT, { prediction_id: record.id, idx, sha256: image.sha256 }],
    ],
  );
}

export const INSERT_OUTPUT = `INSERT INTO prediction_outputs (prediction_id, idx, file, content_type, width, height, bytes, nsfw, source_url, starred)
  VALUES (@prediction_id, @idx, @file, @content_type, @width, @height, @bytes, @nsfw, @source_url, @starred)`;

/** Only the model, its parameters and the edit, whatever else an input object carries; [dev]'s fields only when set. */
export const inputOf = ({
  model,
  prompt,
  aspect_ratio,
  num_images,
  seed,
  guidance_scale,
  safety_tolerance,
  size,
  num_inference_steps,
  output_format,
  enable_safety_checker,
  edit,
}: EngineInput): EngineInput => ({
  model,
  prompt,
  aspect_ratio,
  num_images,
  seed,
  guidance_scale,
  safety_tolerance,
  ...(size !== undefined ? { size } : {}),
  ...(num_inference_steps !== undefined ? { num_inference_steps } : {}),
  ...(output_format !== undefined ? { output_format } : {}),
  ...(enable_safety_checker !== undefined ? { enable_safety_checker } : {}),
  ...(edit ? { edit: { kind: edit.kind, matchInput: edit.matchInput, images: edit.images.map((image) => ({ ...image })) } } : {}),
});

/** The parameters as columns; the edit goes to its own columns and to prediction_inputs. */
const columnsOf = (input: EngineInput) => {
  const { edit, model, size, num_inference_steps, output_format, enable_safety_checker, ...parameters } = inputOf(input);
  return {
    ...parameters,
    model_name: model,
    size: size ?? null,
    num_inference_steps: num_inference_steps ?? null,
    output_format: output_format ?? null,
    safety_checker: enable_safety_checker === undefined ? null : enable_safety_checker ? 1 : 0,
    edit_kind: edit?.kind ?? null,
    match_input: edit?.matchInput ? 1 : 0,
  };
};

/** A new prediction as the record a read would give back. */
export function withDefaults(record: NewPrediction, updatedAt = record.createdAt): PredictionRecord {
  return {
    ...record,
    input: inputOf(record.input),
    updatedAt,
    outputs: [],
    lineage: record.lineage ?? null,
    threadId: record.threadId ?? record.id,
    note: record.note ?? "",
    sweep: record.sweep ?? null,
    source: record.source ?? null,
    options: { ...DEFAULT_PREDICTION_OPTIONS, ...record.options },
  };
}

export function predictionParams(record: PredictionRecord): Record<string, unknown> {
  return {
    id: record.id,
    engine: record.engine,
    model: record.model,
    status: record.status,
    ...columnsOf(record.input),
    // What one image costs, fixed now: the totals and the budget add it up in SQL.
    image_price_mills: imagePriceMills(record.engine, record.input),
    seed_requested: record.seedRequested,
    upstream_id: record.upstreamId,
    submit_state: record.submitState,
    error: record.error,
    inference_ms: record.inferenceMs,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    completed_at: record.completedAt,
    parent_id: record.lineage?.parentId ?? null,
    lineage_kind: record.lineage?.kind ?? null,
    lineage_changes: record.lineage ? JSON.stringify(record.lineage.changes) : null,
    thread_id: record.threadId,
    note: record.note,
    sweep_id: record.sweep?.id ?? null,
    sweep_x: record.sweep?.x ?? null,
    sweep_y: record.sweep?.y ?? null,
    enable_sync_mode: record.options.syncMode ? 1 : 0,
    enable_base64_output: record.options.base64Output ? 1 : 0,
    source: record.source?.kind ?? null,
    source_client: record.source?.client ?? null,
  };
}

export const outputParams = (predictionId: string, output: StoredOutput) => ({
  prediction_id: predictionId,
  idx: output.index,
  file: output.file,
  content_type: output.contentType,
  width: output.width,
  height: output.height,
  bytes: output.bytes,
  nsfw: output.nsfw ? 1 : 0,
  source_url: output.sourceUrl,
  starred: output.starred ? 1 : 0,
});

export const toOutput = (row: OutputRow): StoredOutput => ({
  index: row.idx,
  file: row.file,
  contentType: row.content_type,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  nsfw: row.nsfw === 1,
  sourceUrl: row.source_url,
  starred: row.starred === 1,
});

/** Rows of many runs (ordered within each run), each made into its value and listed under its run. */
export function byPrediction<Row extends { prediction_id: string }, Value>(
  rows: Row[],
  toValue: (row: Row) => Value,
): Map<string, Value[]> {
  const grouped = new Map<string, Value[]>();
  for (const row of rows) {
    const list = grouped.get(row.prediction_id);
    if (list) list.push(toValue(row));
    else grouped.set(row.prediction_id, [toValue(row)]);
  }
  return grouped;
}

export const toRecord = (row: PredictionRow, outputs: StoredOutput[], inputs: InputImage[] = []): PredictionRecord => ({
  id: row.id,
  engine: row.engine,
  model: row.model,
  status: row.status,
  input: {
    model: row.model_name,
    prompt: row.prompt,
    aspect_ratio: row.aspect_ratio,
    num_images: row.num_images,
    seed: row.seed,
    guidance_scale: row.guidance_scale,
    safety_tolerance: row.safety_tolerance,
    ...(row.size !== null ? { size: row.size } : {}),
    ...(row.num_inference_steps !== null ? { num_inference_steps: row.num_inference_steps } : {}),
    ...(row.output_format !== null ? { output_format: row.output_format } : {}),
    ...(row.safety_checker !== null ? { enable_safety_checker: row.safety_checker === 1 } : {}),
    ...(row.edit_kind ? { edit: { kind: row.edit_kind, matchInput: row.match_input === 1, images: inputs } } : {}),
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
  lineage: row.lineage_kind
    ? { parentId: row.parent_id, kind: row.lineage_kind, changes: JSON.parse(row.lineage_changes ?? "[]") as LineageChange[] }
    : null,
  threadId: row.thread_id,
  note: row.note,
  sweep: row.sweep_id !== null ? { id: row.sweep_id, x: row.sweep_x ?? 0, y: row.sweep_y ?? 0 } : null,
  options: { syncMode: row.enable_sync_mode === 1, base64Output: row.enable_base64_output === 1 },
  source: row.source ? { kind: row.source, client: row.source_client } : null,
});

/** The UTC day after `day` (YYYY-MM-DD): a day's runs are those created from `day` up to it. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
