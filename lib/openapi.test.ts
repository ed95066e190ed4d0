import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { EDIT_PATH, errorEnvelopeSchema, SUBMIT_PATH, UPLOAD_BINARY_PATH, UPLOAD_TICKET_PATH } from "./contract";
import { MODEL_REGISTRY, type PredictionRecord } from "./domain";
import { AppError } from "./errors";
import { openApiDocument } from "./openapi";
import { webhookPayload } from "./predictions/served/webhook-payload";
import { toEnvelope } from "./predictions/wire/views";

type SubmitOperation = {
  summary: string;
  parameters: Array<{ name: string }>;
  requestBody: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  callbacks: { finished: Record<string, { post: { parameters: Array<{ name: string }> } }> };
};

const BASE = "https://play.example.test";
const document = openApiDocument(BASE);

const record: PredictionRecord = {
  id: "0123456789abcdef0123456789abcdef",
  engine: "local",
  model: "kontext-playground/local-preview",
  status: "completed",
  input: {
    model: "pro",
    prompt: "a fox",
    aspect_ratio: "16:9",
    num_images: 1,
    seed: 42,
    guidance_scale: 3.5,
    safety_tolerance: "2",
  },
  seedRequested: 42,
  upstreamId: "local-1",
  submitState: "submitted",
  error: "",
  inferenceMs: 120,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:01.000Z",
  completedAt: "2026-01-01T00:00:01.000Z",
  lineage: null,
  threadId: "0123456789abcdef0123456789abcdef",
  note: "",
  sweep: null,
  source: null,
  outputs: [
    {
      index: 0,
      file: "0123/0.jpg",
      contentType: "image/jpeg",
      width: 1392,
      height: 752,
      bytes: 9,
      nsfw: false,
      sourceUrl: null,
      starred: false,
    },
  ],
  options: { syncMode: false, base64Output: false },
};

/** Checks a value against one of the document's component schemas, as any JSON Schema 2020-12 tool would. */
function conforms(component: string, value: unknown) {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(document.components.schemas[component as keyof typeof document.components.schemas]);
  return { valid: validate(value), errors: validate.errors };
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("covers every model path of the registry with its options and webhook, uploads, both reads, the errors and the webhook payload", () => {
    expect(Object.keys(document.paths)).toEqual([
      ...MODEL_REGISTRY.map((entry) => `/api/v3/${entry.id}`),
      UPLOAD_TICKET_PATH,
      UPLOAD_BINARY_PATH,
      "/api/v3/predictions/{id}/result",
      "/api/v3/predictions/{id}",
      "/api/v3/webhook/secret",
    ]);
    const paths = document.paths as unknown as Record<string, { post: SubmitOperation }>;
    const submit = paths[SUBMIT_PATH].post;
    const edit = paths[EDIT_PATH].post;
    expect(paths["/api/v3/wavespeed-ai/flux-kontext-max/text-to-image"].post.summary).toBe(
      "FLUX.1 Kontext [max]: text-to-image ($0.08 per image)",
    );
    expect(paths["/api/v3/wavespeed-ai/flux-kontext-dev"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/DevEditRequest",
    });
    expect(document.components.schemas.DevEditRequest.properties?.num_inference_steps).toMatchObject({ minimum: 1, maximum: 50 });
    expect(Object.keys(edit.responses)).toEqual(["200", "400", "401", "413", "415", "504"]);
    expect(document.components.schemas.EditRequest).toMatchObject({ required: ["prompt", "image"] });
    expect(document.components.schemas.EditRequest.properties?.guidance_scale).toMatchObject({ maximum: 20, default: 3.5 });
    expect(document.components.schemas.MultiRequest.properties?.images).toMatchObject({ minItems: 2, maxItems: 4 });
    expect(submit.parameters.map((parameter) => parameter.name)).toEqual(["webhook"]);
    expect(Object.keys(submit.responses)).toEqual(["200", "400", "401", "413", "504"]);
    expect(document.components.schemas.SubmitRequest.properties).toMatchObject({
      enable_sync_mode: { type: "boolean", default: false },
      enable_base64_output: { type: "boolean", default: false },
      num_images: { type: "integer", minimum: 1, maximum: 4, default: 1 },
    });
    expect(submit.callbacks.finished["{$request.query.webhook}"].post.parameters.map((header) => header.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
    expect(document.servers).toEqual([{ url: BASE }]);
  });

  it("describes the answers the server really gives", () => {
    expect(conforms("PredictionEnvelope", toEnvelope(record, BASE))).toMatchObject({ valid: true });
    expect(conforms("PredictionEnvelope", toEnvelope({ ...record, status: "created", outputs: [] }, BASE)).valid).toBe(true);
    expect(conforms("WebhookPayload", webhookPayload(record, BASE)).valid).toBe(true);
    const error = errorEnvelopeSchema.parse(new AppError("invalid_request", "webhook is refused", "webhook").toEnvelope());
    expect(conforms("ErrorEnvelope", error).valid).toBe(true);
    const { data } = toEnvelope({ ...record, status: "processing", outputs: [] }, BASE);
    expect(conforms("SyncTimeoutEnvelope", { code: 504, message: "timed out", data, error_code: "sync_timeout" }).valid).toBe(
      true,
    );

    // And refuses what the server would refuse.
    expect(conforms("SubmitRequest", { prompt: "a fox", enable_sync_mode: true, extra: 1 }).valid).toBe(true);
    expect(conforms("SubmitRequest", { prompt: "a fox", num_images: 5 }).valid).toBe(false);
    expect(conforms("SubmitRequest", { prompt: "a fox", enable_base64_output: "yes" }).valid).toBe(false);
    expect(conforms("SubmitRequest", { aspect_ratio: "1:1" }).valid).toBe(false);
    expect(conforms("EditRequest", { prompt: "make it night", image: "https://x.test/a.png", guidance_scale: 15 }).valid).toBe(
      true,
    );
    expect(conforms("EditRequest", { prompt: "make it night" }).valid).toBe(false);
    expect(conforms("MultiRequest", { prompt: "together", images: ["a"] }).valid).toBe(false);

    // An edit's webhook input names its picture by URL, as the model took it.
    const edit: PredictionRecord = {
      ...record,
      input: {
        ...record.input,
        edit: {
          kind: "edit",
          matchInput: true,
          images: [{ sha256: "a".repeat(64), contentType: "image/png", width: 10, height: 10, bytes: 100 }],
        },
      },
    };
    const payload = webhookPayload(edit, BASE);
    expect(payload.input).toEqual({
      prompt: "a fox",
      image: `${BASE}/api/inputs/${"a".repeat(64)}.png`,
      seed: 42,
      guidance_scale: 3.5,
      safety_tolerance: "2",
    });
    expect(conforms("WebhookPayload", payload).valid).toBe(true);
  });
});
