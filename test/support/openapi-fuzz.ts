/**
 * Reads the served OpenAPI document into fuzzing targets: every operation, every field of its JSON body (at every
 * depth, array items through index 0), every query and path parameter, and a valid base request to carry one
 * hostile value at a time (so the value reaches the code behind validation, not only the validator).
 */

export interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  $ref?: string;
  allOf?: SchemaObject[];
  description?: string;
}

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: SchemaObject;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

export type FieldKind = 'string' | 'date' | 'number' | 'other';
export type FieldPath = (string | number)[];

export interface Target {
  in: 'body' | 'query' | 'path';
  path: FieldPath;
  kind: FieldKind;
}

export interface FuzzOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI template, e.g. `/meetings/{id}`. */
  template: string;
  pathParams: string[];
  bodySchema?: SchemaObject;
  targets: Target[];
}

/**
 * Valid values for fields the document gives no usable example for, by field name; `alwaysSent` names optional
 * fields a valid request needs anyway (e.g. `onlineUrl` for a virtual meeting).
 */
export interface Seeds {
  values: Record<string, () => unknown>;
  alwaysSent: ReadonlySet<string>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const DATE_EXAMPLE = /^\d{4}-\d{2}-\d{2}/;
const MAX_DEPTH = 6;

export function resolve(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components.schemas[name]);
  }
  if (schema.allOf && schema.allOf.length > 0) {
    const { allOf, ...rest } = schema;
    return { ...allOf.reduce<SchemaObject>((acc, s) => ({ ...acc, ...resolve(doc, s) }), {}), ...rest };
  }
  return schema;
}

function kindOf(schema: SchemaObject): FieldKind {
  if (schema.format === 'date' || schema.format === 'date-time') return 'date';
  if (typeof schema.example === 'string' && DATE_EXAMPLE.test(schema.example)) return 'date';
  if (/ISO 8601|instant|calendar date/i.test(schema.description ?? '')) return 'date';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'string' && !schema.enum) return 'string';
  return 'other';
}

function bodyTargets(doc: OpenApiDocument, schema: SchemaObject, prefix: FieldPath): Target[] {
  if (prefix.length > MAX_DEPTH) return [];
  const resolved = resolve(doc, schema);
  if (resolved.type === 'array' || resolved.items) {
    const items = resolve(doc, resolved.items);
    const here: FieldPath = [...prefix, 0];
    return [{ in: 'body', path: here, kind: kindOf(items) }, ...bodyTargets(doc, items, here)];
  }
  return Object.entries(resolved.properties ?? {}).flatMap(([name, prop]) => {
    const path = [...prefix, name];
    const propSchema = resolve(doc, prop);
    const nested = propSchema.properties || propSchema.items ? bodyTargets(doc, propSchema, path) : [];
    return [{ in: 'body' as const, path, kind: kindOf(propSchema) }, ...nested];
  });
}

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const targets: Target[] = [
        ...parameters
          .filter((p) => p.in === 'query' || p.in === 'path')
          .map((p) => ({
            in: p.in as 'query' | 'path',
            path: [p.name],
            kind: kindOf({ description: p.description, ...resolve(doc, p.schema) }),
          })),
        ...(bodySchema ? bodyTargets(doc, bodySchema, []) : []),
      ];
      operations.push({
        method,
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        bodySchema,
        targets,
      });
    }
  }
  return operations;
}

/** A valid value for a field: a seed by name, else the document's enum, example or bounds. */
export function sampleValue(doc: OpenApiDocument, schema: SchemaObject, name: string, seeds: Seeds): unknown {
  const seed = seeds.values[name];
  if (seed) return seed();
  const resolved = resolve(doc, schema);
  if (resolved.enum && resolved.enum.length > 0) return resolved.enum[0];
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.properties) return sampleObject(doc, resolved, seeds);
  switch (resolved.type) {
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return resolved.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return resolved.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'Fuzzing value';
  }
}

/** A valid object for the schema: its required fields and the seeds' `alwaysSent` ones. */
export function sampleObject(
  doc: OpenApiDocument,
  schema: SchemaObject,
  seeds: Seeds,
): Record<string, unknown> {
  const resolved = resolve(doc, schema);
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(resolved.properties ?? {})) {
    if (resolved.required?.includes(name) || seeds.alwaysSent.has(name)) {
      out[name] = sampleValue(doc, prop, name, seeds);
    }
  }
  return out;
}

/** The valid base body with `value` placed at `path` (ancestors created as valid objects / one-item arrays). */
export function bodyWith(
  doc: OpenApiDocument,
  schema: SchemaObject,
  path: FieldPath,
  value: unknown,
  seeds: Seeds,
): unknown {
  const resolved = resolve(doc, schema);
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    return [rest.length === 0 ? value : bodyWith(doc, resolved.items ?? {}, rest, value, seeds)];
  }
  const base = sampleObject(doc, resolved, seeds);
  base[head] =
    rest.length === 0 ? value : bodyWith(doc, resolved.properties?.[head] ?? {}, rest, value, seeds);
  return base;
}

/** `actionItems[0].dueDate`: the path format of the problem's `errors[].path`. */
export function dotted(path: FieldPath): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}
