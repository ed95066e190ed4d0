import { z } from "zod";
import {
  errorEnvelopeSchema,
  modelPath,
  predictionEnvelopeSchema,
  servedRequestSchemaOf,
  submitQuerySchema,
  syncTimeoutEnvelopeSchema,
  UPLOAD_BINARY_PATH,
  UPLOAD_TICKET_PATH,
  uploadedEnvelopeSchema,
  uploadTicketEnvelopeSchema,
  uploadTicketRequestSchema,
  webhookPayloadSchema,
  webhookSecretEnvelopeSchema,
} from "./contract";
import {
  MAX_INPUT_BYTES,
  MAX_INPUT_PIXELS,
  MODEL_REGISTRY,
  MODELS,
  type ModelEntry,
  REQUEST_SCHEMA_NAMES,
  type RequestSchemaName,
} from "./domain";

/**
 * The served contract as an OpenAPI 3.1 document, generated from the zod schemas the routes
 * parse with (zod's JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses), so the
 * description cannot drift from what is served. Words for the fields are added here.
 */
type JsonSchema = { properties?: Record<string, JsonSchema>; description?: string; [key: string]: unknown };

const IMAGE_FORMS =
  "An https URL (fetched by this server: public addresses only, unless it runs with IMAGE_URL_ALLOW_PRIVATE=1), a data: URI, naked base64, or a URL of this server's own outputs or uploads (read from its store).";
const FIELD_WORDS: Record<string, string> = {
  prompt: "What to draw; for an edit, the instruction.",
  aspect_ratio: "Shape of the images; for an edit, absent keeps the input's shape.",
  image: `The picture to edit: a JPEG, PNG or WebP (a GIF gives its first frame), at most ${MAX_INPUT_BYTES / 1024 / 1024} MB and ${MAX_INPUT_PIXELS / 1_000_000} megapixels. ${IMAGE_FORMS}`,
  images: `2 to 4 pictures combined under one instruction, each as \`image\` takes it.`,
  filename: "The file's name.",
  size: "The file's size in bytes.",
  content_type: "The file's type: image/jpeg, image/png, image/webp or image/gif.",
  download_url: "Where the file can be read, and the URL to give as an edit's image; for 7 days.",
  num_images: "How many images.",
  seed: "The same seed with the same input makes the same image; absent, null or -1 picks one at random (it is recorded).",
  guidance_scale:
    "How closely the images follow the prompt: 1 to 10 for text-to-image; 1 to 20 for edits, the wider of the two ranges WaveSpeed's pages give.",
  safety_tolerance: '"1" is the most strict, "5" the most permissive.',
  enable_sync_mode:
    "Answer only once the task has ended, with its outputs; after SYNC_MODE_TIMEOUT_MS the answer is a 504 while the task goes on.",
  enable_base64_output:
    "Outputs as naked base64 strings of the image bytes (no data: prefix), in the sync answer and when the task is read. Refused with a webhook.",
  code: "HTTP-like status: 200 on success.",
  message: '"success", or what went wrong.',
  data: "The task.",
  error_code: "A stable name for the error.",
  field: "The input the error is about.",
  id: "The task id.",
  model: "The model id.",
  outputs: "Image URLs on this server (they do not expire), or base64 strings when asked for; empty until completed.",
  urls: "Where to read the task.",
  has_nsfw_contents: "One flag per output.",
  status: "created, processing, completed or failed.",
  created_at: "ISO 8601.",
  error: "Why the task failed; empty otherwise.",
  timings: "Inference time in milliseconds.",
  input: "The parameters the task ran with, every default applied and the seed it used.",
};

function jsonSchema(schema: z.core.$ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12" }) as JsonSchema;
  return describe(rest);
}

function describe(schema: JsonSchema): JsonSchema {
  if (!schema.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, property]) => [
      name,
      describe(FIELD_WORDS[name] && !property.description ? { description: FIELD_WORDS[name], ...property } : property),
    ]),
  );
  return { ...schema, properties };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: string) => ({ description, content: { "application/json": { schema: ref(schema) } } });
