// The Content-Security-Policy in a real Chromium with JavaScript (issue 9, item 5): the main
// pages load without a single CSP violation, the DSFR's JavaScript starts, and the DSFR chart
// components draw their charts; the policy is the one every answer carries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let launched;
let context;

before(async () => {
  server = await startServer();
  launched = await launchBrowser('boussole-e2e-security-');
  context = await launched.browser.newContext({ baseURL: server.baseUrl, locale: 'fr-FR' });
  // Runs before any script of the page (through the DevTools protocol, not refused by the CSP).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
});

after(async () => {
  await context?.close();
  await launched?.close();
  await server?.stop();
});

// Opens `path`, lets its scripts run, and returns the page and the violations it reported
// (DOM events and console messages both).
async function visit(path) {
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) console.push(m.text()); });
  page.cspConsole = console;
  const response = await page.goto(path, { waitUntil: 'load' });
  assert.equal(response.status(), 200, path);
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-fr-js'), null, { timeout: HANG_GUARD_MS });
  const violations = [...(await page.evaluate(() => window.__cspViolations)), ...console];
  return { page, violations };
}

describe('Content-Security-Policy with JavaScript on', () => {
  for (const path of ['/', '/offres', '/offres/recherche?q=eau', '/territoires/commune:52250', '/territoires',
    '/cartes/offres', '/donnees', '/projetotheque', '/programmes', '/demandes/circuits', '/compte/connexion',
    '/compte/inscription', '/confidentialite', '/chiffres']) {
    test(`${path}: no violation, the DSFR's JavaScript runs`, async () => {
      const { page, violations } = await visit(path);
      try {
        assert.deepEqual(violations, [], `CSP violations on ${path}`);
        assert.equal(await page.locator('html').getAttribute('data-fr-js'), 'true');
      } finally {
        await page.close();
      }
    });
  }

  test('the charts of /chiffres are drawn by the DSFR components without violation', async () => {
    const { page, violations } = await visit('/chiffres');
    try {
      const charts = page.locator('bar-chart');
      assert.ok(await charts.count() > 0, 'charts on the page');
      await page.waitForFunction(() => customElements.get('bar-chart') !== undefined, null, { timeout: HANG_GUARD_MS });
      await page.locator('bar-chart canvas').first().waitFor({ state: 'attached', timeout: HANG_GUARD_MS });
      // Hovering the bars shows the tooltips the component builds (with style attributes).
      const canvas = page.locator('bar-chart canvas').first();
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      assert.ok(box, 'the chart is drawn');
      for (let x = 0.05; x < 1; x += 0.1) {
        for (let y = 0.05; y < 1; y += 0.1) await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
      }
      const later = [...(await page.evaluate(() => window.__cspViolations)), ...page.cspConsole];
      assert.deepEqual([...new Set([...violations, ...later])], [], 'CSP violations with charts');
    } finally {
      await page.close();
    }
  });

  test('the interactive map replaces the drawn one without violation', async () => {
    const { page, violations } = await visit('/cartes/offres');
    try {
      await page.locator('.boussole-map-chart').first().waitFor({ state: 'visible', timeout: HANG_GUARD_MS });
      assert.deepEqual([...violations, ...(await page.evaluate(() => window.__cspViolations))], []);
    } finally {
      await page.close();
    }
  });

  test('an inline script would be refused: the policy is enforced, not only sent', async () => {
    const { page } = await visit('/');
    try {
      // Inserted as markup, as an injection would be; it must not run.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.body.appendChild(s);
      });
      assert.equal(await page.evaluate(() => window.__injected === true), false);
      const violations = await page.evaluate(() => window.__cspViolations);
      assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('\n'));
    } finally {
      await page.close();
    }
  });
});
