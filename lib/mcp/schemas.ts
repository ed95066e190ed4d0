import { z } from "zod/mini";
import { editRequestSchema, MAX_IMAGE_REF_CHARS, predictionRequestSchema, WEBHOOK_URL_MAX } from "../contract";
import {
  DEFAULT_MODEL,
  KONTEXT_MODEL_NAMES,
  MAX_IMAGES,
  MAX_MULTI_IMAGES,
  MAX_NOTE_CHARS,
  MIN_MULTI_IMAGES,
  MODELS,
  PREDICTION_STATUSES,
  priceRange,
} from "../domain";
import { annotationSchema, idSchema, MAX_AXIS_VALUES, sweepAxisSpecSchema } from "../playground-api";
import { MAX_COMPARED } from "../view/compare";
import { formatPriceRange } from "../view/format";

/**
 * The tools' arguments, built from the same schemas (and so the same limits and messages) the
 * served contract and the playground's own API parse with, with words for the model. The SDK turns
 * them into each tool's JSON Schema and checks every call against them: a bad argument is a tool
 * error that names the field.
 */
const about = z.describe;
const text = predictionRequestSchema.shape;
const edit = editRequestSchema.shape;

const INDEX_RULE = { error: `index must be an image number from 0 to ${MAX_IMAGES - 1}` };
const imageIndex = z.int(INDEX_RULE).check(z.gte(0, INDEX_RULE), z.lt(MAX_IMAGES, INDEX_RULE));

const oneSource = (ref: { run_id?: string; url?: string; base64?: string }) =>
  [ref.run_id, ref.url, ref.base64].filter((value) => value !== undefined).length === 1;

/** One picture: an image of a run here, a URL, or the bytes. */
export const imageRefSchema = z
  .object({
    run_id: z.optional(idSchema("run_id").check(about("The id of a run on this playground whose image to use."))),
    index: z.optional(imageIndex.check(about("Which of that run's images, from 0 (the default)."))),
    url: z.optional(
      z
        .string({ error: "url must be a URL" })
        .check(
          z.maxLength(WEBHOOK_URL_MAX, { error: `url must be at most ${WEBHOOK_URL_MAX} characters` }),
          about(
            "An https URL this server fetches (public addresses only), or the download_url of a file uploaded to this server (POST /api/v3/media/upload/binary).",
          ),
        ),
    ),
    base64: z.optional(
      z
        .string({ error: "base64 must be text" })
        .check(
          z.maxLength(MAX_IMAGE_REF_CHARS, { error: "base64 must be at most 20 MB once decoded" }),
          about("A JPEG, PNG, WebP or GIF as base64 or a data: URI."),
        ),
    ),
  })
  .check(
    z.refine(oneSource, { error: "a picture must be given by exactly one of run_id (with index), url or base64" }),
    about("A picture: exactly one of run_id (with index), url or base64."),
  );
export type ImageRefArgs = z.infer<typeof imageRefSchema>;

const IMAGES_RULE = { error: `images must be a list of ${MIN_MULTI_IMAGES} to ${MAX_MULTI_IMAGES} pictures` };
const pictures = {
  image: z.optional(imageRefSchema.check(about("The picture to edit (one)."))),
  images: z.optional(
    z
      .array(imageRefSchema, IMAGES_RULE)
      .check(
        z.minLength(MIN_MULTI_IMAGES, IMAGES_RULE),
        z.maxLength(MAX_MULTI_IMAGES, IMAGES_RULE),
        about(`${MIN_MULTI_IMAGES} to ${MAX_MULTI_IMAGES} pictures combined under one instruction (instead of image).`),
      ),
  ),
};

// The models that take these tools' parameters (an aspect ratio, a safety tolerance): [pro] and [max].
// [dev] takes a pixel size and steps instead; the playground and the served contract offer it.
const MODEL_RULE = { error: `model must be one of ${KONTEXT_MODEL_NAMES.join(", ")}` };
const modelChoice = (name: (typeof KONTEXT_MODEL_NAMES)[number]) =>
  `"${name}", ${MODELS[name].label} (${MODELS[name].blurb.toLowerCase()}; ${formatPriceRange(priceRange(name))} per image on WaveSpeed)`;
const modelField = z.optional(
  z
    .enum(KONTEXT_MODEL_NAMES, MODEL_RULE)
    .check(about(`Which model: ${KONTEXT_MODEL_NAMES.map(modelChoice).join(", or ")}. Absent: "${DEFAULT_MODEL}".`)),
);

const generateFields = {
  model: modelField,
  prompt: text.prompt.check(about("What to draw, in plain words; the model reads about 512 tokens.")),
  aspect_ratio: text.aspect_ratio.check(about("The images' shape.")),
  num_images: text.num_images.check(about("How many images to make, each billed on WaveSpeed.")),
  seed: text.seed.check(about("A seed from 0 to 2147483647 repeats a result; absent or -1 picks a random one.")),
  guidance_scale: text.guidance_scale.check(about("How closely to follow the prompt.")),
  safety_tolerance: text.safety_tolerance.check(about('"1" is the strictest safety filter, "5" the most permissive.')),
};

export const generateArgs = z.object(generateFields);