const failure = (description: string) => json(description, "ErrorEnvelope");

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The task id from the submit.",
  schema: { type: "string" },
};

const readTask = (summary: string, operationId: string) => ({
  get: {
    summary,
    operationId,
    parameters: [idParameter],
    responses: {
      "200": json("The task as it stands, outputs in the form its submit asked for.", "PredictionEnvelope"),
      "404": failure("No task with that id."),
    },
  },
});

/** A submit of one model: its body, the webhook query, the answers. */
const submitOperation = (summary: string, operationId: string, body: string, webhookParameter: unknown, extra400 = "") => ({
  post: {
    summary,
    operationId,
    parameters: [
      {
        name: "webhook",
        in: "query",
        required: false,
        description:
          "Where to POST the final task, signed, when it ends. https only, and never to a private, loopback or link-local address, unless the server runs with WEBHOOK_ALLOW_PRIVATE=1.",
        schema: webhookParameter,
      },
    ],
    requestBody: { required: true, content: { "application/json": { schema: ref(body) } } },
    responses: {
      "200": json("The task: created, or with enable_sync_mode ended (completed or failed).", "PredictionEnvelope"),
      "400": failure(
        `A field out of range, a body that is not JSON, a refused webhook, or base64 output with a webhook${extra400}.`,
      ),
      "401": failure("The upstream rejects this server's key: no task was created."),
      "413": failure(extra400 ? "The body, or an image, is larger than allowed." : "The body is larger than MAX_BODY_BYTES."),
      ...(extra400 ? { "415": failure("An image that is not a JPEG, PNG, WebP or GIF.") } : {}),
      "504": json("Sync mode timed out; the task goes on: poll data.urls.get.", "SyncTimeoutEnvelope"),
    },
    callbacks: {
      finished: {
        "{$request.query.webhook}": {
          post: {
            summary: "The task has ended",
            parameters: signatureHeaders,
            requestBody: { required: true, content: { "application/json": { schema: ref("WebhookPayload") } } },
            responses: {
              "2XX": { description: "Received. Anything else is retried with backoff for up to 24 hours." },
            },
          },
        },
      },
    },
  },
});

const IMAGE_PROBLEMS =
  "; an image that cannot be read, or a URL that is refused, does not answer in time or is not an image (field names it)";

const signatureHeaders = [
  ["webhook-id", "The delivery's id; the same on every retry, so a receiver can drop repeats."],
  ["webhook-timestamp", "Unix seconds when this attempt was signed."],
  [
    "webhook-signature",
    'v3,<hex HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">, keyed by the secret without its whsec_ prefix.',
  ],
].map(([name, description]) => ({ name, in: "header", required: true, description, schema: { type: "string" } }));

/** Each body of the family as a named component. */
const BODY_NAMES = {
  "kontext-text": "SubmitRequest",
  "kontext-edit": "EditRequest",
  "kontext-multi": "MultiRequest",
  "dev-edit": "DevEditRequest",
  "dev-multi": "DevMultiRequest",
} as const satisfies Record<RequestSchemaName, string>;

const KIND_WORDS = { text: "text-to-image", edit: "edit an image", multi: "combine images under one instruction" };

