// The same handler as GET /api/v3/predictions/{id}: WaveSpeed documents both paths for reading a task.
export { DELETE, GET, OPTIONS, PATCH, POST, PUT } from "../route";

export const dynamic = "force-dynamic";
