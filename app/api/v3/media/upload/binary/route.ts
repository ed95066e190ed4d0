import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { MAX_INPUT_BYTES } from "@/lib/domain";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { readMultipartFile } from "@/lib/http/multipart";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** WaveSpeed's documented upload: a multipart `file`, answered with where it can be read. */
export const POST = withErrors(async (request) => {
  const file = await readMultipartFile(request, "file", MAX_INPUT_BYTES);
  const data = await getServices().uploads.binary(file, requestBaseUrl(request.headers));
  return NextResponse.json({ code: 200, message: "success", data });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
