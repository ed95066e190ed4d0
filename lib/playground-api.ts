import { z } from "zod/mini";
import { type AnyPredictionRequest, predictionStatusSchema, runRequestSchema, runRequestSchemaWith } from "./contract";
import {
  ASPECT_RATIOS,
  EDIT_KINDS,
  ENGINE_NAMES,
  type EngineName,
  type HistoryQuery,
  ID_PATTERN,
  LINEAGE_FIELDS,
  LINEAGE_KINDS,
  MAX_IMAGES,
  MAX_NOTE_CHARS,
  MODEL_NAMES,
  OUTPUT_FORMATS,
  PREDICTION_STATUSES,
  RUN_SOURCE_KINDS,
  SAFETY_TOLERANCES,
  SWEEP_FIELDS,
} from "./domain";

export { DELETED_EVENT, downloadUrl, EARLIER_PAGE_SIZE, PREDICTION_EVENT, RESYNC_EVENT } from "./playground-names";

/**
 * The playground's own JSON API (`/api/predictions`, `/api/events`), shared by
 * the route handlers that build it and the browser hooks that parse it.
 */
export const engineNameSchema = z.enum(ENGINE_NAMES);

/** The engine this server runs; what each model costs on it is the registry's (lib/domain/models.ts). */
export type EngineSummary = { engine: EngineName; model: string };

export const outputViewSchema = z.object({
  index: z.int(),
  /** Absolute URL of the mirrored original on this server. */
  url: z.string(),
  /** Small WebP for grids. */
  thumbUrl: z.string(),
  width: z.int(),
  height: z.int(),
  contentType: z.string(),
  nsfw: z.boolean(),
  starred: z.boolean(),
});
export type OutputView = z.infer<typeof outputViewSchema>;

const lineageKindSchema = z.enum(LINEAGE_KINDS, { error: `kind must be one of ${LINEAGE_KINDS.join(", ")}` });

export const lineageSchema = z.object({
  parentId: z.nullable(z.string()),
  kind: lineageKindSchema,
  changes: z.array(
    z.object({ field: z.enum(LINEAGE_FIELDS), from: z.union([z.string(), z.number()]), to: z.union([z.string(), z.number()]) }),
  ),
});

/** One input picture of an edit: where it is served (it lasts as long as a run uses it), and its shape. */
export const inputImageViewSchema = z.object({
  sha256: z.string(),
  /** Absolute URL of the picture as stored. */
  url: z.string(),
  /** Small WebP for cards and filmstrips. */
  thumbUrl: z.string(),
  width: z.int(),
  height: z.int(),
  contentType: z.string(),
});
export type InputImageView = z.infer<typeof inputImageViewSchema>;

/** An assistant that asked for a run over MCP, and its client's name. */
const runSourceSchema = z.object({ kind: z.enum(RUN_SOURCE_KINDS), client: z.nullable(z.string()) });

