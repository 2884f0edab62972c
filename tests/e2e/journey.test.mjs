// The journey of a town hall in a real Chromium: home → territory search → territory page →
// its offers → an offer; the same search without JavaScript; the autocomplete with the
// keyboard; and an axe-core audit (WCAG 2.1 A/AA) of every kind of page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, audit, HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const SCREENSHOTS = { territory: '/tmp/e2e-territory.png', offer: '/tmp/e2e-offer.png' };

let server;
let browser;
let launched;
let context;  // JavaScript enabled
const seen = {};  // URLs reached by the journey, reused by the audit

before(async () => {
  server = await startServer();
  launched = await launchBrowser('boussole-e2e-chromium-');
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

// Fails the test on errors the page itself reports (uncaught exceptions, failed requests).
function watch(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith(server.baseUrl)) return;
    const failure = request.failure()?.errorText || '';
    if (failure.includes('ERR_ABORTED')) return;  // navigation away while loading
    problems.push(`request failed: ${request.url()} ${failure}`);
  });
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith(`${server.baseUrl}/static/`) && response.status() >= 400) {
      problems.push(`static file ${url} answered ${response.status()}`);
    }
  });
  return problems;
}

async function stylesheetLoaded(page) {
  return page.evaluate(() => [...document.styleSheets].some((sheet) => (sheet.href || '').endsWith('/static/dsfr/dsfr.min.css') &&
    (() => { try { return sheet.cssRules.length > 100; } catch { return false; } })()));
}


const territoryField = (page) => page.locator('form[action="/territoires"] input[name="q"]');

