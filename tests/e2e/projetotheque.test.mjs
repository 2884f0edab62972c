// The projetothèque in a real Chromium without JavaScript (issue 5, item 5): a visitor,
// signed out, searches it by text, theme and territory and opens the published sheet; both
// pages pass axe-core (audited in a second context that has JavaScript, which axe needs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServerWithPublishedSheet } from './support/published_sheet.mjs';

let setup;
let launched;
let context;
let auditing;

before(async () => {
  setup = await startServerWithPublishedSheet();
  launched = await launchBrowser('boussole-e2e-projetotheque-');
  context = await launched.browser.newContext({ baseURL: setup.server.baseUrl, locale: 'fr-FR', javaScriptEnabled: false });
  context.setDefaultTimeout(HANG_GUARD_MS);
  auditing = await launched.browser.newContext({ baseURL: setup.server.baseUrl, locale: 'fr-FR' });
});

after(async () => {
  try {
    await context?.close();
    await auditing?.close();
    await launched?.close();
  } finally {
    await setup?.stop();
  }
});

async function auditAt(path, name) {
  const page = await auditing.newPage();
  try {
    await page.goto(path);
    await assertAccessible(page, name);
  } finally {
    await page.close();
  }
}

describe('projetothèque', () => {
  test('a visitor finds the published sheet by text, theme and territory, then reads it', async () => {
    const page = await context.newPage();
    await page.goto('/');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Projetothèque' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/projetotheque');
    await page.getByLabel('Mots-clés').fill('commerce');
    await page.getByLabel(/^Territoire/).fill('departement:52');
    // The DSFR draws the box on the label, which takes the click.
    await page.locator('label[for="projetotheque-theme-commerce-artisanat"]').click();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Rechercher' }).click()]);
    const result = page.getByRole('link', { name: 'Revitalisation du centre-bourg' });
    assert.equal(await result.count(), 1);
    assert.match(await page.locator('body').innerText(), /Commerce \/ artisanat \(1\)/);

    await page.getByLabel(/^Territoire/).fill('departement:06');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Rechercher' }).click()]);
    assert.equal(await page.getByRole('link', { name: 'Revitalisation du centre-bourg' }).count(), 0);

    await page.goto('/projetotheque?q=commerce');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Revitalisation du centre-bourg' }).click()]);
    assert.equal(new URL(page.url()).pathname, `/projetotheque/${setup.projectId}`);
    const text = await page.locator('main').innerText();
    for (const expected of ['Des commerces fermés dans la grande rue.', 'Quatre boutiques rouvertes.', 'Banque des Territoires']) {
      assert.ok(text.includes(expected), expected);
    }
    assert.equal(await page.locator('a[href="/offres/atelier-des-territoires-local"]').count(), 1);
    await page.close();
  });

  test('the list and the sheet pass axe-core', async () => {
    await auditAt('/projetotheque?q=commerce&theme=commerce-artisanat', 'projetothèque');
    await auditAt(`/projetotheque/${setup.projectId}`, 'fiche de la projetothèque');
  });
});
