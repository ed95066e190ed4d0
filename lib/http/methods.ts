import "server-only";
import { AppError } from "../errors";
import { errorResponse } from "./respond";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type Served = Partial<Record<Method, unknown>>;
type Answer = (request: Request) => Response;

/** What a route does not serve: HEAD comes with GET (Next answers it from GET), and OPTIONS is answered here. */
type Unserved<S extends Served> = Exclude<Method, keyof S | (S extends { GET: unknown } ? "HEAD" : never)> | "OPTIONS";

/**
 * The answers for every method a route does not serve: 405 in the error envelope with `Allow`, and
 * OPTIONS (204) listing what it does serve. Next's own 405 has an empty body and no `Allow`. A route
 * exports them beside its handlers:
 *
 *     export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
 */
export function otherMethods<S extends Served>(served: S): Record<Unserved<S>, Answer> {
  const allowed = METHODS.filter((method) => method in served || method === "OPTIONS" || (method === "HEAD" && "GET" in served));
  const allow = allowed.join(", ");
  const options: Answer = () => new Response(null, { status: 204, headers: { Allow: allow } });
  const notAllowed: Answer = (request) =>
    errorResponse(
      new AppError(
        "method_not_allowed",
        `${request.method} is not allowed on ${new URL(request.url).pathname}; it accepts ${allow}.`,
        undefined,
        { allow },
      ),
    );
  const answers = Object.fromEntries([
    ["OPTIONS", options],
    ...METHODS.filter((method) => !allowed.includes(method)).map((method) => [method, notAllowed]),
  ]);
  return answers as Record<Unserved<S>, Answer>;
}
