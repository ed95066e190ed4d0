import { NextResponse } from "next/server";
import { describeIssues } from "@/lib/contract";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestBaseUrl } from "@/lib/http/base-url";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { historyQuerySchema } from "@/lib/playground-api";
import { getPredictions } from "@/lib/predictions";
import { readHistoryPage } from "@/lib/predictions/read";
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
  const page = readHistoryPage(parsed.data, requestBaseUrl(request.headers));
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});
