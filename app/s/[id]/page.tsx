import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SweepView } from "@/components/sweeps/sweep-view";
import { PlaygroundLink } from "@/components/ui/playground-link";
import { getServices } from "@/lib/composition-root";
import { MODELS } from "@/lib/domain";
import { isAppError } from "@/lib/errors";
import { requestBaseUrl } from "@/lib/http/base-url";
import { sweepMetadata } from "@/lib/pages/metadata";
import { toSweepView } from "@/lib/sweeps/views";

type Props = { params: Promise<{ id: string }> };

const FIELD_NAMES = {
  model: "model",
  seed: "seed",
  guidance_scale: "guidance",
  safety_tolerance: "safety",
  aspect_ratio: "aspect ratio",
  prompt: "prompt",
};

// Metadata and page ask for the same sweep in one request; read it once.
const loadSweep = cache(async (id: string) => {
  try {
    return toSweepView(await getServices().sweeps.get(id), requestBaseUrl(await headers()));
  } catch (error) {
    if (isAppError(error) && error.status === 404) return undefined;
    throw error;
  }
});

const AXIS_WORDS = {
  model: "models",
  seed: "seeds",
  guidance_scale: "guidance",
  safety_tolerance: "safety",
  aspect_ratio: "aspect ratios",
  prompt: "prompts",
};

/** The settings every cell shares, then what each axis sweeps (the seeds themselves when seeds are swept). */
function settingsLine(sweep: NonNullable<Awaited<ReturnType<typeof loadSweep>>>): string {
  const axes = [sweep.x, ...(sweep.y ? [sweep.y] : [])];
  const swept = new Set(axes.map((axis) => axis.field));
  const { base } = sweep;
  const shared = [
    swept.has("model") ? null : MODELS[base.model].label,
    swept.has("aspect_ratio") ? null : base.aspect_ratio,
    `${base.num_images} ${base.num_images === 1 ? "image" : "images"} a cell`,
    swept.has("seed") ? null : `seed ${base.seed}`,
    swept.has("guidance_scale") ? null : `guidance ${base.guidance_scale.toFixed(1)}`,
    swept.has("safety_tolerance") ? null : `safety ${base.safety_tolerance}`,
  ].filter(Boolean);
  // The prompts are the cells' own labels; every other swept value is listed.
  const sweeps = axes.flatMap((axis, index) =>
    axis.field === "prompt" ? [] : [`${AXIS_WORDS[axis.field]} ${axis.labels.join(", ")} (${index === 0 ? "across" : "down"})`],
  );
  return [...shared, ...sweeps].join(" · ");
}

const titleOf = (sweep: NonNullable<Awaited<ReturnType<typeof loadSweep>>>) =>
  `Sweep: ${FIELD_NAMES[sweep.x.field]} × ${sweep.y ? FIELD_NAMES[sweep.y.field] : "—"}`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const sweep = await loadSweep((await params).id);
  if (!sweep) return { title: "Not found" };
  return sweepMetadata(sweep, titleOf(sweep), requestBaseUrl(await headers()));
}

export default async function SweepPage({ params }: Props) {
  const sweep = await loadSweep((await params).id);
  if (!sweep) notFound();
  return (
    <main id="main" className="mx-auto flex max-w-7xl flex-col gap-5 px-4 py-6 pb-24 sm:px-6 lg:py-8">
      <nav className="text-sm">
        <PlaygroundLink />
      </nav>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{titleOf(sweep)}</h1>
        <p className="text-sm leading-relaxed" data-testid="sweep-prompt">
          {sweep.base.prompt}
        </p>
        <p className="text-xs text-fg-muted tabular-nums" data-testid="sweep-settings">
          {settingsLine(sweep)}
        </p>
      </div>
      <SweepView initial={sweep} />
    </main>
  );
}
