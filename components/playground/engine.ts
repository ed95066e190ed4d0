/** What the page needs to know about the engine; filled on the server from getEngineInfo(). */
export type EngineName = "local" | "wavespeed";
export type EngineSummary = { engine: EngineName; model: string; pricePerImageUsd: number };
