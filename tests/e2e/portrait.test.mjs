// Territory portraits and maps in a real Chromium without JavaScript (issue 8): the
// portraits of a commune, of its EPCI and of its département show the figures of the
// portrait API (checked against direct counts by tests/integration/portrait_http_test.cpp);
// a map area leads to its département's search; axe-core audits every page in a context
// with JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openSession } from './support/session.mjs';

let session;
let server;
let context;

before(async () => {
  session = await openSession('boussole-e2e-portrait-');
  ({ server, context } = session);
});

after(() => session?.close());

const audited = (path, name) => session.auditAt(path, name);

async function portraitOf(id) {
  const response = await fetch(`${server.baseUrl}/api/v1/territories/${id}/portrait`);
  assert.equal(response.status, 200);
  return response.json();
}

// The comparison table's row of a territory: [population, offers, sheets] as shown.
async function comparisonRow(page, name) {
  const row = page.locator('#comparaison tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return row.locator('td').allTextContents();
}

describe('territory portraits', () => {
  for (const [id, name] of [
    ['commune:52250', 'Joinville'],
    ['epci:200044253', 'CC du Bassin de Joinville en Champagne'],
    ['departement:52', 'Haute-Marne'],
  ]) {
    test(`the portrait of ${name}`, async () => {
      const expected = await portraitOf(id);
      const page = await context.newPage();
      try {
        await page.goto(`/territoires/${id}`);
        assert.equal((await page.locator('h1').textContent()).trim(), name);
        const main = await page.locator('main').textContent();
        for (const rank of expected.ranks) {
          assert.ok(main.includes(`${rank.rank}e sur ${rank.of} ${rank.peers_label}`), `rank in ${rank.scope.name}`);
        }
        const [, offers, sheets] = await comparisonRow(page, name);
        assert.equal(Number(offers), expected.offers.total);
        assert.equal(Number(sheets), expected.projetotheque.total);
        assert.match(main, /Appartenance aux programmes .* : non disponible/);
        // The offers by type lead to the search filtered by that type, at this territory.
        const first = expected.offers.by_type[0];
        await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: first.label, exact: true }).first().click()]);
        const url = new URL(page.url());
        assert.equal(url.pathname, '/offres/recherche');
        assert.equal(url.searchParams.get('territory'), id);
        assert.equal(url.searchParams.get('type'), first.value);
      } finally {
        await page.close();
      }
      await audited(`/territoires/${id}`, `portrait of ${name}`);
    });
  }
});

describe('maps', () => {
  test('each area links to its département; the table carries the same figures', async () => {
    const page = await context.newPage();
    try {
      await page.goto('/cartes');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Offres ouvertes par territoire' }).click()]);
      const haute_marne = (await portraitOf('departement:52')).offers.total;
      const area = page.locator('svg.boussole-map a[data-code="52"]');
      assert.equal(await area.getAttribute('aria-label'), `Haute-Marne : ${haute_marne} offres`);
      const cells = await page.locator('#donnees tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Haute-Marne' }) }).locator('td').allTextContents();
      assert.deepEqual(cells, ['52', String(haute_marne)]);
      await Promise.all([page.waitForNavigation(), area.click()]);
      const url = new URL(page.url());
      assert.equal(url.pathname, '/offres/recherche');
      assert.equal(url.searchParams.get('territory'), 'departement:52');
    } finally {
      await page.close();
    }
    await audited('/cartes/offres', 'map of offers by département');
    await audited('/cartes/projetotheque?echelle=regions', 'map of the projetothèque by région');
    await audited('/donnees', 'open data');
    await audited('/chiffres', 'figures with charts');
  });
});
