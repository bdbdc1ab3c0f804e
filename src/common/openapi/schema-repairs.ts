import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: Schema[];
};

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null;

/** Where schemas nest inside a schema. */
function children(schema: Schema): Schema[] {
  const nested: unknown[] = [schema.items, schema.additionalProperties, schema.not];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) nested.push(...((schema[key] as unknown[]) ?? []));
  if (isSchema(schema.properties)) nested.push(...Object.values(schema.properties));
  return nested.filter(isSchema);
}

function typeOfEnum(values: unknown[]): string | undefined {
  const types = new Set(values.filter((v) => v !== null).map((v) => typeof v));
  return types.size === 1 ? [...types][0] : undefined;
}

/**
 * OpenAPI 3.0 reads `nullable` only beside a `type` (3.0.3 clarified it; Redocly's nullable-type-sibling rule).
 * @nestjs/swagger writes `nullable` beside a `$ref` or an `allOf` of one (an enum or a DTO that may be null), so
 * the type is taken from the referenced schema and the `$ref` moved into an `allOf`, where siblings count.
 */
function repairNullable(schema: Schema, resolve: (ref: string) => Schema | undefined): void {
  if (!schema.nullable || schema.type) return;
  if (schema.$ref) {
    schema.allOf = [{ $ref: schema.$ref }];
    delete schema.$ref;
  }
  const only = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
  const target = only?.$ref ? resolve(only.$ref) : only;
  const type = target?.type ?? (target?.enum ? typeOfEnum(target.enum) : undefined);
  const own = schema.enum ? typeOfEnum(schema.enum) : undefined;
  if (type ?? own) schema.type = type ?? own;
}

/** Applies the repairs to every schema of the document: components, parameters, bodies and responses. */
export function repairSchemas(document: OpenAPIObject): void {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (ref: string): Schema | undefined =>
    ref.startsWith('#/components/schemas/')
      ? components[ref.slice('#/components/schemas/'.length)]
      : undefined;
  const seen = new Set<Schema>();
  const visit = (schema: Schema): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    repairNullable(schema, resolve);
    children(schema).forEach(visit);
  };
  Object.values(components).forEach(visit);
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      if (!isSchema(operation)) continue;
      for (const parameter of (operation.parameters as Schema[] | undefined) ?? []) {
        if (isSchema(parameter.schema)) visit(parameter.schema);
      }
      const responses = Object.values((operation.responses as Record<string, unknown> | undefined) ?? {});
      const bodies = [operation.requestBody, ...responses];
      for (const body of bodies.filter(isSchema)) {
        for (const media of Object.values((body.content as Record<string, Schema>) ?? {})) {
          if (isSchema(media.schema)) visit(media.schema);
        }
      }
    }
  }
}
