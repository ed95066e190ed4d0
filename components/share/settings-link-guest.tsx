import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { NavLink } from "@/components/ui/nav-link";
import { settingsFromValues } from "@/lib/view/form-validation";
import type { FormValues } from "@/lib/view/form-values";

/**
 * A settings link (`/?prompt=…`) opened by a guest of a playground with an owner: what the setup
 * is, and the way to sign in and make it. Nothing of the playground itself (its history, its
 * form) is rendered. The page's metadata is the link's preview, so a chat app shows the setup.
 */
export function SettingsLinkForGuest({ values, returnTo }: { values: FormValues; returnTo: string }) {
  const settings = settingsFromValues(values);
  const rows: [string, string][] = [
    ["Aspect ratio", settings.aspect_ratio ?? "—"],
    ["Images", String(settings.num_images ?? 1)],
    ["Seed", settings.seed === undefined ? "random" : String(settings.seed)],
    ["Guidance scale", settings.guidance_scale?.toFixed(1) ?? "—"],
    ["Safety tolerance", settings.safety_tolerance ?? "—"],
  ];
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-5 px-4 py-10 sm:py-16" data-testid="settings-link-guest">
      <div className="flex flex-col gap-2">
        <p className="text-xs font-medium tracking-wide text-fg-muted uppercase">A setup to try</p>
        <h1 className="text-xl font-semibold tracking-tight break-words sm:text-2xl">{settings.prompt}</h1>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-2xl border border-border bg-surface p-5 text-sm shadow-sm">
        {rows.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-fg-muted">{name}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <NavLink href={`/login?next=${encodeURIComponent(returnTo)}`} className={buttonClass({ variant: "primary" })}>
          Sign in to make your own
        </NavLink>
        <CopyButton text={settings.prompt ?? ""} label="Copy prompt" />
      </div>
      <p className="text-sm text-fg-muted">
        This playground belongs to its owner, who signs in with its access token to generate images. The prompt and the settings
        above are yours to use anywhere.
      </p>
    </main>
  );
}
