// The search page (GET /offres/recherche) in a real Chromium: a small commune's project
// search, a facet that narrows the results, and an axe-core audit (WCAG 2.1 A/AA) of the
// results page. The form is a plain GET form: the tests submit it as a browser would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { audit, HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;
let launched;
let context;

before(async () => {
  server = await startServer();
  launched = await launchBrowser('boussole-e2e-search-');
  browser = launched.browser;
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(HANG_GUARD_MS);
});

after(async () => {
  try {
    await context?.close();
    await launched?.close();
  } finally {
    await server?.stop();
  }
});


async function resultLinks(page) {
  return page.locator('#resultats .fr-card__title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

async function total(page) {
  const text = await page.getByRole('status').filter({ hasText: 'offre' }).first().textContent();
  return Number(text.match(/(\d+)\s+offre/)[1]);
}

// Fills the form as a town hall would and submits it; resolves on the results page.
async function searchFor(page, text, territory) {
  await page.goto('/offres/recherche');
  await page.locator('#recherche-q').fill(text);
  await page.locator('#recherche-territoire').fill(territory);
  await Promise.all([page.waitForURL(/\/offres\/recherche\?/), page.getByRole('button', { name: 'Rechercher', exact: true }).click()]);
}

describe('search page', () => {
  test('a commune of fewer than 20 000 inhabitants finds Petites Villes de demain in the top 3', async () => {
    const page = await context.newPage();
    try {
      await searchFor(page, 'revitalisation centre-ville', '52250');
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), 'revitalisation centre-ville');
      assert.equal(url.searchParams.get('territory'), '52250');
      const links = await resultLinks(page);
      assert.ok(links.slice(0, 3).includes('/offres/petites-villes-de-demain'), `top 3: ${links.slice(0, 3).join(', ')}`);
      assert.match(await page.locator('#recherche-territoire-aide').textContent(), /Joinville/);
    } finally {
      await page.close();
    }
  });

  test('ticking a facet checkbox and submitting narrows the results', async () => {
    const page = await context.newPage();
    try {
      await searchFor(page, 'territoire', '');
      const before = await total(page);
      const group = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Nature de l\'offre' }) });
      const box = group.locator('input[type="checkbox"]').first();
      const label = await group.locator('label').first().textContent();
      const expected = Number(label.match(/\((\d+)\)/)[1]);
      await group.locator('label').first().click();  // the DSFR draws the box on the label
      assert.ok(await box.isChecked());
      await Promise.all([page.waitForURL(/type_group=/), page.getByRole('button', { name: 'Appliquer les filtres' }).click()]);
      const after = await total(page);
      assert.equal(after, expected, `the facet announced ${expected}`);
      assert.ok(after < before, `${after} < ${before}`);
      assert.ok(await group.locator('input[type="checkbox"]').first().isChecked());
      assert.equal(new URL(page.url()).searchParams.get('q'), 'territoire');
    } finally {
      await page.close();
    }
  });

  test('a commune of more than 20 000 inhabitants does not get Petites Villes de demain', async () => {
    const page = await context.newPage();
    try {
      await searchFor(page, 'revitalisation centre-ville', '52121');  // Chaumont, 20 827 inhabitants
      assert.match(await page.locator('#recherche-territoire-aide').textContent(), /Chaumont/);
      const links = await resultLinks(page);
      assert.ok(links.length > 0);
      assert.ok(!links.includes('/offres/petites-villes-de-demain'), links.join(', '));
    } finally {
      await page.close();
    }
  });

  test('the page and the API give the same results, in the same order', async () => {
    const page = await context.newPage();
    try {
      for (const query of ['q=revitalisation+centre-ville&territory=52250', 'q=territoire&type_group=engineering&sort=deadline',
        'territory=region:93&sort=perimeter&per_page=50', 'q=ingenierie&free=true&territory=52250', 'stage=preop&theme=numerique',
        'q=tiers+lieux&sort=newest&published_after=2020-01-01', 'q=amenag&page=2&per_page=5']) {
        await page.goto(`/offres/recherche?${query}`);
        const response = await fetch(`${server.baseUrl}/api/v1/offers/search?${query}`);
        assert.equal(response.status, 200, query);
        const api = await response.json();
        assert.deepEqual(await resultLinks(page), api.items.map((offer) => offer.url), query);
        assert.equal(await total(page), api.total, query);
      }
    } finally {
      await page.close();
    }
  });

  test('choosing a programme in its select and submitting filters on it', async () => {
    const page = await context.newPage();
    try {
      await page.goto('/offres/recherche');
      const select = page.getByLabel('Programme', { exact: true });
      const option = select.locator('option').nth(1);
      const value = await option.getAttribute('value');
      const expected = Number((await option.textContent()).match(/\((\d+)\)/)[1]);
      await select.selectOption(value);
      await Promise.all([page.waitForURL(/programme=/), page.getByRole('button', { name: 'Appliquer les filtres' }).click()]);
      assert.equal(new URL(page.url()).searchParams.get('programme'), value);
      assert.equal(await total(page), expected);
      assert.equal(await page.getByLabel('Programme', { exact: true }).inputValue(), value);
    } finally {
      await page.close();
    }
  });

  test('the results page passes axe-core (no serious or critical violation)', async () => {
    const page = await context.newPage();
    try {
      await page.goto('/offres/recherche?q=revitalisation+centre-ville&territory=52250&type_group=engineering&per_page=5');
      const result = await audit(page);
      const blocking = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(blocking, [], JSON.stringify(blocking, null, 2));
    } finally {
      await page.close();
    }
  });
});
