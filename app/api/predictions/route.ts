import { NextResponse } from "next/server";
import { PRICE_PER_IMAGE_USD, describeIssues } from "@/lib/contract";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestBaseUrl } from "@/lib/http/base-url";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { historyQuerySchema, type HistoryPage } from "@/lib/playground-api";
import { getPredictions } from "@/lib/predictions";
import { toView } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const record = getPredictions().submit(body);
  return NextResponse.json(toView(record, requestBaseUrl(request.headers)), { status: 201 });
});

/** History, newest first, with a cursor for the next page. */
export const GET = withErrors(async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = historyQuerySchema.safeParse(params);
  if (!parsed.success) {
    const { message, field } = describeIssues(parsed.error);
    throw new AppError("invalid_request", message, field);
  }
  const { cursor, limit, q, status } = parsed.data;
  const predictions = getPredictions();
  const { items, nextCursor } = predictions.list({ cursor, limit, search: q || undefined, status });
  const images = predictions.imageCounts();
  const baseUrl = requestBaseUrl(request.headers);
  const page: HistoryPage = {
    items: items.map((record) => toView(record, baseUrl)),
    nextCursor,
    totals: { images, costUsd: Number((images.wavespeed * PRICE_PER_IMAGE_USD).toFixed(2)) },
  };
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});
