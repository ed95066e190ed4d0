import { servedSubmitRoute } from "../../../served-submit";

export const dynamic = "force-dynamic";

/** Text-to-image, as WaveSpeed serves it. */
export const { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = servedSubmitRoute("text");
