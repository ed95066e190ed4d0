import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SweepView } from "@/components/sweeps/sweep-view";
import { PlaygroundLink } from "@/components/ui/playground-link";
import { getServices } from "@/lib/composition-root";
import { isAppError } from "@/lib/errors";
import { requestBaseUrl } from "@/lib/http/base-url";
import { sweepMetadata } from "@/lib/pages/metadata";
import { toSweepView } from "@/lib/sweeps/views";

type Props = { params: Promise<{ id: string }> };

const FIELD_NAMES = {
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
        <p className="text-xs text-fg-muted tabular-nums">
          {sweep.base.aspect_ratio} · {sweep.base.num_images} {sweep.base.num_images === 1 ? "image" : "images"} a cell · seed{" "}
          {sweep.base.seed} · guidance {sweep.base.guidance_scale.toFixed(1)} · safety {sweep.base.safety_tolerance} (unless
          swept)
        </p>
      </div>
      <SweepView initial={sweep} />
    </main>
  );
}
