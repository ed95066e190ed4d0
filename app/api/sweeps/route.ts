import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { maxSubmitBodyBytes } from "@/lib/contract";
import { MAX_MULTI_IMAGES } from "@/lib/domain";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { readJsonBody, withErrors } from "@/lib/http/respond";
import { toSweepView } from "@/lib/sweeps/views";

export const dynamic = "force-dynamic";

/** Starts a sweep: `{base, x, y?, parent?, confirmedCostUsd?}`; one that costs money needs its total confirmed. */
export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, maxSubmitBodyBytes(getEnv().MAX_BODY_BYTES, MAX_MULTI_IMAGES));
  const baseUrl = requestBaseUrl(request.headers);
  const state = await getServices().sweeps.create(body, callerFrom(request.headers), baseUrl);
  return NextResponse.json(toSweepView(state, baseUrl), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