export const predictionViewSchema = z.object({
  id: z.string(),
  engine: engineNameSchema,
  model: z.string(),
  status: predictionStatusSchema,
  input: z.object({
    /** Which of the family made it (a local run: the model it stood in for). */
    model: z.enum(MODEL_NAMES),
    prompt: z.string(),
    aspect_ratio: z.enum(ASPECT_RATIOS),
    num_images: z.int().check(z.gte(1), z.lte(MAX_IMAGES)),
    /** The seed actually used, also when a random one was asked for. */
    seed: z.int(),
    guidance_scale: z.number(),
    safety_tolerance: z.enum(SAFETY_TOLERANCES),
    /** [dev]'s own: the pixel size asked for ("W*H"), steps, output format and safety checker. */
    size: z.optional(z.string()),
    num_inference_steps: z.optional(z.int()),
    output_format: z.optional(z.enum(OUTPUT_FORMATS)),
    enable_safety_checker: z.optional(z.boolean()),
    /** Present for an edit: its kind, its input pictures, and whether the output keeps their shape. */
    edit: z.optional(z.object({ kind: z.enum(EDIT_KINDS), matchInput: z.boolean(), images: z.array(inputImageViewSchema) })),
  }),
  seedRequested: z.nullable(z.int()),
  error: z.string(),
  inferenceMs: z.int(),
  createdAt: z.string(),
  /** Orders two views of one run that share a status: the later change wins. */
  updatedAt: z.string(),
  completedAt: z.nullable(z.string()),
  outputs: z.array(outputViewSchema),
  lineage: z.nullable(lineageSchema),
  threadId: z.string(),
  note: z.string(),
  sweep: z.nullable(z.object({ id: z.string(), x: z.int(), y: z.int() })),
  /** Set when an assistant asked for the run over MCP: "via MCP", with the client's name. */
  source: z.nullable(runSourceSchema),
  /** Absolute URL of the share page. */
  shareUrl: z.string(),
  /** Absolute URL of the served contract's result endpoint. */
  resultUrl: z.string(),
  /** A queued run's place in line, 1 next: on a read of the one run (it changes as others start). */
  queuePosition: z.optional(z.nullable(z.int())),
});
export type PredictionView = z.infer<typeof predictionViewSchema>;

/**
 * A share page's lineage. Root first; a parent that was deleted is an id without a view. `thread`:
 * every run of its thread (for the chain's tree), empty for a run with no parent and no children.
 */
export type FamilyView = {
  ancestors: Array<{ id: string; view?: PredictionView }>;
  children: PredictionView[];
  thread: PredictionView[];
};

/** Everything a share page shows: the same for every viewer. */
export type SharePageData = { view: PredictionView; family: FamilyView };

export { ID_PATTERN };
export const idSchema = (field: string) =>
  z.string({ error: `${field} must be an id` }).check(z.regex(ID_PATTERN, { error: `${field} must be an id` }));

/** The playground's submit: the served contract's body, and where the run comes from. */
export const parentRefSchema = z.object({ id: idSchema("parent.id"), kind: lineageKindSchema });
export const submitExtrasSchema = z.object({ parent: z.optional(z.nullable(parentRefSchema)) });
/** `POST /api/predictions`: a run of any model (by its fields: `image` an edit, `images` multi), and `parent`. */
export const submitRequestSchema = runRequestSchemaWith(submitExtrasSchema.shape);
export type ParentRefBody = z.infer<typeof parentRefSchema>;

const NOTE_RULE = { error: `note must be text of at most ${MAX_NOTE_CHARS} characters` };
/** `PATCH /api/predictions/{id}`: a note, a star, or both. */
export const annotationSchema = z.object({
  note: z.optional(z.string(NOTE_RULE).check(z.maxLength(MAX_NOTE_CHARS, NOTE_RULE))),
  star: z.optional(
    z.object({
      index: z.int({ error: "star.index must be an image number" }).check(z.gte(0), z.lt(MAX_IMAGES)),
      starred: z.boolean({ error: "star.starred must be true or false" }),
    }),
  ),
});
export type AnnotationBody = z.infer<typeof annotationSchema>;

const LIMIT_RULE = { error: "limit must be an integer from 1 to 100" };
export const historyQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.maxLength(200, { error: "cursor must be a cursor from a previous page" }))),
  limit: z._default(
    z.coerce.number(LIMIT_RULE).check(z.refine(Number.isInteger, LIMIT_RULE), z.gte(1, LIMIT_RULE), z.lte(100, LIMIT_RULE)),
    24,
  ),
  q: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: "q must be at most 500 characters" }))),
  status: z.optional(z.enum(PREDICTION_STATUSES, { error: `status must be one of ${PREDICTION_STATUSES.join(", ")}` })),
  model: z.optional(z.enum(MODEL_NAMES, { error: `model must be one of ${MODEL_NAMES.join(", ")}` })),
  starred: z.optional(z.enum(["1"], { error: "starred must be 1 when given" })),
  note: z.optional(z.enum(["1"], { error: "note must be 1 when given" })),
  thread: z.optional(idSchema("thread")),
  group: z.optional(z.enum(["thread"], { error: "group must be thread when given" })),
  sweeps: z.optional(z.enum(["collapse"], { error: "sweeps must be collapse when given" })),
});
export type HistoryQueryParams = z.infer<typeof historyQuerySchema>;

