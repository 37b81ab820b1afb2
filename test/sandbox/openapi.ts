/**
 * The published OpenAPI documents (byte-for-byte copies in `specs/`; contract.test.ts compares
 * them with the originals when `../shared/kohortpay-api/` is beside the repository)
 * and a checker of an answer against their response schemas. The checker knows the OpenAPI 3.0
 * keywords those documents use and throws on any other, so a schema it cannot read never passes.
 * No validator package: the file had none, the project declares none (ajv 6 is only eslint's),
 * and the specs name properties in camelCase while the contract's answers are snake_case, which a
 * stock validator cannot map without rewriting every schema first.
 */
import { readFileSync } from 'node:fs';

export type SpecName = 'openapi.json' | 'openapi-full.json';

export interface Schema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  uniqueItems?: boolean;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export const SPECS_DIR = new URL('./specs/', import.meta.url);

export function loadSpec(name: SpecName): OpenApiDocument {
  return JSON.parse(readFileSync(new URL(name, SPECS_DIR), 'utf8')) as OpenApiDocument;
}

/** The JSON schema a spec gives for `status` of `method path` (`path` as the spec writes it), if any. */
export function responseSchema(spec: OpenApiDocument, method: string, path: string, status: number): Schema | undefined {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`the spec has no ${method} ${path}`);
  return operation.responses[String(status)]?.content?.['application/json']?.schema;
}

/** `emailAddress` → `email_address`, `jMinus2ExpireAt` → `j_minus2_expire_at`: answers are snake_case. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const CHECKED = new Set([
  '$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'enum', 'nullable',
  'format', 'minimum', 'maximum', 'maxLength', 'uniqueItems',
]);
const ANNOTATIONS = new Set(['description', 'example', 'default']);

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uri: (value) => URL.canParse(value),
  // Not JSON Schema formats, so annotations only (as JSON Schema treats an unknown format).
  string: () => true,
  phone: () => true,
};

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function resolve(spec: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
  const target = name ? spec.components.schemas[name] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return resolve(spec, target);
}

/**
 * What in `value` the schema does not allow, one line each (`body.status: "X" is not one of
 * OPEN, COMPLETED`), empty when it conforms. Property names are looked up snake_cased; the keys
 * of an `additionalProperties` map (metadata) are data and stay as they are.
 */
export function schemaProblems(spec: OpenApiDocument, schema: Schema, value: unknown, at = 'body'): string[] {
  const resolved = resolve(spec, schema);
  for (const keyword of Object.keys(resolved)) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`${at}: the checker does not know "${keyword}"`);
  }
  if (resolved.format && !(resolved.format in FORMATS)) throw new Error(`${at}: the checker does not know format "${resolved.format}"`);
  if (value === null && resolved.nullable === true) return [];
  // Without a type (an `allOf` around a `$ref`, as BadRequestResponse's `error`), null is checked by the parts.
  if (value === null && resolved.type) return [`${at}: null, but not nullable`];

  const problems = (resolved.allOf ?? []).flatMap((part) => schemaProblems(spec, part, value, at));
  const actual = typeOf(value);
  const expected = resolved.type;
  if (expected) {
    const fits =
      expected === 'integer' ? Number.isInteger(value) : expected === 'number' ? Number.isFinite(value) : actual === expected;
    if (!fits) return [...problems, `${at}: ${actual} where the schema says ${expected}`];
  }
  if (resolved.enum && !resolved.enum.includes(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${resolved.enum.join(', ')}`);
  }
  if (typeof value === 'string') {
    if (resolved.format && !FORMATS[resolved.format]?.(value)) problems.push(`${at}: ${JSON.stringify(value)} is not a ${resolved.format}`);
    if (resolved.maxLength !== undefined && value.length > resolved.maxLength) problems.push(`${at}: longer than ${resolved.maxLength}`);
  }
  if (typeof value === 'number') {
    if (resolved.minimum !== undefined && value < resolved.minimum) problems.push(`${at}: ${value} is below ${resolved.minimum}`);
    if (resolved.maximum !== undefined && value > resolved.maximum) problems.push(`${at}: ${value} is above ${resolved.maximum}`);
  }
  if (Array.isArray(value)) {
    if (resolved.items) value.forEach((item, index) => problems.push(...schemaProblems(spec, resolved.items!, item, `${at}[${index}]`)));
    if (resolved.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      problems.push(`${at}: items repeat`);
    }
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of resolved.required ?? []) {
      if (!Object.hasOwn(object, snake(name))) problems.push(`${at}.${snake(name)}: required, missing`);
    }
    const declared = new Set<string>();
    for (const [name, inner] of Object.entries(resolved.properties ?? {})) {
      declared.add(snake(name));
      if (Object.hasOwn(object, snake(name))) problems.push(...schemaProblems(spec, inner, object[snake(name)], `${at}.${snake(name)}`));
    }
    const others = resolved.additionalProperties;
    if (typeof others === 'object') {
      for (const [key, inner] of Object.entries(object)) {
        if (!declared.has(key)) problems.push(...schemaProblems(spec, others, inner, `${at}.${key}`));
      }
    } else if (others === false) {
      for (const key of Object.keys(object)) if (!declared.has(key)) problems.push(`${at}.${key}: not allowed`);
    }
  }
  return problems;
}
