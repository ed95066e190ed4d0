import "server-only";
import { type core, safeParse } from "zod/mini";
import { describeIssues } from "../contract";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { readJsonBody } from "./respond";

/** Reads a JSON body (size-capped) and parses it with a schema; a failure is a 400 that names the field. */
export async function parseBody<T>(schema: core.$ZodType<T>, request: Request): Promise<T> {
  const parsed = safeParse(schema, await readJsonBody(request, getEnv().MAX_BODY_BYTES));
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new AppError("invalid_request", message, field);
}
