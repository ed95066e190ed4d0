import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { parseBody, readJsonBody, withErrors } from "@/lib/http/respond";
import { annotationSchema } from "@/lib/playground-api";
import { toView } from "@/lib/predictions/wire/views";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = withErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const { predictions } = getServices();
  const record = await predictions.get(id);
  const view = { ...toView(record, requestBaseUrl(request.headers)), queuePosition: await predictions.queuePosition(id) };
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});

/** Sets the note, stars or unstars an image: `{note?, star?: {index, starred}}`. */
export const PATCH = withErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const annotation = parseBody(annotationSchema, await readJsonBody(request, getEnv().MAX_BODY_BYTES));
  const record = await getServices().predictions.annotate(id, annotation);
  return NextResponse.json(toView(record, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});

/** Deletes the prediction and its images. */
export const DELETE = withErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  await getServices().predictions.delete(id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
