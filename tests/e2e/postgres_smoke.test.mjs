// One journey on PostgreSQL (the other browser tests run on SQLite): the real binary imports
// the reference data into a fresh database of the throwaway cluster that
// scripts/run-tests.sh starts, and Chromium walks from the home page to an offer.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { audit, HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;
let launched;

before(async () => {
  const admin = process.env.BOUSSOLE_E2E_POSTGRES_URL;
  assert.ok(admin, 'BOUSSOLE_E2E_POSTGRES_URL is not set: scripts/run-tests.sh starts the cluster');
  execFileSync('psql', ['-q', admin, '-c', 'DROP DATABASE IF EXISTS e2e_smoke', '-c', 'CREATE DATABASE e2e_smoke']);
  const url = admin.replace(/\/[^/]*$/, '/e2e_smoke');
  for (const what of ['territories', 'offers']) {
    execFileSync(process.env.BOUSSOLE_BINARY, ['--database', url, 'import', what], { stdio: 'ignore' });
  }
  server = await startServer({ databaseUrl: url });
  launched = await launchBrowser('boussole-e2e-pg-');
  browser = launched.browser;
});

after(async () => {
  try {
    await launched?.close();
  } finally {
    await server?.stop();
  }
});

test('on PostgreSQL: home → "saint etienne" → Saint-Étienne → its offers → an offer, accessible', async () => {
  const page = await browser.newPage({ baseURL: server.baseUrl, locale: 'fr-FR' });
  page.setDefaultTimeout(HANG_GUARD_MS);
  await page.goto('/');
  await page.locator('form[action="/territoires"] input[name="q"]').fill('saint etienne');
  await page.locator('form[action="/territoires"] button[type="submit"]').click();
  await page.waitForURL(/\/territoires\?q=/);
  const first = page.locator('.boussole-results li a').first();
  assert.match(await first.getAttribute('href'), /commune:42218$/);
  await first.click();
  assert.equal((await page.locator('h1').textContent()).trim(), 'Saint-Étienne');
  await page.getByRole('link', { name: 'Voir les offres' }).click();
  await page.waitForURL(/\/offres\?territoire=commune:42218/);
  await page.locator('.fr-card__title a').first().click();
  await page.waitForURL(/\/offres\/[a-z0-9-]+$/);
  assert.ok(await page.getByRole('heading', { name: "Critères d'éligibilité", exact: true }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Sources', exact: true }).isVisible());

  const blocking = (await audit(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  assert.deepEqual(blocking, [], `axe violations on ${page.url()}`);
  await page.close();
});
