// One thread of the local engine's render pool (render-pool.ts). Plain JavaScript outside Next's
// bundle, so the pool can load it by path in `next start` and in tests alike; tsx compiles the
// renderer's TypeScript once per thread, when the thread starts.
import { tsImport } from "tsx/esm/api";

const { renderImage } = await tsImport("./render.ts", import.meta.url);

/** @param {{ input: import("../../domain").EngineInput; index: number }} task */
export default function render({ input, index }) {
  return renderImage(input, index);
}
