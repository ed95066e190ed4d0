// One thread of the local engine's render pool (render-pool.ts). Plain JavaScript outside Next's
// bundle, so the pool can load it by path in `next start` and in tests alike; tsx compiles the
// renderer's TypeScript once per thread, when the thread starts.
import { tsImport } from "tsx/esm/api";

const { renderImage } = await tsImport("./render.ts", import.meta.url);

/** @param {{ input: import("../../domain").EngineInput; index: number; images?: Uint8Array[] }} task */
export default function render({ input, index, images = [] }) {
  // An edit's pictures arrive as plain Uint8Arrays: sharp takes Buffers.
  return renderImage(
    input,
    index,
    images.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  );
}