/** The query string's filters as the service takes them. */
export function toHistoryQuery(params: Omit<HistoryQueryParams, "limit" | "cursor">): Omit<HistoryQuery, "limit"> {
  return {
    search: params.q || undefined,
    status: params.status,
    model: params.model,
    starred: params.starred === "1" || undefined,
    hasNote: params.note === "1" || undefined,
    threadId: params.thread,
    groupByThread: params.group === "thread" || undefined,
    collapseSweeps: params.sweeps === "collapse" || undefined,
  };
}

/** One position of a sweep's grid as a history entry shows it: its newest run, and that run's first image. */
export const sweepEntryCellSchema = z.object({
  id: z.string(),
  x: z.int(),
  y: z.int(),
  status: predictionStatusSchema,
  error: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The first image's small WebP, once it has one, and the original's width (which copies exist). */
  thumbUrl: z.nullable(z.string()),
  width: z.int(),
  nsfw: z.boolean(),
});
export type SweepEntryCell = z.infer<typeof sweepEntryCellSchema>;

/** A sweep folded into one history entry: its grid, how far it has come, and its page. */
export const sweepEntrySchema = z.object({
  id: z.string(),
  pageUrl: z.string(),
  /** The prompt of its first cell. */
  prompt: z.string(),
  columns: z.int(),
  rows: z.int(),
  /** What it sweeps, across then down. */
  axes: z.array(z.enum(SWEEP_FIELDS)),
  cells: z.array(sweepEntryCellSchema),
  /** Who asked for it, as its cells say: an assistant over MCP, or null. */
  source: z.nullable(runSourceSchema),
});
export type SweepEntryView = z.infer<typeof sweepEntrySchema>;

