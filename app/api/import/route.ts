import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { getEnv } from "@/lib/env";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { saveUpload } from "@/lib/http/upload";

export const dynamic = "force-dynamic";

/**
 * Imports an export zip sent as the raw body: all or nothing, runs already here skipped. The proxy
 * has checked its type and that it came from this site's pages (lib/access/policy.ts BODY_TYPES).
 */
export const POST = withErrors(async (request) => {
  const upload = await saveUpload(request, getEnv().MAX_IMPORT_BYTES);
  try {
    return NextResponse.json(await getServices().archive.import(upload.file));
  } finally {
    await upload.remove();
  }
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
