import { SUBMIT_PATH } from "@/lib/contract";

/** Everything only the owner may use, by method and path; `id` is an existing prediction, deleted last. */
export const ownerApiRoutes = (id: string): [method: string, path: string][] => [
  ["GET", "/api/predictions"],
  ["POST", "/api/predictions"],
  ["GET", "/api/events"],
  ["GET", "/api/budget"],
  ["POST", SUBMIT_PATH],
  ["GET", `/api/v3/predictions/${id}/result`],
  ["DELETE", `/api/predictions/${id}`],
];

export const ownerPages = ["/", "/history"];

/** What anyone holding a share link may read. */
export const sharedRoutes = (id: string, file: string) => [
  `/p/${id}`,
  `/api/predictions/${id}`,
  `/api/images/${id}/${file}`,
  `/api/thumbs/${id}/0.webp`,
];
