import type { EngineName } from "@/lib/domain";

/** Says plainly where images come from; on the local engine, how to get the real model. */
export function EngineBanner({ engine, model }: { engine: EngineName; model: string }) {
  if (engine === "wavespeed") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
        <span className="size-2 rounded-full bg-success" aria-hidden="true" />
        Connected to WaveSpeed AI · <code className="font-mono text-xs">{model}</code>
      </p>
    );
  }
  return (
    <section
      aria-labelledby="engine-banner-title"
      className="rounded-xl border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
    >
      <h2 id="engine-banner-title" className="font-semibold">
        Local preview engine: these images are not made by FLUX
      </h2>
      <p className="mt-1 text-fg-muted">
        No WaveSpeed API key is set, so a built-in preview engine draws placeholder images offline, at the sizes and with the
        seeds the real model would use. To generate with FLUX.1 Kontext [pro], set{" "}
        <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-fg">WAVESPEED_API_KEY</code> and restart the server.
      </p>
    </section>
  );
}