const editFields = {
  model: modelField,
  prompt: edit.prompt.check(about('The instruction: what to change, e.g. "make it night, keep the composition".')),
  ...pictures,
  aspect_ratio: edit.aspect_ratio.check(about("The output's shape; absent keeps the (first) picture's shape.")),
  seed: generateFields.seed,
  guidance_scale: edit.guidance_scale.check(about("How closely to follow the instruction.")),
  safety_tolerance: generateFields.safety_tolerance,
};

const onePictureField = (args: { image?: unknown; images?: unknown }) =>
  (args.image === undefined) !== (args.images === undefined);
const ONE_PICTURE_FIELD = { error: "give image (one picture) or images (2 to 4), not both and not neither" };

export const editArgs = z.object(editFields).check(z.refine(onePictureField, ONE_PICTURE_FIELD));

/** A sweep's base: a generation's settings, or an edit's when it names pictures. */
const sweepBase = z
  .object({
    ...generateFields,
    ...pictures,
    guidance_scale: z.optional(edit.guidance_scale.check(about("1.0 to 10.0, or up to 20.0 for an edit."))),
    aspect_ratio: edit.aspect_ratio.check(about("The images' shape; with pictures, absent keeps the (first) picture's shape.")),
  })
  .check(
    z.refine((base) => base.image === undefined || base.images === undefined, ONE_PICTURE_FIELD),
    about("The settings every cell starts from; with image or images, every cell edits those pictures."),
  );

// Each kind of value with words of its own: a bare string-or-number union would be a type list in
// JSON Schema, which some clients' schema dialects refuse.
const axisValue = z.union([
  z.string().check(about("A model (pro, max), a prompt, an aspect ratio or a safety tolerance.")),
  z.number().check(about("A seed or a guidance scale.")),
]);
const axis = z
  .extend(sweepAxisSpecSchema, { values: z.optional(z.array(axisValue).check(z.maxLength(MAX_AXIS_VALUES))) })
  .check(
    about(
      "One axis: a field and either its values, `random` seeds, a guidance `range` {from, to, step}, or `alternatives: true` for the {a|b} groups written in the prompt.",
    ),
  );

export const sweepArgs = z.object({
  base: sweepBase,
  x: axis,
  y: z.optional(axis),
  confirmedCostUsd: z.optional(
    z
      .number()
      .check(about("On WaveSpeed, the sweep's total in US dollars, to confirm it: a first call without it says what it costs.")),
  ),
});

export const getRunArgs = z.object({
  id: idSchema("id").check(about("The run's id.")),
  include_images: z
    ._default(z.boolean({ error: "include_images must be true or false" }), false)
    .check(about("Also return its images as pictures (flagged ones never are).")),
});

const LIMIT_RULE = { error: "limit must be an integer from 1 to 50" };
export const searchRunsArgs = z.object({
  query: z.optional(
    z
      .string({ error: "query must be text" })
      .check(
        z.trim(),
        z.maxLength(500, { error: "query must be at most 500 characters" }),
        about("Words in the prompt or the note."),
      ),
  ),
  starred: z.optional(z.boolean({ error: "starred must be true or false" }).check(about("Only runs with a starred image."))),
  has_note: z.optional(z.boolean({ error: "has_note must be true or false" }).check(about("Only runs with a note."))),
  thread_id: z.optional(idSchema("thread_id").check(about("Only the runs of one thread (a run and everything made from it)."))),
  status: z.optional(
    z
      .enum(PREDICTION_STATUSES, { error: `status must be one of ${PREDICTION_STATUSES.join(", ")}` })
      .check(about("Only runs in this status.")),
  ),
  limit: z
    ._default(z.int(LIMIT_RULE).check(z.gte(1, LIMIT_RULE), z.lte(50, LIMIT_RULE)), 10)
    .check(about("How many, newest first.")),
  cursor: z.optional(
    z
      .string()
      .check(
        z.maxLength(200, { error: "cursor must be a nextCursor from an earlier answer" }),
        about("nextCursor of an earlier answer."),
      ),
  ),
  include_images: z
    ._default(z.boolean({ error: "include_images must be true or false" }), false)
    .check(about("Also return a small picture of each run's first image (flagged ones never are).")),
});

export const starArgs = z.object({
  id: idSchema("id").check(about("The run's id.")),
  index: z._default(imageIndex, 0).check(about("Which of its images, from 0.")),
  starred: z._default(z.boolean({ error: "starred must be true or false" }), true).check(about("false takes the star away.")),
});

export const noteArgs = z.object({
  id: idSchema("id").check(about("The run's id.")),
  note: annotationSchema.shape.note.def.innerType.check(about(`Plain text up to ${MAX_NOTE_CHARS} characters; empty clears it.`)),
});

const COMPARED_RULE = { error: `images must be a list of 2 to ${MAX_COMPARED} images` };
export const compareLinkArgs = z.object({
  images: z
    .array(z.object({ run_id: idSchema("run_id"), index: z._default(imageIndex, 0) }), COMPARED_RULE)
    .check(z.minLength(2, COMPARED_RULE), z.maxLength(MAX_COMPARED, COMPARED_RULE), about("The images to line up, in order.")),
});
