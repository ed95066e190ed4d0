import fc from "fast-check";
import { type core, toJSONSchema } from "zod/mini";

/** The part of JSON Schema that zod writes for this project's request schemas. */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  not?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** A zod schema as JSON Schema (what a client may send): refinements and custom types read as "anything". */
export const jsonSchemaOf = (schema: core.$ZodType): JsonSchema =>
  toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

/** Stand-ins for fields no schema can describe well enough to generate (an image, a visible prompt), by name. */
export type Overrides = Record<string, fc.Arbitrary<unknown>>;

const LONG = 300;

/** Values a schema accepts, as far as JSON Schema says: zod's refinements may still refuse some. */
export function validFrom(schema: JsonSchema, overrides: Overrides = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => validFrom(option, overrides)));
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((one) => validFrom({ ...schema, type: one }, overrides)));
  switch (type[0]) {
    case "string":
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? LONG, LONG),
        unit: "grapheme",
      });
    case "integer":
      return fc.integer({ min: lowest(schema, -1_000_000), max: highest(schema, 1_000_000) - (schema.exclusiveMaximum ? 1 : 0) });
    case "number":
      return fc.double({ min: lowest(schema, -1e6), max: highest(schema, 1e6), noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(validFrom(schema.items ?? {}, overrides), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 8, 8),
      });
    case "object":
      return objectFrom(schema, overrides);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const lowest = (schema: JsonSchema, fallback: number) => Math.max(schema.minimum ?? schema.exclusiveMinimum ?? fallback, -1e9);
const highest = (schema: JsonSchema, fallback: number) => Math.min(schema.maximum ?? schema.exclusiveMaximum ?? fallback, 1e9);

function objectFrom(schema: JsonSchema, overrides: Overrides): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    // `not: {}` marks a field that must never be sent (a webhook in the body): a valid body leaves it out.
    if (property.not) continue;
    shape[name] = overrides[name] ?? validFrom(property, overrides);
  }
  const required = (schema.required ?? []).filter((name) => name in shape);
  return fc.record(shape, { requiredKeys: required });
}

/** Values that break what a field's schema asks: another type, past a bound, outside the list, or missing. */
export function violating(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const breaks: Array<fc.Arbitrary<unknown>> = [fc.constant(undefined), fc.constant(null), fc.constant({}), fc.constant([])];
  if (schema.enum) breaks.push(fc.constant("not-one-of-them"), fc.constant(42));
  if (type === "string") {
    breaks.push(fc.integer(), fc.boolean());
    if (schema.minLength) breaks.push(fc.constant(""));
    if (schema.maxLength !== undefined && schema.maxLength < 100_000) breaks.push(fc.constant("x".repeat(schema.maxLength + 1)));
  }
  if (type === "integer" || type === "number") {
    breaks.push(fc.string({ maxLength: 8 }), fc.constant("3"), fc.constant(true));
    if (schema.minimum !== undefined) breaks.push(fc.constant(schema.minimum - 1));
    if (schema.maximum !== undefined) breaks.push(fc.constant(schema.maximum + 1));
    if (type === "integer") breaks.push(fc.constant(1.5));
  }
  if (type === "boolean") breaks.push(fc.constant("true"), fc.constant(1));
  if (type === "object") breaks.push(fc.constant("an object"), fc.constant(7));
  if (type === "array") {
    breaks.push(fc.constant("a list"));
    if (schema.maxItems !== undefined && schema.maxItems <= 1000) breaks.push(fc.constant(Array(schema.maxItems + 1).fill(0)));
  }
  if (schema.not) breaks.push(fc.webUrl());
  return fc.oneof(...breaks);
}

/** A valid body with exactly one field broken (or dropped, or a forbidden one added). */
export function nearValidFrom(schema: JsonSchema, valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const fields = Object.entries(schema.properties ?? {});
  return fc.tuple(valid, fc.constantFrom(...fields)).chain(([body, [name, property]]) =>
    violating(property).map((bad) => {
      const broken = { ...(body as Record<string, unknown>) };
      if (bad === undefined) delete broken[name];
      else broken[name] = bad;
      return broken;
    }),
  );
}
