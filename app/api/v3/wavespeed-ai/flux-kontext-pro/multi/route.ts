import { servedSubmitRoute } from "../../../served-submit";

export const dynamic = "force-dynamic";

/** Multi: 2 to 4 `images` combined under one instruction. */
export const { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = servedSubmitRoute("multi");
