// The OpenAPI document (src/web/api/openapi.json) against real responses of a running server
// on a copy of the reference data: every documented operation and status is exercised, and
// each body is validated against the schema documented for its status and content type.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { makeApi } from './openapi/harness.mjs';
import { resolveRef, validate } from './support/schema.mjs';
import { startServerWithPublishedSheet } from './support/published_sheet.mjs';
import { repoRoot } from './support/server.mjs';

const documentPath = join(repoRoot, 'src/web/api/openapi.json');
const doc = JSON.parse(readFileSync(documentPath, 'utf8'));
const schemaRef = (name) => ({ $ref: `#/components/schemas/${name}` });

// Each area's authenticated and write operations live in a part (openapi/*.part.mjs, see
// openapi/harness.mjs); this file runs them all, so that the coverage check sees every one.
const api = makeApi(doc);
const { call } = api;
let setup;  // one published case sheet, for the projetothèque's paths
const partsDir = join(repoRoot, 'tests/e2e/openapi');
const parts = [];
for (const file of readdirSync(partsDir).filter((f) => f.endsWith('.part.mjs')).sort()) {
  parts.push({ file, module: await import(pathToFileURL(join(partsDir, file)).href) });
}

before(async () => {
  setup = await startServerWithPublishedSheet();
  api.server = setup.server;
  api.db = setup.db;
});
after(async () => {
  await setup?.stop();
});
const deref = api.deref;

