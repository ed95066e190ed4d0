import { type PredictionEnvelope, resultPath, type TaskInput } from "../../contract";
import { type EngineInput, type InputImage, inputFileName, type PredictionRecord, type StoredOutput } from "../../domain";
import { submitBody } from "../../engines/wavespeed/submit";
import type { HistoryPage, InputImageView, OutputView, PredictionView, SharePageData } from "../../playground-api";
import { sweepEntryOf } from "../../view/history-sweeps";
import type { Family, History } from "../types";

export const imagePath = (output: StoredOutput) => `/api/images/${output.file}`;
export const thumbPath = (id: string, output: StoredOutput) => `/api/thumbs/${id}/${output.index}.webp`;
export const sharePath = (id: string) => `/p/${id}`;
export const sweepPath = (id: string) => `/s/${encodeURIComponent(id)}`;
export const inputPath = (image: Pick<InputImage, "sha256" | "contentType">) => `/api/inputs/${inputFileName(image)}`;
export const inputThumbPath = (image: Pick<InputImage, "sha256">) => `/api/inputs/${image.sha256}.thumb.webp`;

const inputImageView = (image: InputImage, baseUrl: string): InputImageView => ({
  sha256: image.sha256,
  url: baseUrl + inputPath(image),
  thumbUrl: baseUrl + inputThumbPath(image),
  width: image.width,
  height: image.height,
  contentType: image.contentType,
});

/**
 * A run's parameters as WaveSpeed's model took them (a webhook's `input`): an edit's picture(s) as
 * URLs on this server, its aspect ratio only when one was asked for.
 */
export function taskInput(input: EngineInput, baseUrl: string): TaskInput {
  // The body the model path takes (each model its own fields), an edit's pictures as URLs here.
  const urls = input.edit?.images.map((image) => baseUrl + inputPath(image)) ?? [];
  return submitBody(input, urls) as TaskInput;
}

/** A run's input as the pages show it: an edit's pictures as links to where they are stored. */
export function inputView(input: EngineInput, baseUrl: string): PredictionView["input"] {
  const { edit, ...parameters } = input;
  if (!edit) return parameters;
  return { ...parameters, edit: { ...edit, images: edit.images.map((image) => inputImageView(image, baseUrl)) } };
}

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
    input: inputView(record.input, baseUrl),
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
    source: record.source,
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
    sweeps: Object.fromEntries(
      Object.entries(history.sweeps).map(([id, cells]) => [
        id,
        sweepEntryOf(
          id,
          baseUrl + sweepPath(id),
          cells.map((cell) => toView(cell, baseUrl)),
        ),
      ]),
    ),
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
      thread: family.thread.map((member) => toView(member, baseUrl)),
    },
  };
}
