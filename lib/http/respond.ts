import "server-only";
import path from "node:path";
import { NextResponse } from "next/server";
import type { core } from "zod/mini";
import { getEnv } from "../env";
import { AppError, isAppError } from "../errors";
import { log } from "../log";
import { parseOrThrow } from "../parse";
import { dataDirLocation, describeStorageProblem, storageProblemOf } from "../storage/storage-errors";

export { readJsonBody, readTextBody } from "./request-body";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Node's error for a client that closed its connection while still sending the request. */
const isClientAbort = (error: unknown) =>
  error instanceof Error && (error.name === "AbortError" || (error as NodeJS.ErrnoException).code === "ECONNRESET");

/** Wraps a route handler so every failure leaves as the contract's error envelope. */
export function withErrors<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (request.signal.aborted || isClientAbort(error)) return clientWentAway(request);
      return errorResponse(error);
    }
  };
}

/** Every error, refusal or not-found is the answer of its moment: never kept by a cache, shared or not. */
export const ERROR_CACHE_CONTROL = "no-store";

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const headers = { ...appError.headers(), "Cache-Control": ERROR_CACHE_CONTROL };
  return NextResponse.json(appError.toEnvelope(), { status: appError.status, headers });
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  // A full disk met outside the service (a thumbnail, a webhook) says so too, rather than "internal".
  const problem = storageProblemOf(error);
  if (problem)
    return new AppError("storage_full", describeStorageProblem(problem, dataDirLocation(path.resolve(getEnv().DATA_DIR))));
  log.error("unhandled error in a route", { error: String(error), stack: (error as Error)?.stack });
  return new AppError("internal", "Internal server error.");
}

/** Nobody is left to answer: worth a debug line, not an error with a stack. */
function clientWentAway(request: Request): Response {
  log.debug("the client went away before the answer", { method: request.method, path: new URL(request.url).pathname });
  // 499 in the access-log sense: never sent, but a Response must be returned.
  return new Response(null, { status: 499 });
}

/** Parses a request's query string with a schema; a failure is a 400 that names the field. */
export function parseQuery<T>(schema: core.$ZodType<T>, request: Request): T {
  return parseBody(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Parses a value (a JSON body, a query) with a schema; a failure is a 400 that names the field. */
export const parseBody = parseOrThrow;
