import { type core, safeParse } from "zod/mini";
import { describeIssues } from "./contract";
import { AppError } from "./errors";

/** Parses a value with a schema; a failure is a 400 AppError that names the field. */
export function parseOrThrow<T>(schema: core.$ZodType<T>, value: unknown): T {
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new AppError("invalid_request", message, field);
}
