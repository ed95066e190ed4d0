import { z } from "zod/mini";
import { allowed } from "./contract-answers";
import { INPUT_CONTENT_TYPES, type ModelEntry, modelEntry, type RunKind } from "./domain";

/** Where the WaveSpeed contract is served, here and upstream, a submit's webhook query, and its media uploads. lib/contract.ts re-exports it. */

/** Where a model path is served, here and upstream. */
export const modelPath = (entry: Pick<ModelEntry, "id">) => `/api/v3/${entry.id}`;

// [pro]'s three paths: the family's first, and what most scripts call.
const proEntry = (kind: RunKind) => modelEntry("pro", kind)!;
export const MODEL_ID = proEntry("text").id;
export const SUBMIT_PATH = modelPath(proEntry("text"));
export const EDIT_MODEL_ID = proEntry("edit").id;
export const MULTI_MODEL_ID = proEntry("multi").id;
export const EDIT_PATH = modelPath(proEntry("edit"));
export const MULTI_PATH = modelPath(proEntry("multi"));
/** WaveSpeed's media uploads: the official SDK's ticket, and the documented multipart upload. */
export const UPLOAD_TICKET_PATH = "/api/v3/media/uploads";
export const UPLOAD_BINARY_PATH = "/api/v3/media/upload/binary";
export const resultPath = (id: string) => `/api/v3/predictions/${encodeURIComponent(id)}/result`;

const UPLOAD_TYPES = [...INPUT_CONTENT_TYPES, "image/gif"] as const;
/** `POST /api/v3/media/uploads`, as the official SDK sends it: a ticket for one file, PUT next. */
export const uploadTicketRequestSchema = z.object({
  filename: z
    .string(allowed("filename", "the name of the file"))
    .check(
      z.trim(),
      z.minLength(1, allowed("filename", "the name of the file")),
      z.maxLength(255, allowed("filename", "at most 255 characters")),
    ),
  size: z.int(allowed("size", "the file's size in bytes")).check(z.gte(1, allowed("size", "at least 1 byte"))),
  content_type: z.optional(z.string(allowed("content_type", "a MIME type"))),
});
export const UPLOAD_CONTENT_TYPES: readonly string[] = UPLOAD_TYPES;

export const WEBHOOK_URL_MAX = 2048;

/** The query of the served submit: where to POST the final state, signed. */
export const submitQuerySchema = z.object({
  webhook: z.optional(
    z
      .string(allowed("webhook", "an https URL"))
      .check(
        z.maxLength(WEBHOOK_URL_MAX, allowed("webhook", `a URL of at most ${WEBHOOK_URL_MAX} characters`)),
        z.url(allowed("webhook", "an absolute https URL")),
      ),
  ),
});
