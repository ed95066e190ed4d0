import { getServices } from "@/lib/composition-root";
import { MAX_INPUT_BYTES } from "@/lib/domain";
import { otherMethods } from "@/lib/http/methods";
import { readRawBody } from "@/lib/http/multipart";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * The PUT an upload ticket points at: the file's bytes as the body. The URL's token is the
 * credential (the SDK sends no key here), so the access policy lets anyone PUT.
 */
export const PUT = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const bytes = await readRawBody(request, MAX_INPUT_BYTES);
  await getServices().uploads.receive(id, token, bytes);
  return new Response(null, { status: 200 });
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods({ PUT });
