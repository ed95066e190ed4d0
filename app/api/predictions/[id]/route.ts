import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { toView } from "@/lib/predictions/views";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = withErrors<Context>(async (request, { params }) => {
  const { id } = await params;
  const record = await getServices().predictions.get(id);
  return NextResponse.json(toView(record, requestBaseUrl(request.headers)), { headers: { "Cache-Control": "no-store" } });
});

/** Deletes the prediction and its images. */
export const DELETE = withErrors<Context>(async (_request, { params }) => {
  const { id } = await params;
  await getServices().predictions.delete(id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
