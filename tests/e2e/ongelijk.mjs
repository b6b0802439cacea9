// Browser test of "ongelijk investeren": Debian's chromium driven by playwright-core, with
// axe-core checking WCAG 2.1 A/AA on every page of the fictitious demo municipality (and of
// Amsterdam 2019 when ../shared/data has the files), and the forms without JavaScript.
// Usage: node ongelijk.mjs <path to gezondin binary>

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

function pagesFor(gemeente, jaar) {
  const q = `gemeente=${gemeente}&jaar=${jaar}`;
  return [
    [`/ongelijk-investeren?${q}`, 'start'],
    [`/ongelijk-investeren/kansenindex?${q}`, 'kansenindex'],
    [`/ongelijk-investeren/verdeling?${q}`, 'verdeling'],
    [`/ongelijk-investeren/robuustheid?${q}&trekkingen=200`, 'robuustheid'],
    [`/ongelijk-investeren/ongelijkheid?${q}`, 'ongelijkheid'],
    [`/ongelijk-investeren/vergelijkbaar?${q}`, 'vergelijkbaar'],
  ];
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-ongelijk-'));
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
  await audit(page, '/ongelijk-investeren', 'ongelijk start page');
  for (const [url, name] of pagesFor('GM9901', 2023)) await audit(page, url, `demo ${name}`);
  await page.goto(`${base}/ongelijk-investeren/verdeling?gemeente=GM9901&jaar=2023`);
  expect('demo allocation adds up to the budget', (await page.locator('#totaal').textContent()).trim() === '1.000.000,00');
  if (haveAmsterdam) for (const [url, name] of pagesFor('GM0363', 2019)) await audit(page, url, `Amsterdam ${name}`);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${base}/ongelijk-investeren/kansenindex?gemeente=GM9901&jaar=2023`);
  await p.locator('#o-norm').selectOption('min-max');
  await Promise.all([p.waitForURL(/normalisatie=min-max/), p.locator('form.ongelijk-form button').click()]);
  expect('without JavaScript, the index form works', p.url().includes('normalisatie=min-max'));
  expect('the result table is there', (await p.locator('#index-tabel').count()) === 1);
  await noJs.close();
} catch (e) {
  expect('browser run completes', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