export const historyPageSchema = z.object({
  items: z.array(predictionViewSchema),
  nextCursor: z.nullable(z.string()),
  totals: z.object({
    images: z.object({ local: z.int(), wavespeed: z.int() }),
    costUsd: z.number(),
  }),
  /** How many runs each listed thread holds. */
  threadSizes: z.record(z.string(), z.int()),
  /** With `sweeps=collapse`: each listed cell stands for its whole sweep, summed up here by sweep id. */
  sweeps: z.record(z.string(), sweepEntrySchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** `GET /api/budget`: today's WaveSpeed spend against BUDGET_USD_PER_DAY (a UTC day). */
export const budgetViewSchema = z.object({
  day: z.string(),
  budgetUsd: z.number(),
  spentUsd: z.number(),
  leftUsd: z.number(),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;
export const budgetAnswerSchema = z.object({ budget: z.nullable(budgetViewSchema) });
export type BudgetAnswer = z.infer<typeof budgetAnswerSchema>;

/** `GET /api/session`: whether this browser is the owner, and whether this server asks anyone to sign in. */
export const sessionViewSchema = z.object({ owner: z.boolean(), signInRequired: z.boolean() });
export type SessionView = z.infer<typeof sessionViewSchema>;

/** `POST /api/session`: sign in with the access token. */
export const signInSchema = z.object({
  token: z
    .string({ error: "token must be the access token" })
    .check(z.trim(), z.minLength(1, { error: "token must be the access token" })),
});
export type SignInRequest = z.infer<typeof signInSchema>;

/** How many values one axis may list before expansion; the cell cap (SWEEP_MAX_CELLS) applies after. */
export const MAX_AXIS_VALUES = 1_000;

export const sweepAxisSpecSchema = z.object({
  field: z.enum(SWEEP_FIELDS, { error: `field must be one of ${SWEEP_FIELDS.join(", ")}` }),
  values: z.optional(z.array(z.union([z.string(), z.number()])).check(z.maxLength(MAX_AXIS_VALUES))),
  random: z.optional(z.int({ error: "random must be a whole number of seeds" }).check(z.gte(1), z.lte(MAX_AXIS_VALUES))),
  range: z.optional(z.object({ from: z.number(), to: z.number(), step: z.number() })),
  alternatives: z.optional(z.boolean()),
});

/**
 * `POST /api/sweeps`: the base settings (a submit body: text-to-image, an edit or multi, checked by the
 * prediction service as a submit is), one or two axes, and the confirmed cost when it costs money.
 */
export const sweepRequestSchema = z.object({
  base: z.custom<AnyPredictionRequest>((value) => typeof value === "object" && value !== null && !Array.isArray(value), {
    error: "base must be the settings of a run",
  }),
  x: sweepAxisSpecSchema,
  y: z.optional(z.nullable(sweepAxisSpecSchema)),
  parent: z.optional(z.nullable(parentRefSchema)),
  confirmedCostUsd: z.optional(z.number()),
});
export type SweepRequest = z.input<typeof sweepRequestSchema>;
/** A sweep's base, checked as a submit is, its fields named under `base`. */
export const sweepBaseSchema = z.object({ base: runRequestSchema });

/** `POST /api/sweeps/{id}/retry`. */
export const sweepRetrySchema = z.object({ confirmedCostUsd: z.optional(z.number()) });

const sweepAxisSchema = z.object({
  field: z.enum(SWEEP_FIELDS),
  values: z.array(z.union([z.string(), z.number()])),
  labels: z.array(z.string()),
});

export const sweepViewSchema = z.object({
  id: z.string(),
  engine: engineNameSchema,
  base: predictionViewSchema.shape.input,
  x: sweepAxisSchema,
  y: z.nullable(sweepAxisSchema),
  parentId: z.nullable(z.string()),
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  /** Every run of the sweep, retried cells included; the newest run of a cell is the one shown. */
  cells: z.array(predictionViewSchema),
  /** What the whole grid costs (every cell once). */
  costUsd: z.number(),
  pageUrl: z.string(),
  gridUrl: z.string(),
});
export type SweepView = z.infer<typeof sweepViewSchema>;

export const EXPORT_SCOPES = ["all", "thread", "sweep", "filter"] as const;

/** `GET /api/export?scope=…`: everything, one thread, one sweep, or the history filter (the history's own query keys). */
export const exportQuerySchema = z.object({
  scope: z._default(z.enum(EXPORT_SCOPES, { error: `scope must be one of ${EXPORT_SCOPES.join(", ")}` }), "all"),
  thread: z.optional(idSchema("thread")),
  sweep: z.optional(idSchema("sweep")),
  q: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: "q must be at most 500 characters" }))),
  status: z.optional(z.enum(PREDICTION_STATUSES, { error: `status must be one of ${PREDICTION_STATUSES.join(", ")}` })),
  model: z.optional(z.enum(MODEL_NAMES, { error: `model must be one of ${MODEL_NAMES.join(", ")}` })),
  starred: z.optional(z.enum(["1"], { error: "starred must be 1 when given" })),
  note: z.optional(z.enum(["1"], { error: "note must be 1 when given" })),
  group: z.optional(z.enum(["thread"], { error: "group must be thread when given" })),
});

const countsSchema = z.object({ imported: z.int(), skipped: z.int() });
/** What `POST /api/import` did: new runs and sweeps stored, those already here skipped. */
export const importResultSchema = z.object({ predictions: countsSchema, sweeps: countsSchema });
export type ImportResultView = z.infer<typeof importResultSchema>;

export * from "./recipe";
