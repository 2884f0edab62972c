// What the OpenAPI coverage test (../openapi.test.mjs) and its parts share: a server on a
// copy of the reference data, a call that checks each real answer against the document, and
// people with API tokens written straight into the copy.
//
// A part (tests/e2e/openapi/<area>.part.mjs) documents its area's operations and exercises
// every documented status of them:
//
//   export const operations = ['POST /api/v1/things', 'GET /api/v1/things/{thing}'];
//   export default function register(api) {
//     describe('POST /api/v1/things', () => {
//       test('201', async () => {
//         const { token } = api.person({ email: 'agent@example.fr', organisations: [...] });
//         const thing = await api.request('POST', '/api/v1/things', 201, { token, body: { title: 'x' } });
//       });
//     });
//   }
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';

import { resolveRef, SchemaError, validate } from '../support/schema.mjs';

export function makeApi(doc) {
  const api = { exercised: new Set(), server: null, db: null };  // server, db: set by the test's before()

  // The path template of the document that `pathname` falls under (literal paths first).
  const templateFor = (pathname) => {
    if (doc.paths[pathname]) return pathname;
    for (const template of Object.keys(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
      if (pattern.test(pathname)) return template;
    }
    return null;
  };
  const deref = (node) => (node && node.$ref ? deref(resolveRef(doc, node.$ref)) : node);
  api.deref = deref;

  // Sends `method target` (a JSON `body`, or `raw` bytes with `contentType`; `token` as a
  // bearer token), checks the status, validates a JSON request body against the operation's
  // requestBody when the call is expected to succeed, and the response body against the schema
  // the document gives for this operation, status and media type. Returns the parsed body (the
  // text for exports, null when there is none).
  api.request = async (method, target, expectedStatus, { token, body, raw, contentType, headers = {} } = {}) => {
    const url = new URL(target, api.server.baseUrl);
    const template = templateFor(url.pathname);
    assert.ok(template, `${url.pathname} is not a path of the OpenAPI document`);
    const operation = doc.paths[template][method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is not documented`);

    const sent = { ...headers };
    let payload;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      sent['content-type'] = 'application/json';
      if (expectedStatus < 300) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        assert.ok(schema, `${method} ${template}: the JSON request body is not documented`);
        const errors = validate(doc, schema, body);
        if (errors.length) throw new SchemaError(`${method} ${template} request body`, errors, body);
      }
    } else if (raw !== undefined) {
      payload = raw;
      if (contentType) sent['content-type'] = contentType;
    }
    if (token) sent.authorization = `Bearer ${token}`;

    const response = await fetch(url, { method, headers: sent, body: payload, redirect: 'manual' });
    const text = await response.text();
    assert.equal(response.status, expectedStatus, `${method} ${target} answered ${response.status}: ${text.slice(0, 300)}`);

    const documented = deref(operation.responses[String(response.status)]);
    assert.ok(documented, `${method} ${template}: status ${response.status} (for ${target}) is not documented`);
    const key = `${method.toUpperCase()} ${template} ${response.status}`;
    if (!documented.content) {
      assert.equal(text, '', `${key}: documented without a body`);
      api.exercised.add(key);
      return null;
    }
    const mediaType = (response.headers.get('content-type') || '').split(';')[0].trim();
    const content = documented.content[mediaType];
    assert.ok(content, `${key}: content type "${mediaType}" is not documented ` +
      `(documented: ${Object.keys(documented.content).join(', ')})`);
    if (response.status >= 400) assert.equal(mediaType, 'application/problem+json', `${target}: errors are problem details`);
    if (!/[/+]json$/.test(mediaType)) {  // exports (CSV, XLSX), files: only the status and the content type
      api.exercised.add(key);
      return text;
    }
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      assert.fail(`${method} ${target}: body is not JSON (${error.message}): ${text.slice(0, 200)}`);
    }
    const errors = validate(doc, content.schema, parsed);
    if (errors.length) throw new SchemaError(`${method} ${target} → ${response.status} ${mediaType}`, errors, parsed);
    if (response.status >= 400) {
      assert.equal(parsed.status, response.status, `${target}: problem.status equals the HTTP status`);
      assert.equal(parsed.instance, url.pathname, `${target}: problem.instance is the request path`);
      assert.ok(parsed.detail && parsed.detail.length > 0, `${target}: problem.detail explains the error`);
    }
    api.exercised.add(key);
    return parsed;
  };

  // An anonymous GET (the public API).
  api.call = (target, expectedStatus) => api.request('GET', target, expectedStatus);

  // SQL on the server's database copy; the output of the last statement, one row per line.
  api.sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', api.db, text], { encoding: 'utf8' }).trim();
  const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
  api.quote = quote;

  // A confirmed person with an API token, member of the organisations given (created when
  // `kind` is given: { kind, name, territory, role }; joined when `id` is: { id, role }).
  // Returns { userId, token, organisations: [ids] }. The token flow itself (created on
  // « Jetons d'API », shown once) is tested by api_token_http_test.cpp.
  api.person = ({ email, platformAdmin = false, organisations = [] }) => {
    const now = '2026-12-01T09:00:00Z';
    const userId = Number(api.sql(`INSERT INTO users (email, display_name, password_hash, confirmed_at, platform_admin, created_at)
      VALUES (${quote(email)}, ${quote(email.split('@')[0])}, 'sans-mot-de-passe', ${quote(now)}, ${platformAdmin ? 1 : 0}, ${quote(now)});
      SELECT MAX(id) FROM users;`));
    const token = `bsl_${randomBytes(32).toString('base64url')}`;
    const hash = createHash('sha256').update(token).digest('hex');
    api.sql(`INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)
      VALUES (${userId}, 'Test OpenAPI', ${quote(hash)}, ${quote(now)}, '2099-01-01T00:00:00Z');`);
    const ids = organisations.map((o) => {
      const id = o.id ?? Number(api.sql(`INSERT INTO organisations (kind, name, territory_id, created_at)
        VALUES (${quote(o.kind)}, ${quote(o.name)}, ${o.territory ? quote(o.territory) : 'NULL'}, ${quote(now)});
        SELECT MAX(id) FROM organisations;`));
      api.sql(`INSERT INTO memberships (organisation_id, user_id, role, created_at)
        VALUES (${id}, ${userId}, ${quote(o.role || 'member')}, ${quote(now)});`);
      return id;
    });
    return { userId, token, organisations: ids };
  };

  return api;
}
