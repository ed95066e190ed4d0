import "server-only";
import { Tokenizer, TokenParser, TokenType } from "@streamparser/json";
import type { TimeSlices } from "./time-slices";

/** Bytes tokenized at a time: well under a millisecond of work, so a slice is never overrun by much. */
const STEP_BYTES = 16 * 1024;

export class ManifestJsonError extends Error {}

/**
 * JSON read a step at a time, the event loop given a turn whenever `slices` says a slice of time
 * is spent, so a large manifest never holds up other requests the way one `JSON.parse` would. Nesting deeper than `maxDepth` is refused
 * as soon as it is met (an export nests a handful of levels; a crafted file may nest millions, which
 * every recursive reader of the value after it would choke on).
 */
export async function parseJsonInSlices(bytes: Uint8Array, maxDepth: number, slices: TimeSlices): Promise<unknown> {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ["$"], keepStack: false });
  let result: { value: unknown } | undefined;
  let depth = 0;
  parser.onValue = ({ value }) => {
    result = { value };
  };
  tokenizer.onToken = (token) => {
    if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
      depth++;
      if (depth > maxDepth) throw new ManifestJsonError(`nests deeper than ${maxDepth} levels`);
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) {
      depth--;
    }
    parser.write(token);
  };
  try {
    for (let start = 0; start < bytes.length; start += STEP_BYTES) {
      tokenizer.write(bytes.subarray(start, start + STEP_BYTES));
      await slices.turnIfDue();
    }
    tokenizer.end();
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof ManifestJsonError) throw error;
    const at = /absolute position "(\d+)"/.exec(String(error))?.[1];
    throw new ManifestJsonError(at ? `is not valid JSON (at byte ${at})` : "is not valid JSON");
  }
  if (!result) throw new ManifestJsonError("is not valid JSON (it ends too soon)");
  return result.value;
}