// The operations of the server's API outside the parts ("METHOD /path").
const coreOperations = [
  'GET /api/v1/offers', 'GET /api/v1/offers/search', 'GET /api/v1/offers/search.csv', 'GET /api/v1/offers/search.xlsx',
  'GET /api/v1/offers/{slug}', 'GET /api/v1/offers/{slug}/eligibility', 'GET /api/v1/programmes', 'GET /api/v1/programmes/types',
  'GET /api/v1/programmes/{programme}', 'GET /api/v1/projects/search', 'GET /api/v1/projects/{project}',
  'GET /api/v1/requests/workflows', 'GET /api/v1/territories', 'GET /api/v1/territories/{code}',
  'GET /api/v1/territories/{code}/portrait', 'GET /healthz', 'GET /readyz',
];

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.0.3, titled "API Boussole", described in French', () => {
    assert.equal(doc.openapi, '3.0.3');
    assert.equal(doc.info.title, 'API Boussole');
    assert.match(doc.info.description, /territoires/);
    assert.match(doc.info.description, /\b(les|des|du)\b/);
    assert.ok(doc.info.version);
  });

  test('documents exactly the API routes of the server, each with its security', () => {
    const expected = [...coreOperations, ...parts.flatMap((p) => p.module.operations || [])].sort();
    const documented = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        documented.push(`${method.toUpperCase()} ${path}`);
        for (const match of path.matchAll(/\{([^}]+)\}/g)) {
          assert.ok((operation.parameters || []).some((p) => p.in === 'path' && p.name === match[1] && p.required),
            `${method} ${path}: path parameter ${match[1]} is declared and required`);
        }
        // Writes need a token (cookies never authorise them); so do reads that say so.
        const secured = (operation.security || doc.security || []).some((r) => 'jeton' in r);
        if (method !== 'get') assert.ok(secured, `${method} ${path}: writes declare the bearer token`);
        if (secured) assert.ok(operation.responses['401'], `${method} ${path}: a secured operation documents 401`);
      }
    }
    assert.deepEqual(documented.sort(), expected);
    assert.deepEqual(doc.components.securitySchemes.jeton, { type: 'http', scheme: 'bearer', description: doc.components.securitySchemes.jeton.description });
  });

  test('has the component schemas, all closed, and every $ref resolves', () => {
    for (const name of ['TerritorySummary', 'Territory', 'TerritoryList', 'Offer', 'OfferList', 'Problem']) {
      const schema = doc.components.schemas[name];
      assert.ok(schema, `components.schemas.${name}`);
      assert.equal(schema.type, 'object', `${name}.type`);
      assert.equal(schema.additionalProperties, false, `${name}.additionalProperties`);
      assert.ok(Array.isArray(schema.required) && schema.required.length > 0, `${name}.required`);
      for (const field of schema.required) assert.ok(schema.properties[field], `${name}.${field} is described`);
    }
    const walk = (node, at) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}[${i}]`));
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') assert.doesNotThrow(() => resolveRef(doc, node.$ref), `${at}.$ref`);
        if (node.type === 'object' && node.properties) {
          assert.equal(node.additionalProperties, false, `${at}: object schemas are closed`);
        }
        for (const [key, value] of Object.entries(node)) walk(value, `${at}.${key}`);
      }
    };
    walk(doc, '$');
    for (const status of ['400', '404']) {
      const problem = deref(doc.paths['/api/v1/territories/{code}'].get.responses[status]);
      assert.deepEqual(problem.content['application/problem+json'].schema, schemaRef('Problem'));
    }
  });

  test('offer vocabularies are enums', () => {
    const offer = doc.components.schemas.Offer.properties;
    for (const field of ['audiences', 'types', 'mobilization_steps', 'destinations', 'themes']) {
      assert.ok(offer[field].items.enum.length > 1, `Offer.${field}.items.enum`);
    }
    assert.ok(offer.recurrence.enum.includes('oneoff') && offer.recurrence.nullable, 'Offer.recurrence');
  });

  test('is what the server publishes at /api/openapi.json', async () => {
    const response = await fetch(new URL('/api/openapi.json', api.server.baseUrl));
    assert.equal(response.status, 200);
    assert.equal((response.headers.get('content-type') || '').split(';')[0], 'application/json');
    assert.deepEqual(await response.json(), doc);
  });
});

describe('the validator', () => {
  const summary = {
    id: 'commune:42218', kind: 'commune', kind_label: 'Commune', code: '42218', name: 'Saint-Étienne',
    population: 171924, population_text: '171 924', nature: null, nature_label: null,
    url: '/territoires/commune:42218',
  };
  const errorsFor = (name, value) => validate(doc, schemaRef(name), value);

  test('accepts a correct value', () => {
    assert.deepEqual(errorsFor('TerritorySummary', summary), []);
    assert.deepEqual(errorsFor('TerritoryList', { query: 'x', items: [summary, { ...summary, population: null }] }), []);
  });

  test('rejects wrong values with the path of the offending value', () => {
    const cases = [
      [{ ...summary, population: '171924' }, '$.population: expected integer'],
      [{ ...summary, population: 1.5 }, '$.population: expected integer'],
      [{ ...summary, population: -1 }, '$.population: -1 < minimum 0'],
      [{ ...summary, name: null }, '$.name: expected string'],
      [{ ...summary, kind: 'ville' }, '$.kind: "ville" is not one of'],
      [{ ...summary, surplus: 1 }, '$.surplus: property not allowed'],
      [(({ url, ...rest }) => rest)(summary), '$: missing required property "url"'],
    ];
    for (const [value, expected] of cases) {
      const errors = errorsFor('TerritorySummary', value);
      assert.ok(errors.some((e) => e.startsWith(expected)), `expected "${expected}…", got ${JSON.stringify(errors)}`);
    }
    const nested = errorsFor('TerritoryList', { query: 'x', items: [summary, { ...summary, code: 42218 }] });
    assert.deepEqual(nested, ['$.items[1].code: expected string, got number 42218']);
    const problem = errorsFor('Problem', { type: 'about:blank', title: 'x', status: '400' });
    assert.deepEqual(problem, ['$.status: expected integer, got string "400"']);
  });

  test('fails loudly on schema keywords it does not implement', () => {
    assert.throws(() => validate(doc, { type: 'object', oneOf: [] }, {}), /not supported/);
  });
});

describe('GET /healthz', () => {
  test('200', async () => {
    assert.deepEqual(await call('/healthz', 200), { status: 'ok' });
  });
});

describe('GET /readyz', () => {
  test('200', async () => {
    const ready = await call('/readyz', 200);
    assert.equal(ready.status, 'ready');
    assert.equal(ready.checks.database.backend, 'sqlite');
  });
});

describe('GET /api/v1/territories', () => {
  test('200: search by name, accents and case folded', async () => {
    const result = await call('/api/v1/territories?q=saint%20etienne', 200);
    assert.equal(result.query, 'saint etienne');
    assert.equal(result.items[0].code, '42218');
    assert.equal(result.items[0].name, 'Saint-Étienne');
    assert.equal(result.items[0].id, 'commune:42218');
    assert.equal((await call('/api/v1/territories?q=SAINT-%C3%89TIENNE', 200)).items[0].code, '42218');
  });

  test('200: postal code, INSEE code, SIREN, limits and empty results', async () => {
    assert.equal((await call('/api/v1/territories?q=73000', 200)).items[0].name, 'Chambéry');
    assert.equal((await call('/api/v1/territories?q=42218', 200)).items[0].name, 'Saint-Étienne');
    const paris = await call('/api/v1/territories?q=paris&limit=5', 200);
    assert.ok(paris.items.length > 0 && paris.items.length <= 5);
    const kinds = new Set((await call('/api/v1/territories?q=saint&limit=100', 200)).items.map((t) => t.kind));
    assert.ok(kinds.has('commune'));
    await call('/api/v1/territories?q=m%C3%A9tropole&limit=100', 200);
    await call('/api/v1/territories?q=communaut%C3%A9%20de%20communes&limit=100', 200);
    await call('/api/v1/territories?q=chamb&limit=8', 200);
    await call('/api/v1/territories?q=%20lyon%20&limit=1', 200);
    assert.deepEqual((await call('/api/v1/territories?q=zzqqxxw', 200)).items, []);
  });

  test('400: missing, empty or too long q; limit out of 1–100 or not a number', async () => {
    for (const target of [
      '/api/v1/territories', '/api/v1/territories?q=', '/api/v1/territories?q=%20%20',
      `/api/v1/territories?q=${'a'.repeat(101)}`, '/api/v1/territories?q=paris&limit=0',
      '/api/v1/territories?q=paris&limit=101', '/api/v1/territories?q=paris&limit=abc',
      '/api/v1/territories?q=paris&limit=-3',
    ]) {
      await call(target, 400);
    }
  });
});

describe('GET /api/v1/territories/{code}', () => {
  test('200: typed ids and bare codes of every kind', async () => {
    const paris = await call('/api/v1/territories/75056', 200);
    assert.equal(paris.id, 'commune:75056');
    assert.equal(paris.epci.code, '200054781');
    assert.equal(paris.region.code, '11');
    // A commune lies in one département, even when its intercommunality straddles several
    // (the Métropole du Grand Paris covers 75, 91, 92, 93, 94 and 95).
    assert.equal(paris.departement?.code, '75', `commune:75056 "departement" is Paris (75), got ${paris.departement?.id}`);
    assert.equal(paris.ept, null);
    assert.equal(paris.children_counts.arrondissement, 20);
    const typed = await call('/api/v1/territories/commune:75056', 200);
    assert.deepEqual(typed, paris);
    const saintEtienne = await call('/api/v1/territories/commune:42218', 200);
    assert.equal(saintEtienne.name, 'Saint-Étienne');
    assert.equal(saintEtienne.departement.id, 'departement:42');
    assert.equal(saintEtienne.region.id, 'region:84');
    // Aire-sur-l'Adour (Landes, Nouvelle-Aquitaine) belongs to an EPCI that straddles the Gers.
    const aire = await call('/api/v1/territories/commune:40001', 200);
    assert.deepEqual([aire.departement?.id, aire.region?.id], ['departement:40', 'region:75'],
      'commune:40001 lies in the Landes (40), Nouvelle-Aquitaine (75)');
    const saintDenis = await call('/api/v1/territories/93066', 200);
    assert.deepEqual([saintDenis.ept?.id, saintDenis.epci?.id, saintDenis.departement?.id],
      ['ept:200057867', 'epci:200054781', 'departement:93']);
    const straddling = await call('/api/v1/territories/epci:200030435', 200);
    assert.equal(straddling.departement, null, 'an EPCI over two départements has no single one');
    assert.deepEqual(straddling.parents.map((p) => p.id), ['departement:32', 'departement:40']);
    assert.ok(saintEtienne.postal_codes.length > 0);
    for (const [target, kind] of [
      ['75101', 'arrondissement'], ['departement:2A', 'departement'], ['2b', 'departement'],
      ['region:84', 'region'], ['epci:200054781', 'epci'], ['200057867', 'ept'],
      ['200030435', 'epci'], ['commune:73065', 'commune'], ['departement:973', 'departement'],
    ]) {
      assert.equal((await call(`/api/v1/territories/${target}`, 200)).kind, kind, target);
    }
  });

  test("200: a commune's ancestors are its own département and région, not those of a straddling EPCI", async () => {
    // "ancestors" feeds the "Appartenance" list of the territory page and the offer filter
    // (catalogue::PerimetersCovering): a commune must not inherit the départements and
    // régions of the other members of its intercommunality.
    const cases = [
      ['commune:75056', ['departement:75', 'region:11']],          // Métropole du Grand Paris: 75, 91–95
      ['arrondissement:75101', ['departement:75', 'region:11']],
      ['commune:40001', ['departement:40', 'region:75']],          // CC d'Aire-sur-l'Adour: Landes and Gers
      ['commune:42218', ['departement:42', 'region:84']],
    ];
    const wrong = [];
    for (const [id, expected] of cases) {
      const territory = await call(`/api/v1/territories/${id}`, 200);
      const actual = territory.ancestors.map((a) => a.id).filter((a) => /^(departement|region):/.test(a));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(`${id}: ancestors ${actual.join(', ')} (expected ${expected.join(', ')})`);
    }
    assert.deepEqual(wrong, [], 'communes inherit the départements/régions of their EPCI');
  });

  test('400: not a territory code', async () => {
    for (const target of ['pas-un-code', 'commune:123', 'ville:75056', 'epci:12', '1234567']) {
      await call(`/api/v1/territories/${target}`, 400);
    }
  });

  test('404: well-formed but unknown', async () => {
    const problem = await call('/api/v1/territories/99999', 404);
    assert.match(problem.detail, /99999/);
    await call('/api/v1/territories/commune:99999', 404);
    await call('/api/v1/territories/epci:999999999', 404);
  });
});

describe('GET /api/v1/offers', () => {
  test('200: every page of the catalogue', async () => {
    const first = await call('/api/v1/offers', 200);
    assert.equal(first.page, 1);
    assert.equal(first.per_page, 20);
    assert.ok(first.total >= 35, `total ${first.total}`);
    const all = await call('/api/v1/offers?per_page=100', 200);
    assert.equal(all.items.length, all.total);
    assert.equal(all.page_count, 1);
    const paged = await call('/api/v1/offers?per_page=7&page=2', 200);
    assert.equal(paged.page, 2);
    assert.equal(paged.page_count, Math.ceil(all.total / 7));
    assert.deepEqual((await call('/api/v1/offers?per_page=7&page=1000', 200)).items, []);
  });

  test('200: territory filters (typed id and bare code) and text filter', async () => {
    const national = await call('/api/v1/offers?per_page=100', 200);
    for (const territory of ['73065', 'commune:73065', 'commune:42218', 'departement:06', 'region:84',
      'epci:200054781', '75101', 'pays:FR']) {
      const result = await call(`/api/v1/offers?per_page=100&territory=${territory}`, 200);
      assert.ok(result.total > 0 && result.total <= national.total, `${territory}: ${result.total}`);
    }
    const chambery = await call('/api/v1/offers?per_page=100&territory=commune:73065', 200);
    for (const offer of chambery.items) {
      assert.ok(['pays:FR', 'region:84', 'departement:73', 'commune:73065'].includes(offer.perimeter) ||
        offer.perimeter.startsWith('epci:'), `${offer.slug}: ${offer.perimeter}`);
    }
    const text = await call('/api/v1/offers?q=atelier&per_page=100', 200);
    assert.ok(text.total > 0 && text.total < national.total);
    await call('/api/v1/offers?q=atelier&territory=commune:42218', 200);
    assert.equal((await call('/api/v1/offers?q=zzqqxxw', 200)).total, 0);
  });

  test('400: paging out of bounds, malformed territory', async () => {
    for (const target of ['per_page=0', 'per_page=101', 'page=0', 'page=-1', 'page=abc', 'per_page=1.5',
      'territory=ville:paris', 'territory=commune:1', `q=${'a'.repeat(201)}`]) {
      await call(`/api/v1/offers?${target}`, 400);
    }
  });

  test('400: unknown territory, named in the message', async () => {
    for (const code of ['99999', 'commune:99999']) {
      const problem = await call(`/api/v1/offers?territory=${code}`, 400);
      assert.ok(problem.detail.includes(`territoire inconnu : « ${code} »`), problem.detail);
    }
  });
});

describe('GET /api/v1/offers/search', () => {
  test('200: text, facets, territory, sorts and pages', async () => {
    const all = await call('/api/v1/offers/search?per_page=100', 200);
    assert.ok(all.total >= 35 && all.items.length === all.total, `total ${all.total}`);
    assert.equal(all.suggestion, null);
    const text = await call('/api/v1/offers/search?q=tiers%20lieux&per_page=5', 200);
    assert.ok(text.items.slice(0, 3).some((offer) => offer.slug === 'fabriques-de-territoire'));
    const misspelt = await call('/api/v1/offers/search?q=revitalisaton', 200);
    assert.equal(typeof misspelt.suggestion, 'string');
    const local = await call('/api/v1/offers/search?per_page=100&territory=region:93', 200);
    assert.ok(local.items.some((offer) => offer.local), 'an offer inside the région is marked local');
    await call('/api/v1/offers/search?territory=73065&type_group=engineering&type_group=financial&status=open' +
      '&sort=deadline&per_page=7&page=2&free=true&call_for_projects=true&deadline_before=2030-01-01' +
      '&published_after=2020-01-01', 200);
    const small = await call('/api/v1/offers/search?per_page=100&territory=52250', 200);
    assert.ok(small.items.some((offer) => offer.population_conditions.length > 0), 'population conditions in the API');
    for (const sort of ['relevance', 'deadline', 'newest', 'name', 'perimeter']) {
      assert.equal((await call(`/api/v1/offers/search?q=territoire&sort=${sort}`, 200)).query.sort, sort);
    }
    assert.deepEqual((await call('/api/v1/offers/search?page=1000', 200)).items, []);
  });

  test('400: bad parameters, named in the message', async () => {
    for (const [query, name] of [['page=-1', 'page'], ['per_page=101', 'per_page'], [`q=${'a'.repeat(201)}`, 'q'],
      ['audience=martiens', 'audience'], ['deadline_before=2026-02-30', 'deadline_before'],
      ['territory=ville:paris', 'territory'], ['sort=random', 'sort']]) {
      const problem = await call(`/api/v1/offers/search?${query}`, 400);
      assert.ok(problem.detail.includes(`« ${name} »`), `${query}: ${problem.detail}`);
    }
  });

  test('400: unknown territory, named in the message', async () => {
    const problem = await call('/api/v1/offers/search?territory=99999', 400);
    assert.ok(problem.detail.includes('« territory »') && problem.detail.includes('inconnu'), problem.detail);
  });
});

describe('GET /api/v1/offers/search.csv and .xlsx', () => {
  test('200: the whole result set as a file', async () => {
    const csv = await call('/api/v1/offers/search.csv?q=tiers%20lieux&per_page=1', 200);
    assert.ok(csv.startsWith('slug;nom;'), csv.slice(0, 80));  // text() drops the BOM (checked by export_http_test)
    assert.ok(csv.includes('/offres/fabriques-de-territoire'));
    await call('/api/v1/offers/search.xlsx?type_group=engineering', 200);
  });

  test('400: the search\'s validation', async () => {
    for (const extension of ['csv', 'xlsx']) {
      const problem = await call(`/api/v1/offers/search.${extension}?audience=martiens`, 400);
      assert.ok(problem.detail.includes('« audience »'), problem.detail);
      await call(`/api/v1/offers/search.${extension}?territory=99999`, 400);
    }
  });
});

describe('GET /api/v1/offers/{slug}', () => {
  test('200: every offer of the catalogue', async () => {
    const all = await call('/api/v1/offers?per_page=100', 200);
    for (const summary of all.items) {
      const offer = await call(`/api/v1/offers/${summary.slug}`, 200);
      assert.deepEqual(offer, summary, `${summary.slug}: detail equals list item`);
      assert.equal(offer.url, `/offres/${offer.slug}`);
      assert.ok(offer.sources.length > 0);
    }
    const atelier = await call('/api/v1/offers/atelier-des-territoires-flash', 200);
    assert.deepEqual(atelier.mobilization_steps, ['preop']);
    assert.deepEqual(atelier.destinations, ['supply']);
    assert.equal(atelier.perimeter, 'pays:FR');
  });

  test('404: unknown slug', async () => {
    const problem = await call('/api/v1/offers/n-existe-pas', 404);
    assert.match(problem.detail, /n-existe-pas/);
  });
});

describe('GET /api/v1/offers/{slug}/eligibility', () => {
  const base = '/api/v1/offers/atelier-des-territoires-local/eligibility';
  test('200: the questionnaire, then the verdict both ways and a partial answer', async () => {
    const test = await call(base, 200);
    assert.equal(test.id, 'atelier-des-territoires');
    assert.equal(test.questions.length, 6);
    assert.equal(test.result, undefined);
    const eligible = await call(`${base}?q1=oui&q2=oui&q3=oui&q4=oui&q5=oui&q6=fonctionnement`, 200);
    assert.equal(eligible.result.eligible, true);
    assert.equal(eligible.result.conclusion, test.success);
    const not = await call(`${base}?q1=oui&q2=oui&q3=non&q4=oui&q5=oui&q6=fonctionnement`, 200);
    assert.equal(not.result.eligible, false);
    assert.deepEqual(not.result.reasons, [{ question: 'q3', text: test.questions[2].if_not }]);
    const partial = await call(`${base}?q1=oui`, 200);
    assert.equal(partial.result.eligible, null);
    assert.deepEqual(partial.result.missing, ['q2', 'q3', 'q4', 'q5', 'q6']);
  });

  test('400: unknown question or answer, named in the message', async () => {
    assert.match((await call(`${base}?q1=peut-etre`, 400)).detail, /« peut-etre »/);
    assert.match((await call(`${base}?q9=oui`, 400)).detail, /« q9 »/);
  });

  test('404: unknown offer', async () => {
    assert.match((await call('/api/v1/offers/n-existe-pas/eligibility', 404)).detail, /n-existe-pas/);
  });
});

describe('GET /api/v1/projects/search', () => {
  test('200: text, theme and territory, with the facets', async () => {
    const found = await call('/api/v1/projects/search?q=commerces&theme=commerce-artisanat&territory=departement:52', 200);
    assert.equal(found.total, 1);
    assert.equal(found.items[0].id, setup.projectId);
    assert.equal(found.facets.themes['commerce-artisanat'], 1);
    assert.equal(found.query.territory, 'departement:52');
    assert.equal((await call('/api/v1/projects/search?territory=departement:06', 200)).total, 0);
  });

  test('400: unknown theme or territory, bad page, named in the message', async () => {
    assert.match((await call('/api/v1/projects/search?theme=astrologie', 400)).detail, /« astrologie »/);
    assert.match((await call('/api/v1/projects/search?page=0', 400)).detail, /« page »/);
    await call('/api/v1/projects/search?territory=99999', 400);
  });
});

describe('GET /api/v1/projects/{project}', () => {
  test('200: the sheet with the offers it obtained', async () => {
    const sheet = await call(`/api/v1/projects/${setup.projectId}`, 200);
    assert.equal(sheet.context, 'Des commerces fermés dans la grande rue.');
    assert.deepEqual(sheet.offers.map((o) => o.slug), ['atelier-des-territoires-local']);
  });

  test('404: not a published sheet', async () => {
    await call('/api/v1/projects/999999', 404);
  });
});

describe('GET /api/v1/requests/workflows', () => {
  test('200: the three workflows, each transition with its parties and required fields', async () => {
    const { workflows } = await call('/api/v1/requests/workflows', 200);
    assert.deepEqual(workflows.map((w) => w.key), ['anct', 'atelier', 'cerema']);
    const transmit = workflows[0].transitions.find((t) => t.key === 'transmettre');
    assert.deepEqual(transmit.parties, ['prefecture']);
    assert.deepEqual(transmit.required, ['justifications']);
  });
});

describe('GET /api/v1/programmes', () => {
  test('200: the history of the Fabriques prospectives with the published figures', async () => {
    const list = await call('/api/v1/programmes', 200);
    assert.equal(list.programmes.filter((p) => p.historic).length, 19);
    assert.ok(list.published_figures.some((f) => f.published === 'trois, impliquant 20 territoires'));
  });
});

describe('GET /api/v1/programmes/types', () => {
  test('200: the four types and their rules', async () => {
    const { types } = await call('/api/v1/programmes/types', 200);
    assert.deepEqual(types.map((t) => t.key), ['fabrique', 'projet_partage', 'atelier_local', 'atelier_flash']);
  });
});

describe('GET /api/v1/programmes/{programme}', () => {
  test('200: a historic Fabrique with its territories', async () => {
    const { programmes } = await call('/api/v1/programmes', 200);
    const nature = programmes.find((p) => p.title.startsWith('La nature comme atout'));
    const detail = await call(`/api/v1/programmes/${nature.id}`, 200);
    assert.equal(detail.territory_count, 4);
    assert.ok(detail.sources.length >= 3);
  });

  test('404: no such programme', async () => {
    await call('/api/v1/programmes/999999', 404);
  });
});

describe('GET /api/v1/territories/{code}/portrait', () => {
  test('200: the portrait of a commune, with its ranks and its offers by type', async () => {
    const portrait = await call('/api/v1/territories/commune:52250/portrait', 200);
    assert.equal(portrait.territory.id, 'commune:52250');
    assert.ok(portrait.ranks.length > 0);
    assert.equal(portrait.memberships.text, 'non disponible');
  });

  test('400 for what is not a code, 404 for a code no territory bears', async () => {
    await call('/api/v1/territories/pas-un-code/portrait', 400);
    await call('/api/v1/territories/commune:99999/portrait', 404);
  });
});

for (const { module } of parts) module.default(api);

describe('coverage', () => {
  test('every documented path answers 200 with its example values', async () => {
    for (const [template, item] of Object.entries(doc.paths)) {
      if (!item.get || (item.get.security || []).length) continue;  // the parts exercise secured reads
      let target = template;
      const query = new URLSearchParams();
      for (const parameter of item.get.parameters || []) {
        if (!parameter.required) continue;
        const example = parameter.example ?? parameter.schema?.example;
        assert.ok(example !== undefined, `${template}: required parameter ${parameter.name} has an example`);
        if (parameter.in === 'path') target = target.replace(`{${parameter.name}}`, encodeURIComponent(example));
        else query.set(parameter.name, example);
      }
      const search = query.toString();
      await call(search ? `${target}?${search}` : target, 200);
    }
  });

  test('every documented operation and status was exercised', () => {
    const documented = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses)) documented.push(`${method.toUpperCase()} ${template} ${status}`);
      }
    }
    const missing = documented.filter((entry) => !api.exercised.has(entry));
    assert.deepEqual(missing, [], 'documented responses never seen in a real answer');
  });
});
