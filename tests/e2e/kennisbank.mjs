// Browser test of the knowledge base: Debian's chromium driven by playwright-core, with
// axe-core checking WCAG 2.1 A/AA on the pages the issue names. Starts the real binary on a
// free port with the demo content in a temporary folder and stops it at the end.
// Usage: node kennisbank.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axe, check, finish, freePort, launchChromium, waitReady } from './lib.mjs';


const binary = process.argv[2];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-'));
execFileSync(binary, ['demo', '--data', dataDir], { stdio: 'ignore' });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  check('server becomes ready', await waitReady(base, 10000));
  // axe is injected as an inline script, which our CSP forbids: this context bypasses CSP;
  // the htmx check below runs with the real CSP.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();

  await page.goto(`${base}/`);
  check('home has lang="nl"', (await page.getAttribute('html', 'lang')) === 'nl');
  await page.keyboard.press('Tab');
  check('first Tab reaches the skip link', (await page.evaluate(() => document.activeElement?.className)) === 'skip-link');
  await page.keyboard.press('Enter');
  check('skip link moves focus to main', (await page.evaluate(() => document.activeElement?.id)) === 'inhoud');
  await axe(page, 'home page');

  await page.goto(`${base}/kennisbank?q=gezondheidsverschillen`);
  const hits = await page.locator('ol.cards > li').count();
  check('search with results shows results', hits > 0, `${hits} hits`);
  await axe(page, 'search with results');

  await page.goto(`${base}/kennisbank?q=qqqzzzxxy`);
  check('search without results shows help', (await page.content()).includes('We vonden niets'));
  await axe(page, 'search without results');

  await page.goto(`${base}/kennisbank?q=wijkteam`);
  const firstItem = await page.locator('ol.cards a').first().getAttribute('href');
  await page.goto(`${base}${firstItem}`);
  check('item page shows the fictitious label', (await page.content()).includes('verzonnen voorbeeld'));
  await axe(page, 'item page');

  const strict = await browser.newContext();
  const live = await strict.newPage();
  const cspErrors = [];
  live.on('console', (m) => { if (m.type() === 'error') cspErrors.push(m.text()); });
  await live.goto(`${base}/kennisbank`);
  await live.getByLabel('Waar zoekt u naar?').pressSequentially('eenzaamheid', { delay: 20 });
  await live.waitForResponse((r) => r.url().includes('/kennisbank?') && r.status() === 200, { timeout: 5000 });
  await live.waitForFunction(() => location.search.includes('q=eenzaamheid'), null, { timeout: 5000 }).catch(() => {});
  check('with JavaScript, typing updates results in place',
    live.url().includes('q=eenzaamheid') && (await live.locator('#resultaten ol.cards > li').count()) > 0);
  check('the search box keeps focus while results update',
    (await live.evaluate(() => document.activeElement?.id)) === 'zoekterm');
  check('no console errors (CSP, scripts)', cspErrors.length === 0, cspErrors.join(' | '));

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(`${base}/kennisbank`);
  await p2.getByLabel('Waar zoekt u naar?').fill('GALA');
  await p2.getByRole('button', { name: 'Zoeken' }).click();
  await p2.waitForLoadState();
  check('without JavaScript, the search form works', p2.url().includes('q=GALA') && (await p2.locator('ol.cards > li').count()) > 0);
  await p2.locator('input[name="type"]').first().check();
  await p2.getByRole('button', { name: 'Filters toepassen' }).click();
  await p2.waitForLoadState();
  check('without JavaScript, facet filters work', p2.url().includes('type='));
  await noJs.close();
} catch (e) {
  check('browser run completes', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

finish();
