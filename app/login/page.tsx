import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/access/sign-in-form";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { requestBaseUrl } from "@/lib/http/base-url";
import { safeReturnPath } from "@/lib/view/return-path";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The owner's way in. Already the owner (or no token configured): straight on to where they were going. */
export default async function LoginPage({ searchParams }: Props) {
  const requestHeaders = await headers();
  const next = safeReturnPath((await searchParams).next, requestBaseUrl(requestHeaders));
  if (!getServices().access.signInRequired || callerFrom(requestHeaders)) redirect(next);

  return (
    <main id="main" className="mx-auto flex max-w-sm flex-col gap-5 px-4 py-16">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-fg-muted">
          This playground belongs to its owner. Enter the access token (<code>ACCESS_TOKEN</code>) to use it. Shared links open
          without signing in.
        </p>
      </div>
      <SignInForm next={next} />
    </main>
  );
}
