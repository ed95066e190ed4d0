import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { readJsonBody, withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The official SDK's upload ticket: `{filename, size, content_type}` in, where to PUT the file and where to read it out. */
export const POST = withErrors(async (request) => {
  const body = await readJsonBody(request, getEnv().MAX_BODY_BYTES);
  const data = await getServices().uploads.ticket(body, requestBaseUrl(request.headers));
  return NextResponse.json({ code: 200, message: "success", data });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
