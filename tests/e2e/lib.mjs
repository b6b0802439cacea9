// Shared pieces of the browser tests: a pass/fail tally with the plain closing line, a free
// loopback port, waiting for /readyz, Debian's chromium, and an axe-core run.

import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const tally = { passed: 0, failed: 0 };

export function check(name, ok, detail = '') {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

// Prints "N passed, M failed" and exits with the matching code.
export function finish() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}

export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

export async function waitReady(base, ms) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    try { if ((await fetch(`${base}/readyz`)).status === 200) return true; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs axe-core (WCAG 2.1 A/AA and best practices) on the page; returns the violations as
// one line, empty when there are none. The page's context must allow the inline script.
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join('; ');
}

export async function axe(page, name) {
  const detail = await axeViolations(page);
  check(`axe: no violations on ${name}`, detail === '', detail);
}

// Logs in through the form and waits for the page that follows.
export async function login(page, base, email, password) {
  await page.goto(`${base}/account/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState();
}

// The demo account of `role` from the output of `gezondin demo`: { email, password }, or null.
export function demoAccount(demoOutput, role) {
  const m = new RegExp(`Demo-account ${role}: e-mailadres (\\S+), wachtwoord (\\S+)`).exec(demoOutput);
  return m ? { email: m[1], password: m[2] } : null;
}
