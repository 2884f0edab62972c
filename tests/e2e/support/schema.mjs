// A small validator for the subset of OpenAPI 3.0 schema objects that openapi.json uses:
// type (incl. integer), nullable, enum, required, properties, additionalProperties (false or
// a schema), items, allOf, minimum/maximum, minLength/maxLength, pattern, minItems/maxItems,
// and $ref to "#/components/…". Unknown keywords that would change validation throw, so the
// document cannot silently use something this validator ignores.
//
//   const errors = validate(document, schema, value);   // [] when valid
//   assertValid(document, schema, value, 'GET /api/v1/offers');

const IGNORED = new Set([
  'description', 'example', 'examples', 'title', 'default', 'format', 'readOnly', 'writeOnly',
  'deprecated', 'externalDocs', 'xml',
]);
const HANDLED = new Set([
  '$ref', 'type', 'nullable', 'enum', 'required', 'properties', 'additionalProperties', 'items',
  'allOf', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems',
]);

export function resolveRef(document, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`unresolvable $ref ${ref}`);
    }
    node = node[key];
  }
  return node;
}

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(type, value) {
  switch (type) {
    case 'object': return typeOf(value) === 'object';
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    default: throw new Error(`unsupported schema type "${type}"`);
  }
}

function show(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function check(document, schema, value, path, errors, depth) {
  if (depth > 64) throw new Error(`schema recursion too deep at ${path}`);
  if (schema === true || schema === undefined) return;
  if (schema === false) {
    errors.push(`${path}: no value is allowed here`);
    return;
  }
  if (typeof schema !== 'object' || schema === null) throw new Error(`bad schema at ${path}`);
  for (const keyword of Object.keys(schema)) {
    if (!HANDLED.has(keyword) && !IGNORED.has(keyword) && !keyword.startsWith('x-')) {
      throw new Error(`schema keyword "${keyword}" is not supported by this validator (at ${path})`);
    }
  }
  if (schema.$ref) {
    // OpenAPI 3.0: siblings of $ref are ignored.
    check(document, resolveRef(document, schema.$ref), value, path, errors, depth + 1);
    return;
  }
  if (value === null && schema.nullable === true) return;
  if (value === undefined) {
    errors.push(`${path}: value is undefined`);
    return;
  }
  if (schema.type !== undefined && !matchesType(schema.type, value)) {
    errors.push(`${path}: expected ${schema.type}${schema.nullable ? ' or null' : ''}, got ${typeOf(value)} ${show(value)}`);
    return;
  }
  if (schema.type === undefined && value === null && !schema.allOf && !schema.enum) {
    errors.push(`${path}: null is not allowed (schema is not nullable)`);
    return;
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    errors.push(`${path}: ${show(value)} is not one of ${show(schema.enum)}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${path}: ${show(value)} does not match /${schema.pattern}/`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      value.forEach((item, i) => check(document, schema.items, item, `${path}[${i}]`, errors, depth + 1));
    }
  }
  if (typeOf(value) === 'object') {
    const properties = schema.properties || {};
    for (const name of schema.required || []) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) errors.push(`${path}: missing required property "${name}"`);
    }
    for (const [name, item] of Object.entries(value)) {
      const at = `${path}.${name}`;
      if (Object.prototype.hasOwnProperty.call(properties, name)) {
        check(document, properties[name], item, at, errors, depth + 1);
      } else if (schema.additionalProperties === false) {
        errors.push(`${at}: property not allowed by the schema (additionalProperties: false)`);
      } else if (typeof schema.additionalProperties === 'object') {
        check(document, schema.additionalProperties, item, at, errors, depth + 1);
      }
    }
  }
  for (const part of schema.allOf || []) check(document, part, value, path, errors, depth + 1);
}

//! Every error as "$.path.to[3].value: what is wrong"; [] when `value` is valid.
export function validate(document, schema, value, root = '$') {
  const errors = [];
  check(document, schema, value, root, errors, 0);
  return errors;
}

export class SchemaError extends Error {
  constructor(label, errors, value) {
    const shown = errors.slice(0, 20).join('\n  ');
    const more = errors.length > 20 ? `\n  … and ${errors.length - 20} more` : '';
    super(`${label}: ${errors.length} schema error(s)\n  ${shown}${more}`);
    this.name = 'SchemaError';
    this.errors = errors;
    this.value = value;
  }
}

export function assertValid(document, schema, value, label = 'value') {
  const errors = validate(document, schema, value);
  if (errors.length > 0) throw new SchemaError(label, errors, value);
}