/** One submit per path of the model registry (lib/domain/models.ts), named after its model. */
const modelOperation = (entry: ModelEntry, webhookParameter: unknown) => {
  const name = entry.id.replace(/^wavespeed-ai\//, "").replace(/[^a-z0-9]+(.)/g, (_match, next: string) => next.toUpperCase());
  return submitOperation(
    `${MODELS[entry.model].label}: ${KIND_WORDS[entry.kind]} ($${entry.priceUsd} per image)`,
    `submit${name.charAt(0).toUpperCase()}${name.slice(1)}`,
    BODY_NAMES[entry.schema],
    webhookParameter,
    entry.kind === "text" ? "" : IMAGE_PROBLEMS,
  );
};

export function openApiDocument(baseUrl: string) {
  const webhookParameter = jsonSchema(submitQuerySchema, "input").properties?.webhook;
  return {
    openapi: "3.1.0",
    info: {
      title: "Kontext Playground: the WaveSpeed prediction API",
      version: "3",
      description:
        "The FLUX.1 Kontext family ([pro] and [max]: text-to-image, edit and multi; [dev] and [dev] ultra-fast: edit and multi) and media uploads as WaveSpeed serves them: clients of WaveSpeed work here with only the base URL changed.",
    },
    servers: [{ url: baseUrl }],
    security: [{ bearer: [] }, {}],
    paths: {
      ...Object.fromEntries(MODEL_REGISTRY.map((entry) => [modelPath(entry), modelOperation(entry, webhookParameter)])),
      [UPLOAD_TICKET_PATH]: {
        post: {
          summary: "Upload a file: a ticket (as the official SDK's upload() asks for it), then PUT the bytes to data.upload.url",
          operationId: "createUploadTicket",
          requestBody: { required: true, content: { "application/json": { schema: ref("UploadTicketRequest") } } },
          responses: {
            "200": json(
              "Where to PUT the file (its own secret is in the URL) and where it will be read.",
              "UploadTicketEnvelope",
            ),
            "400": failure("A field missing or of the wrong kind."),
            "413": failure(`size is above ${MAX_INPUT_BYTES} bytes.`),
            "415": failure("content_type is not an image type taken here."),
          },
        },
      },
      [UPLOAD_BINARY_PATH]: {
        post: {
          summary: "Upload a file in one request",
          operationId: "uploadBinary",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } },
              },
            },
          },
          responses: {
            "200": json("Where the file can be read, and given as an edit's image, for 7 days.", "UploadedEnvelope"),
            "400": failure("No file field, or a body that is not multipart."),
            "413": failure(
              `A file above ${MAX_INPUT_BYTES} bytes or ${MAX_INPUT_PIXELS / 1_000_000} megapixels: nothing is stored.`,
            ),
            "415": failure("A file that is not a JPEG, PNG, WebP or GIF image: nothing is stored."),
          },
        },
      },
      "/api/v3/predictions/{id}/result": readTask("Read a task", "getResult"),
      "/api/v3/predictions/{id}": readTask("Read a task (the same answer as …/result)", "getPrediction"),
      "/api/v3/webhook/secret": {
        get: {
          summary: "The secret webhooks are signed with",
          operationId: "getWebhookSecret",
          responses: { "200": json("data.secret, whsec_-prefixed.", "WebhookSecretEnvelope") },
        },
      },
    },
    components: {
      schemas: {
        ...(Object.fromEntries(
          REQUEST_SCHEMA_NAMES.map((schema) => [BODY_NAMES[schema], jsonSchema(servedRequestSchemaOf({ schema }), "input")]),
        ) as Record<(typeof BODY_NAMES)[RequestSchemaName], JsonSchema>),
        UploadTicketRequest: jsonSchema(uploadTicketRequestSchema, "input"),
        UploadTicketEnvelope: jsonSchema(uploadTicketEnvelopeSchema, "output"),
        UploadedEnvelope: jsonSchema(uploadedEnvelopeSchema, "output"),
        PredictionEnvelope: jsonSchema(predictionEnvelopeSchema, "output"),
        SyncTimeoutEnvelope: jsonSchema(syncTimeoutEnvelopeSchema, "output"),
        ErrorEnvelope: jsonSchema(errorEnvelopeSchema, "output"),
        WebhookPayload: jsonSchema(webhookPayloadSchema, "output"),
        WebhookSecretEnvelope: jsonSchema(webhookSecretEnvelopeSchema, "output"),
      },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Sent as WaveSpeed clients send their key." },
      },
    },
  };
}
