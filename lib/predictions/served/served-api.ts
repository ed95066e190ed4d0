import "server-only";
import {
  kindedRunRequestSchemaWith,
  modelPath,
  type PredictionEnvelope,
  type SyncTimeoutEnvelope,
  submitOptionsSchema,
  UPLOAD_BINARY_PATH,
  UPLOAD_TICKET_PATH,
} from "../../contract";
import { DEFAULT_MODEL, MODEL_REGISTRY, type ModelEntry, type PredictionRecord } from "../../domain";
import { AppError } from "../../errors";
import { TargetRefused } from "../../net/target-guard";
import { parseOrThrow } from "../../parse";
import { type BlobStore, readBlob } from "../../storage/blob-store";
import type { WebhookSender } from "../../webhooks/sender";
import type { PredictionService } from "../service";
import { toEnvelope } from "../wire/views";

export type ServedApiConfig = {
  /** Longest a sync-mode submit holds its answer (SYNC_MODE_TIMEOUT_MS). */
  syncTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: named in the refusal, so the reader knows the way out. */
  allowPrivateWebhooks: boolean;
};

export type ServedSubmit = {
  /** The model path it came to (lib/domain/models.ts): its model and kind; [pro] text-to-image when absent. */
  entry?: Pick<ModelEntry, "model" | "kind">;
  body: unknown;
  /** The `webhook` query parameter. */
  webhook?: string;
  /** The base of every link in the answer. */
  baseUrl: string;
  /** Aborts a sync wait when the client goes away. */
  signal?: AbortSignal;
  /** Who submits, for the per-caller submit limit. */
  caller?: string;
  /** The `Idempotency-Key` header: a resend gets the first answer's prediction. */
  idempotencyKey?: string | null;
};

export type ServedAnswer = { status: 200; envelope: PredictionEnvelope } | { status: 504; envelope: SyncTimeoutEnvelope };

const servedRunSchema = kindedRunRequestSchemaWith(submitOptionsSchema.shape);

export const BASE64_WITH_WEBHOOK = "webhook callback does not support base64 output";

/**
 * The WaveSpeed contract as this server serves it, over the prediction service: the documented
 * options (sync mode, base64 outputs, webhooks) are honoured or refused, never dropped.
 */
export class ServedApi {
  constructor(
    private readonly deps: { predictions: PredictionService; blobs: BlobStore; webhookSender: WebhookSender },
    private readonly config: ServedApiConfig,
  ) {}

  async submit(request: ServedSubmit): Promise<ServedAnswer> {
    // The path names the model and kind; the body is checked once, by that path's schema and the options'.
    const body = typeof request.body === "object" && request.body !== null ? request.body : {};
    const {
      enable_sync_mode,
      enable_base64_output,
      webhook: _,
      webhook_url: __,
      ...run
    } = parseOrThrow(servedRunSchema, {
      ...body,
      kind: request.entry?.kind ?? "text",
      model: request.entry?.model ?? DEFAULT_MODEL,
    });
    const options = { syncMode: enable_sync_mode, base64Output: enable_base64_output };
    if (request.webhook !== undefined) {
      if (options.base64Output) throw new AppError("invalid_request", BASE64_WITH_WEBHOOK, "enable_base64_output");
      await this.checkWebhook(request.webhook);
    }
    const record = await this.deps.predictions.submit(run, {
      baseUrl: request.baseUrl,
      caller: request.caller,
      idempotencyKey: request.idempotencyKey,
      options,
      webhook: request.webhook === undefined ? undefined : { url: request.webhook, baseUrl: request.baseUrl },
    });
    if (!options.syncMode) return { status: 200, envelope: toEnvelope(record, request.baseUrl) };

    const { record: latest, settled } = await this.deps.predictions.waitUntilSettled(
      record.id,
      this.config.syncTimeoutMs,
      request.signal,
    );
    if (!settled) return { status: 504, envelope: this.syncTimeout(latest, request.baseUrl) };
    return { status: 200, envelope: await this.envelope(latest, request.baseUrl) };
  }

  /** GET …/result and GET /predictions/{id}: the task as it stands, answered the way its submit asked. */
  async result(id: string, baseUrl: string): Promise<PredictionEnvelope> {
    return this.envelope(await this.deps.predictions.get(id), baseUrl);
  }

  /** The secret webhooks are signed with, for the owner's receivers. */
  webhookSecret(): string {
    return this.deps.webhookSender.secret;
  }

  private async checkWebhook(url: string): Promise<void> {
    try {
      await this.deps.webhookSender.check(url);
    } catch (error) {
      if (!(error instanceof TargetRefused)) throw error;
      const hint = this.config.allowPrivateWebhooks
        ? ""
        : "; webhooks go only to public https addresses unless the server runs with WEBHOOK_ALLOW_PRIVATE=1";
      throw new AppError("invalid_request", `webhook is refused: ${error.message}${hint}`, "webhook");
    }
  }

  /** With enable_base64_output, a completed task's outputs are the stored bytes as naked base64. */
  private async envelope(record: PredictionRecord, baseUrl: string): Promise<PredictionEnvelope> {
    const envelope = toEnvelope(record, baseUrl);
    if (!record.options.base64Output || record.status !== "completed") return envelope;
    const outputs = await Promise.all(
      record.outputs.map(async (output) => {
        const bytes = await readBlob(this.deps.blobs, output.file);
        if (!bytes) throw new AppError("not_found", `The file of output ${output.index} is missing.`, "index");
        return bytes.toString("base64");
      }),
    );
    return { ...envelope, data: { ...envelope.data, outputs } };
  }

  private syncTimeout(record: PredictionRecord, baseUrl: string): SyncTimeoutEnvelope {
    const { data } = toEnvelope(record, baseUrl);
    const seconds = Math.round(this.config.syncTimeoutMs / 100) / 10;
    return {
      code: 504,
      // The words the official SDK looks for: it reads the task id and the URL to poll out of them.
      message: `Sync mode timed out (task_id: ${data.id}) after ${seconds} s; the task goes on. Query the result later at: ${data.urls.get} until its status is completed or failed.`,
      data,
      error_code: "sync_timeout",
    };
  }
}

const KONTEXT_MODEL = /^wavespeed-ai\/flux-kontext/;
const SERVED_MODELS = MODEL_REGISTRY.map((entry) => `POST ${modelPath(entry)}`).join(", ");

/**
 * The 404 for a path under /api/v3 that nothing here serves: another model of the FLUX Kontext
 * family is told which ones are served; anything else is named and pointed at the API description.
 */
export function notServed(method: string, segments: string[]): AppError {
  const path = ["/api/v3", ...segments].join("/");
  if (KONTEXT_MODEL.test(segments.join("/"))) {
    return new AppError(
      "not_found",
      `The model "${segments.join("/")}" is not served here: this playground serves the FLUX.1 Kontext family at ${SERVED_MODELS}.`,
      "model",
    );
  }
  return new AppError(
    "not_found",
    `Nothing is served at ${method} ${path}. This playground serves the FLUX.1 Kontext family (${SERVED_MODELS}), uploads (POST ${UPLOAD_TICKET_PATH}, POST ${UPLOAD_BINARY_PATH}), GET /api/v3/predictions/{id}/result and GET /api/v3/predictions/{id}; /api/v3/openapi.json describes them.`,
    "path",
  );
}
