import { servedSubmitRoute } from "../../served-submit";

export const dynamic = "force-dynamic";

/** Image-to-image: edit one image (`image`: an https URL, a data: URI, base64, or a file of this playground). */
export const { POST, GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = servedSubmitRoute("edit");
