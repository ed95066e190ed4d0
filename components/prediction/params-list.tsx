import type { ReactNode } from "react";
import { MODELS, pixelSizeOf, runLabel, wantsRandomSeed } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

type Input = PredictionView["input"];

/** The parameters of a prediction, seed included, as a definition list (share page, lightbox). */
export function ParamsList({
  input,
  seedRequested,
  engine,
  className = "",
}: {
  input: Input;
  seedRequested?: number | null;
  /** Named when the reader may not know which engine drew it (a share page, the lightbox). */
  engine?: PredictionView["engine"];
  className?: string;
}) {
  const size = pixelSizeOf(input);
  const dev = MODELS[input.model].parameters === "dev";
  const rows: [string, ReactNode][] = [
    ["Model", engine ? runLabel(engine, input.model) : MODELS[input.model].label],
    dev
      ? ["Size", input.size ? `${size.width} × ${size.height}` : "the input's shape"]
      : ["Aspect ratio", `${input.aspect_ratio} · ${size.width} × ${size.height}`],
    ["Images", input.num_images],
    [
      "Seed",
      <>
        <span className="font-mono" data-testid="seed-value">
          {wantsRandomSeed(input.seed) ? "random" : input.seed}
        </span>
        {wantsRandomSeed(seedRequested) && !wantsRandomSeed(input.seed) ? <span className="text-fg-muted"> (random)</span> : null}
      </>,
    ],
    ["Guidance scale", input.guidance_scale.toFixed(1)],
    ...(dev
      ? ([["Steps", input.num_inference_steps ?? "—"]] as [string, ReactNode][])
      : ([["Safety tolerance", `${input.safety_tolerance} of 5`]] as [string, ReactNode][])),
  ];
  return (
    <dl className={`grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm ${className}`}>
      {rows.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="text-fg-muted">{term}</dt>
          <dd className="tabular-nums">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The same parameters as one compact line, for cards. */
export function ParamsSummary({ input }: { input: Input }) {
  const dev = MODELS[input.model].parameters === "dev";
  const parts = [
    MODELS[input.model].short,
    dev ? (input.size ? input.size.replace("*", " × ") : "input's shape") : input.aspect_ratio,
    `${input.num_images} ${input.num_images === 1 ? "image" : "images"}`,
    // A run refused before it was made has no seed yet: it was to get a random one.
    wantsRandomSeed(input.seed) ? "random seed" : `seed ${input.seed}`,
    `guidance ${input.guidance_scale.toFixed(1)}`,
    dev ? `${input.num_inference_steps ?? "—"} steps` : `safety ${input.safety_tolerance}`,
  ];
  return (
    <p className="text-xs text-fg-muted tabular-nums" data-testid="run-summary">
      {parts.join(" · ")}
    </p>
  );
}
