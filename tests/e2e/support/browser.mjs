// Debian's Chromium driven by playwright-core, and the axe-core audit every page gets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { repoRoot } from './server.mjs';

const AXE_PATH = join(repoRoot, 'node_modules/axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// How long a page, a load state or an element may take before the test gives up: a guard
// against hangs, not a measure of speed (benchmarks do that). Generous, because two test
// files run at once with their servers and browsers on two cores: once, a portrait page with
// its charts took more than 15 s to go network-idle there.
export const HANG_GUARD_MS = 60_000;

// A headless Chromium with a fresh profile; no download, no background networking (the
// machine has no network but the package registries).
export async function launchBrowser(prefix = 'boussole-e2e-') {
  const profileDir = mkdtempSync(join(tmpdir(), prefix));
  const browser = await chromium.launch({
    executablePath: process.env.BOUSSOLE_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disk-cache-dir=${join(profileDir, 'cache')}`],
  });
  const close = async () => {
    try {
      await browser.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  };
  return { browser, close };
}

// Runs axe-core on the page; returns the violations with their impacted nodes.
// Evaluated through the DevTools protocol rather than added as an inline <script>: the
// Content-Security-Policy of every page refuses inline scripts (issue 9), and the audit must
// run on the page as people get it.
let axeSource;
export async function audit(page) {
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(`${axeSource}\n;true`);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => ({ target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 160) })),
    }));
  }, WCAG_TAGS);
}

// Audits the page and throws, with the rule ids and the nodes, when axe finds a serious or
// critical violation; lesser ones are printed as test output.
export async function assertAccessible(page, name = '') {
  const result = await audit(page);
  const blocking = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !blocking.includes(v));
  if (minor.length) {
    console.log(`# axe (${name}, ${page.url()}): non-blocking: ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
  }
  if (blocking.length) {
    const report = blocking.map((v) => `  - ${v.id} [${v.impact}] ${v.help}\n` +
      v.targets.map((t) => `      ${t.target}  ${t.html}`).join('\n')).join('\n');
    throw new Error(`axe violations on ${page.url()}:\n${report}`);
  }
}
