import "server-only";
import { NextResponse } from "next/server";
import type { core } from "zod/mini";
import { AppError, isAppError } from "../errors";
import { log } from "../log";
import { parseOrThrow } from "../parse";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Wraps a route handler so every failure leaves as the contract's error envelope. */
export function withErrors<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const appError = isAppError(error) ? error : new AppError("internal", "Internal server error.");
  if (!isAppError(error)) log.error("unhandled error in a route", { error: String(error), stack: (error as Error)?.stack });
  return NextResponse.json(appError.toEnvelope(), { status: appError.status, headers: appError.headers() });
}

/**
 * A handler for the methods a route does not serve: the 405 in the error envelope, so every
 * answer under /api/v3 is JSON (Next would otherwise answer an empty 405).
 */
export function methodNotAllowed(allowed: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = new URL(request.url).pathname;
    const error = new AppError("method_not_allowed", `${request.method} is not served at ${path}; use ${allowed}.`);
    return NextResponse.json(error.toEnvelope(), { status: error.status, headers: { Allow: allowed } });
  };
}

/** Reads a JSON body with a size cap: 413 past the cap, 400 when it is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (!text.trim()) throw new AppError("invalid_json", "The request body must be a JSON object; it was empty.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

/** The raw body as text, refusing more than `maxBytes` (413). */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);

/** Parses a request's query string with a schema; a failure is a 400 that names the field. */
export function parseQuery<T>(schema: core.$ZodType<T>, request: Request): T {
  return parseBody(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Parses a value (a JSON body, a query) with a schema; a failure is a 400 that names the field. */
export const parseBody = parseOrThrow;
