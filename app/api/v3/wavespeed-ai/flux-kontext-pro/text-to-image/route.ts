import { servedSubmitRoute } from "../../../served-submit";

export const dynamic = "force-dynamic";

/** Text-to-image, as WaveSpeed serves it. */
export const { POST, GET, PUT, PATCH, DELETE } = servedSubmitRoute("text");