describe('journey', () => {
  test('home → "saint etienne" → Saint-Étienne → its offers → an offer', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    try {
      const home = await page.goto('/');
      assert.equal(home.status(), 200);
      seen.home = page.url();
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.ok(await stylesheetLoaded(page), 'the DSFR stylesheet /static/dsfr/dsfr.min.css is applied');
      await page.getByRole('heading', { level: 2, name: /Quel est votre territoire/ }).waitFor();

      await territoryField(page).fill('saint etienne');
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/territoires' && url.searchParams.get('q') === 'saint etienne'),
        page.locator('form[action="/territoires"] button[type="submit"]').click(),
      ]);
      seen.search = page.url();
      assert.match(await page.title(), /saint etienne/);
      const first = page.locator('.boussole-results li a').first();
      assert.equal((await first.textContent()).trim(), 'Saint-Étienne');
      assert.equal(await first.getAttribute('href'), '/territoires/commune:42218');
      assert.match(await page.locator('.boussole-results li').first().innerText(), /42218/);

      await Promise.all([page.waitForURL('**/territoires/commune:42218'), first.click()]);
      seen.territory = page.url();
      assert.equal((await page.locator('h1').innerText()).trim(), 'Saint-Étienne');
      assert.ok(await stylesheetLoaded(page), 'DSFR styles on the territory page');
      await page.screenshot({ path: SCREENSHOTS.territory, fullPage: false });

      const offersLink = page.getByRole('link', { name: 'Voir les offres', exact: true });
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/offres' && url.searchParams.get('territoire') === 'commune:42218'),
        offersLink.click(),
      ]);
      seen.offers = page.url();
      assert.match(await page.locator('h1').innerText(), /Offres disponibles pour Saint-Étienne/);
      const card = page.locator('.fr-card .fr-card__title a').first();
      const cardName = (await card.innerText()).trim();
      const href = await card.getAttribute('href');
      assert.match(href, /^\/offres\/[a-z0-9-]+$/);

      await Promise.all([page.waitForURL(`**${href}`), card.click()]);
      seen.offer = page.url();
      assert.equal((await page.locator('h1').innerText()).trim(), cardName);
      await page.getByRole('heading', { level: 2, name: "Critères d'éligibilité", exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Sources', exact: true }).waitFor();
      assert.ok(await page.locator('.boussole-quote').count() > 0, 'the offer quotes its sources');
      await page.screenshot({ path: SCREENSHOTS.offer, fullPage: false });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the same search works with JavaScript disabled', async () => {
    const noScript = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false, locale: 'fr-FR' });
    try {
      const page = await noScript.newPage();
      await page.goto('/');
      // Without JavaScript the field stays a plain search input.
      assert.equal(await territoryField(page).getAttribute('role'), null);
      await territoryField(page).fill('saint etienne');
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/territoires' && url.searchParams.get('q') === 'saint etienne'),
        territoryField(page).press('Enter'),
      ]);
      const first = page.locator('.boussole-results li a').first();
      assert.equal((await first.textContent()).trim(), 'Saint-Étienne');
      await Promise.all([page.waitForURL('**/territoires/commune:42218'), first.click()]);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Saint-Étienne');
      await Promise.all([
        page.waitForURL('**/offres?territoire=commune:42218'),
        page.getByRole('link', { name: 'Voir les offres', exact: true }).click(),
      ]);
      assert.ok(await page.locator('.fr-card').count() > 0, 'offers are listed without JavaScript');
    } finally {
      await noScript.close();
    }
  });

  test('the autocomplete suggests Chambéry for "chamb" and opens it with ArrowDown + Enter', async () => {
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await page.goto('/');
      const input = territoryField(page);
      await input.click();
      await input.pressSequentially('chamb', { delay: 30 });
      const listbox = page.getByRole('listbox');
      await listbox.waitFor({ state: 'visible' });
      assert.equal(await input.getAttribute('role'), 'combobox');
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      const option = page.getByRole('option', { name: /^Chambéry — Commune \(73065\)/ });
      await option.waitFor({ state: 'visible' });
      const options = await page.getByRole('option').allInnerTexts();
      const index = options.findIndex((text) => text.startsWith('Chambéry — Commune (73065)'));
      assert.ok(index >= 0, `options: ${options.join(' | ')}`);
      for (let i = 0; i <= index; ++i) await input.press('ArrowDown');
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      assert.equal(await input.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
      await Promise.all([page.waitForURL('**/territoires/commune:73065'), input.press('Enter')]);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Chambéry');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('the territory field is labelled (WCAG 1.3.1, 3.3.2: a placeholder is not a label)', () => {
  // axe accepts a placeholder as an accessible name, so it does not catch an empty <label>;
  // this checks the tie that getByLabel and screen readers rely on.
  for (const target of ['/', '/territoires', '/territoires?q=saint+etienne']) {
    test(target, async () => {
      const page = await context.newPage();
      try {
        await page.goto(target);
        const field = await territoryField(page).evaluate((input) => {
          const labels = [...(input.labels || [])].map((l) => l.textContent.trim());
          const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          return {
            id: input.id,
            labels,
            forAttributes: [...input.form.querySelectorAll('label')].map((l) => l.getAttribute('for')),
            describedBy: described.map((id) => ({ id, found: !!document.getElementById(id) })),
          };
        });
        const where = `${target} (templates/partials/territory_field.mustache): ${JSON.stringify(field)}`;
        assert.ok(field.id !== '', `the territory input has an id — ${where}`);
        assert.ok(field.labels.length === 1 && field.labels[0].length > 0,
          `the territory input has one non-empty <label for="…"> — ${where}`);
        for (const d of field.describedBy) assert.ok(d.found && d.id !== '-aide', `aria-describedby="${d.id}" names its hint — ${where}`);
        await page.getByLabel(field.labels[0], { exact: true }).fill('Chambéry');
      } finally {
        await page.close();
      }
    });
  }
});

describe('accessibility (axe-core, WCAG 2.1 A and AA): no serious or critical violation', () => {
  test('the audit itself reports a broken page (so it can fail)', async () => {
    const page = await context.newPage();
    try {
      await page.goto('/healthz');
      await page.setContent('<!doctype html><html><head><title>t</title></head><body><main>' +
        '<img src="/nothing.png"><form><input type="text" name="x"></form></main></body></html>');
      const violations = await audit(page);
      const ids = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      for (const expected of ['image-alt', 'label', 'html-has-lang']) {
        assert.ok(ids.includes(expected), `axe reports ${expected}; got ${ids.join(', ')}`);
      }
    } finally {
      await page.close();
    }
  });

  const pages = [
    ['home', () => seen.home || '/', 200],
    ['territory search results', () => seen.search || '/territoires?q=saint+etienne', 200],
    ['territory page', () => seen.territory || '/territoires/commune:42218', 200],
    ['offer list', () => seen.offers || '/offres?territoire=commune:42218', 200],
    ['offer page', () => seen.offer || '/offres/atelier-des-territoires-flash', 200],
    ['404 page', () => '/cette-page-n-existe-pas', 404],
  ];
  for (const [name, target, status] of pages) {
    test(name, async () => {
      const page = await context.newPage();
      try {
        const response = await page.goto(target(), { waitUntil: 'load' });
        assert.equal(response.status(), status, `${page.url()} status`);
        await page.waitForLoadState('networkidle');
        await assertAccessible(page, name);
      } finally {
        await page.close();
      }
    });
  }
});
