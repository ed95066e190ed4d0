import Link from "next/link";
import { connection } from "next/server";
import { OwnerOnly } from "@/components/access/owner-only";
import { buttonClass } from "@/components/ui/button";

/** Any path nothing serves. Rendered per request, like every page outside the share cache. */
export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center gap-4 px-4 py-24 text-center">
      <p className="text-sm font-medium text-fg-muted">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Nothing here</h1>
      <p className="text-fg-muted">This address does not lead to a page of this playground.</p>
      <OwnerOnly>
        <Link href="/" className={buttonClass({ variant: "primary" })}>
          Open the playground
        </Link>
      </OwnerOnly>
    </main>
  );
}
