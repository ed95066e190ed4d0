import { z } from "zod";
import {
  errorEnvelopeSchema,
  MODEL_ID,
  predictionEnvelopeSchema,
  SUBMIT_PATH,
  servedRequestSchema,
  submitQuerySchema,
  syncTimeoutEnvelopeSchema,
  webhookPayloadSchema,
  webhookSecretEnvelopeSchema,
} from "./contract";

/**
 * The served contract as an OpenAPI 3.1 document, generated from the zod schemas the routes
 * parse with (zod's JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses), so the
 * description cannot drift from what is served. Words for the fields are added here.
 */
type JsonSchema = { properties?: Record<string, JsonSchema>; description?: string; [key: string]: unknown };

const FIELD_WORDS: Record<string, string> = {
  prompt: "What to draw.",
  aspect_ratio: "Shape of the images.",
  num_images: "How many images.",
  seed: "The same seed with the same input makes the same image; absent, null or -1 picks one at random (it is recorded).",
  guidance_scale: "How closely the images follow the prompt.",
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

const signatureHeaders = [
  ["webhook-id", "The delivery's id; the same on every retry, so a receiver can drop repeats."],
  ["webhook-timestamp", "Unix seconds when this attempt was signed."],
  [
    "webhook-signature",
    'v3,<hex HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">, keyed by the secret without its whsec_ prefix.',
  ],
].map(([name, description]) => ({ name, in: "header", required: true, description, schema: { type: "string" } }));

export function openApiDocument(baseUrl: string) {
  const webhookParameter = jsonSchema(submitQuerySchema, "input").properties?.webhook;
  return {
    openapi: "3.1.0",
    info: {
      title: "Kontext Playground: the WaveSpeed prediction API",
      version: "3",
      description: `FLUX.1 Kontext [pro] text-to-image (${MODEL_ID}) as WaveSpeed serves it: clients of WaveSpeed work here with only the base URL changed.`,
    },
    servers: [{ url: baseUrl }],
    security: [{ bearer: [] }, {}],
    paths: {
      [SUBMIT_PATH]: {
        post: {
          summary: "Submit a task",
          operationId: "submitTextToImage",
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
          requestBody: { required: true, content: { "application/json": { schema: ref("SubmitRequest") } } },
          responses: {
            "200": json("The task: created, or with enable_sync_mode ended (completed or failed).", "PredictionEnvelope"),
            "400": failure("A field out of range, a body that is not JSON, a refused webhook, or base64 output with a webhook."),
            "401": failure("The upstream rejects this server's key: no task was created."),
            "413": failure("The body is larger than MAX_BODY_BYTES."),
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
        SubmitRequest: jsonSchema(servedRequestSchema, "input"),
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
