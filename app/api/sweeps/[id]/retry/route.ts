import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { toSweepView } from "@/lib/sweeps/views";

export const dynamic = "force-dynamic";

/** New runs for the failed (and cancelled) cells: `{confirmedCostUsd?}` when they cost money. */
export const POST = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const state = await getServices().sweeps.retryFailed((await params).id, body, callerFrom(request.headers));
  return NextResponse.json(toSweepView(state, requestBaseUrl(request.headers)));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
