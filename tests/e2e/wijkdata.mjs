// Browser test of wijkdata: Debian's chromium driven by playwright-core, with axe-core checking
// WCAG 2.1 A/AA on the profile, map and compare pages of the fictitious demo municipality and of
// Amsterdam 2019 (84583NED + 85163NED from ../shared/data, imported at the start; that part is
// skipped with a message when the files are absent). Also checks the pages without JavaScript.
// Usage: node wijkdata.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, check as expect, finish, freePort, launchChromium, waitReady } from './lib.mjs';
import { fileURLToPath } from 'node:url';


const binary = process.argv[2];
const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.GEZONDIN_SHARED_DATA || path.join(here, '../../../shared/data');
const amsterdam = [
  path.join(shared, 'cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv'),
  path.join(shared, 'cbs_ses_woa_85163NED_amsterdam_2019/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv'),
];

const port = await freePort();
const base = `http://127.0.0.1:${port}`;

async function audit(page, url, name) {
  const response = await page.goto(`${base}${url}`);
  expect(`${name} answers 200`, response.status() === 200, String(response.status()));
  expect(`${name} has no style attributes`, (await page.locator('[style]').count()) === 0);
  const violations = await axeViolations(page);
  expect(`axe: ${name}`, violations === '', violations);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-wijk-'));
execFileSync(binary, ['demo', '--data', dataDir], { stdio: 'ignore' });
const haveAmsterdam = amsterdam.every((f) => fs.existsSync(f));
if (haveAmsterdam) execFileSync(binary, ['import', 'data', '--data', dataDir, ...amsterdam], { stdio: 'ignore' });
else console.log(`skip: Amsterdam 2019 files not found under ${shared}; only the demo is checked`);

const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  expect('server becomes ready', await waitReady(base, 10000));
  const context = await browser.newContext({ bypassCSP: true });   // axe is injected inline
  const page = await context.newPage();
  await audit(page, '/wijkdata', 'wijkdata start page');
  await audit(page, '/wijkdata/gebied/GM9901?jaar=2023', 'demo gemeente profile');
  expect('demo profile is marked fictitious', (await page.locator('.notice.demo').count()) > 0);
  await audit(page, '/wijkdata/gebied/BU99010000?jaar=2023', 'demo buurt profile');
  await audit(page, '/wijkdata/kaart?gemeente=GM9901&niveau=buurt&jaar=2023&indicator=fictief_eenzaam', 'demo map');
  expect('demo map has a link per area', (await page.locator('svg a').count()) >= 25);
  await audit(page, '/wijkdata/vergelijk?gemeente=GM9901&jaar=2023', 'demo compare');
  if (haveAmsterdam) {
    await audit(page, '/wijkdata/gebied/BU03630000?jaar=2019', 'Amsterdam buurt profile');
    await audit(page, '/wijkdata/gebied/GM0363?jaar=2019', 'Amsterdam gemeente profile');
    await audit(page, '/wijkdata/kaart?gemeente=GM0363&niveau=wijk&jaar=2019&indicator=AantalInwoners_5', 'Amsterdam map');
    await audit(page, '/wijkdata/vergelijk?gemeente=GM0363&jaar=2019', 'Amsterdam compare');
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${base}/wijkdata`);
  await p.locator('#p-gemeente').selectOption('GM9901');
  await p.locator('#p-jaar').selectOption('2023');
  await Promise.all([p.waitForLoadState(), p.locator('form[action="/wijkdata"] button').click()]);
  await p.waitForURL(/\/wijkdata\/gebied\/GM9901/);
  expect('without JavaScript, the profile form works', p.url().includes('/wijkdata/gebied/GM9901'));
  await p.goto(`${base}/wijkdata/kaart?gemeente=GM9901&niveau=wijk&jaar=2023`);
  await p.locator('#m-indeling').selectOption('gelijk');
  await Promise.all([p.waitForURL(/indeling=gelijk/), p.locator('form button').first().click()]);
  expect('without JavaScript, the map form works', p.url().includes('indeling=gelijk'));
  await noJs.close();
} catch (e) {
  expect('browser run completes', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
