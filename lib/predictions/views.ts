import { type PredictionEnvelope, resultPath } from "../contract";
import type { PredictionRecord, StoredOutput } from "../domain";
import type { HistoryPage, OutputView, PredictionView, SharePageData } from "../playground-api";
import type { Family } from "./lineage";
import type { History } from "./service";

export const imagePath = (output: StoredOutput) => `/api/images/${output.file}`;
export const thumbPath = (id: string, output: StoredOutput) => `/api/thumbs/${id}/${output.index}.webp`;
export const sharePath = (id: string) => `/p/${id}`;

/** The served contract's envelope. Outputs appear once mirrored, as URLs on this server. */
export function toEnvelope(record: PredictionRecord, baseUrl: string): PredictionEnvelope {
  const completed = record.status === "completed";
  return {
    code: 200,
    message: "success",
    data: {
      id: record.id,
      model: record.model,
      outputs: completed ? record.outputs.map((output) => baseUrl + imagePath(output)) : [],
      urls: { get: baseUrl + resultPath(record.id) },
      has_nsfw_contents: completed ? record.outputs.map((output) => output.nsfw) : [],
      status: record.status,
      created_at: record.createdAt,
      error: record.error,
      timings: { inference: record.inferenceMs },
    },
  };
}

/** The playground's richer view, for its own pages and JSON API. */
export function toView(record: PredictionRecord, baseUrl: string): PredictionView {
  const outputs: OutputView[] =
    record.status === "completed"
      ? record.outputs.map((output) => ({
          index: output.index,
          url: baseUrl + imagePath(output),
          thumbUrl: baseUrl + thumbPath(record.id, output),
          width: output.width,
          height: output.height,
          contentType: output.contentType,
          nsfw: output.nsfw,
          starred: output.starred,
        }))
      : [];
  return {
    id: record.id,
    engine: record.engine,
    model: record.model,
    status: record.status,
    input: record.input,
    seedRequested: record.seedRequested,
    error: record.error,
    inferenceMs: record.inferenceMs,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    completedAt: record.completedAt,
    outputs,
    lineage: record.lineage,
    threadId: record.threadId,
    note: record.note,
    sweep: record.sweep,
    shareUrl: baseUrl + sharePath(record.id),
    resultUrl: baseUrl + resultPath(record.id),
  };
}

/** A page of history as `GET /api/predictions` answers it; pages render their first page with it. */
export function toHistoryPage(history: History, baseUrl: string): HistoryPage {
  return {
    items: history.items.map((record) => toView(record, baseUrl)),
    nextCursor: history.nextCursor,
    totals: history.totals,
    threadSizes: history.threadSizes,
  };
}

/** A share page's data: the run and its lineage, with links built on `baseUrl`. */
export function toSharePage(record: PredictionRecord, family: Family, baseUrl: string): SharePageData {
  return {
    view: toView(record, baseUrl),
    family: {
      ancestors: family.ancestors.map((ancestor) => ({
        id: ancestor.id,
        view: ancestor.record && toView(ancestor.record, baseUrl),
      })),
      children: family.children.map((child) => toView(child, baseUrl)),
    },
  };
}
