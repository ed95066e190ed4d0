import type { WebhookPayload } from "../../contract";
import type { PredictionRecord } from "../../domain";
import { taskInput, toEnvelope } from "../wire/views";

/** The body a webhook receiver gets: the task object with its input, as WaveSpeed posts it. */
export function webhookPayload(record: PredictionRecord, baseUrl: string): WebhookPayload {
  return { ...toEnvelope(record, baseUrl).data, input: taskInput(record.input, baseUrl) };
}
