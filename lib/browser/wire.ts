import { type infer as Infer, safeParse } from "zod/mini";
import { type ErrorEnvelope, errorEnvelopeSchema } from "@/lib/contract";
import {
  budgetAnswerSchema,
  historyPageSchema,
  importResultSchema,
  predictionViewSchema,
  sessionViewSchema,
  sweepViewSchema,
} from "@/lib/playground-api";

/**
 * The schemas the browser checks the server's answers with, by name. zod and the schemas are not
 * needed to paint a page, so this module is loaded with the first answer to check (`import()` in
 * the fetcher and the event stream), not with the page.
 */
const ANSWERS = {
  prediction: predictionViewSchema,
  history: historyPageSchema,
  session: sessionViewSchema,
  budget: budgetAnswerSchema,
  sweep: sweepViewSchema,
  import: importResultSchema,
};

export type AnswerName = keyof typeof ANSWERS;
export type Answer<K extends AnswerName> = Infer<(typeof ANSWERS)[K]>;

/** The body as the named answer, or undefined when it is not one. */
export function readAnswer<K extends AnswerName>(name: K, body: unknown): Answer<K> | undefined {
  const parsed = safeParse(ANSWERS[name], body);
  return parsed.success ? (parsed.data as Answer<K>) : undefined;
}

/** The contract's error envelope, or undefined when the body is something else. */
export function readErrorEnvelope(body: unknown): ErrorEnvelope | undefined {
  const parsed = safeParse(errorEnvelopeSchema, body);
  return parsed.success ? parsed.data : undefined;
}
