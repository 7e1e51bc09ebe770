/**
 * An example for every JSON body of the OpenAPI document, built from its schema where the schema
 * gives none (the linter then checks each example against its schema). Values read as a French
 * public service's would: dates of today's format, ids, e-mail addresses on exemple.re.
 */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;

/** Values of the domain, tried in turn against a schema's pattern. */
const PATTERNED = [
  '97411',
  '97411-centre-ville',
  'Marie Payet',
  '0262 12 34 56',
  '01JEXEMPLE0000000000000000',
  'SIDR',
  'T3',
  '2026-12',
  'listing:01JEXEMPLE0000000000000000',
];

function patterned(pattern: string): string | undefined {
  try {
    const regex = new RegExp(pattern, 'u');
    return PATTERNED.find((value) => regex.test(value));
  } catch {
    return undefined;
  }
}

function stringSample(schema: Schema): string {
  switch (schema.format) {
    case 'date-time':
      return '2026-12-06T08:00:00.000Z';
    case 'date':
      return '2026-12-06';
    case 'email':
      return 'prenom.nom@exemple.re';
    case 'uri':
    case 'url':
      return 'https://exemple.re/';
    case 'binary':
      return '';
  }
  if (typeof schema.pattern === 'string') {
    const value = patterned(schema.pattern);
    if (value !== undefined) return value;
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 64;
  const base = 'exemple'.padEnd(min, '0');
  return base.slice(0, Math.max(max, min));
}

function numberSample(schema: Schema): number {
  const min =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + 1
        : 1;
  const max = typeof schema.maximum === 'number' ? schema.maximum : Number.POSITIVE_INFINITY;
  return Math.min(min, max);
}

export function sampleOf(schema: unknown, schemas: Record<string, Schema>, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return undefined;
  const s = schema as Schema;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (typeof s.$ref === 'string')
    return sampleOf(schemas[s.$ref.replace('#/components/schemas/', '')], schemas, depth + 1);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key] as Schema[] | undefined;
    if (Array.isArray(options)) {
      const chosen = options.find((option) => option.type !== 'null') ?? options[0];
      return sampleOf(chosen, schemas, depth + 1);
    }
  }
  if (Array.isArray(s.allOf))
    return Object.assign(
      {},
      ...(s.allOf as Schema[]).map((part) => sampleOf(part, schemas, depth + 1) ?? {}),
    );
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties)
          .map(([name, property]) => [name, sampleOf(property, schemas, depth + 1)] as const)
          .filter(([, value]) => value !== undefined),
      );
    }
    case 'array': {
      const item = sampleOf(s.items, schemas, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'string':
      return stringSample(s);
    case 'integer':
    case 'number':
      return numberSample(s);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return s.properties ? sampleOf({ ...s, type: 'object' }, schemas, depth) : undefined;
  }
}

interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: unknown;
}

/** Adds an `example` to each JSON request and response body that has none. */
export function addExamples(document: {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}): void {
  const schemas = document.components?.schemas ?? {};
  const fill = (content: Record<string, Media> | undefined) => {
    const media = content?.['application/json'];
    if (!media?.schema || media.example !== undefined || media.examples !== undefined) return;
    const example = sampleOf(media.schema, schemas);
    if (example !== undefined) media.example = example;
  };
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations) as Array<{
      requestBody?: { content?: Record<string, Media> };
      responses?: Record<string, { content?: Record<string, Media> }>;
    }>) {
      fill(operation.requestBody?.content);
      for (const response of Object.values(operation.responses ?? {})) fill(response.content);
    }
  }
}
