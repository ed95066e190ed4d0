import { NextResponse } from "next/server";
import { requestBaseUrl } from "@/lib/http/base-url";
import { withErrors } from "@/lib/http/respond";
import { getPredictions } from "@/lib/predictions";
import { toView } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = withErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const record = getPredictions().get(id);
  return NextResponse.json(toView(record, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});

/** Deletes the prediction and its images from disk. */
export const DELETE = withErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  await getPredictions().delete(id);
  return new Response(null, { status: 204 });
});
