// How fast the portal feels in a real browser, for `cargo xtask bench` (never a test:
// timings are measured and compared with the budgets, not asserted). Writes
// OUT_DIR/browser.json and OUT_DIR/browser.md and prints the Markdown.
//
//   node browser.mjs BASE_URL ACCOUNT PASSWORD OUT_DIR
//
// The account must stand at the qualification step (agreement accepted, developer
// information given). Chromium comes from CHROME_PATH; playwright-core and lighthouse
// from the folder BENCH_TOOLS (cargo xtask installs them pinned in .tools/bench).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const tools = createRequire(join(process.env.BENCH_TOOLS, 'package.json'));
const { chromium } = tools('playwright-core');

const [base, account, password, outDir] = process.argv.slice(2);
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
// As root on a closed network (see the README's browser notes).
const flags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
const COLD_LOADS = 10;
const KEYSTROKES = 200;
const LIGHTHOUSE_RUNS = 3;

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * q)];
}

// Records when `selector` first exists in the page, from the start of navigation: the
// portal renders its forms with their handlers attached, so that is when they can be used.
function markWhenPresent(selector) {
  const look = () => {
    if (!window.__interactive && document.querySelector(selector)) {
      window.__interactive = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
}

async function session() {
  const answer = await fetch(new URL('api/v1/session', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  if (!answer.ok) throw new Error(`sign-in answered ${answer.status}`);
  const { token, account: who } = await answer.json();
  return JSON.stringify({ token, account: who });
}

// One cold load (new context: empty cache and storage) with the CPU slowed `rate` times.
async function coldLoad(browser, path, selector, stored, rate) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  if (stored) {
    await context.addInitScript((s) => localStorage.setItem('portal.session', s), stored);
  }
  const page = await context.newPage();
  await page.addInitScript(markWhenPresent, selector);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(new URL(path.replace(/^\//, ''), base).href);
  await page.waitForFunction(() => window.__interactive, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__interactive);
  await cdp.send('Runtime.enable');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  return { ms, heap: heap.usedSize };
}

async function interactive(browser, name, path, selector, stored) {
  const runs = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    runs.push(await coldLoad(browser, path, selector, stored, 4));
  }
  return {
    name,
    ms_median: median(runs.map((r) => r.ms)),
    ms_max: Math.max(...runs.map((r) => r.ms)),
    js_heap_kib: Math.round(median(runs.map((r) => r.heap)) / 1024),
  };
}

// Keystrokes into the full qualification form after a refused submit, when every field's
// rules run on each change: one character typed, then deleted, so the field's error
// appears and disappears each time. Each is timed from the input event until the page's
// reactive work (microtasks included) is done.
async function keystrokes(browser, stored) {
  const context = await browser.newContext();
  await context.addInitScript((s) => localStorage.setItem('portal.session', s), stored);
  const page = await context.newPage();
  await page.goto(new URL('qualification', base).href);
  await page.waitForSelector('form button[type=submit]');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.error-summary');
  const times = await page.evaluate(async (n) => {
    const field = document.getElementById('contact_name');
    field.value = '';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const settled = () => new Promise((r) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = r;
      channel.port2.postMessage(0);
    });
    await settled();
    const out = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      field.value = i % 2 === 0 ? 'L' : '';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      await settled();
      out.push(performance.now() - t0);
    }
    return out;
  }, KEYSTROKES);
  const error = await page.locator('#contact_name-error').count();
  await context.close();
  // 200 keystrokes end on an empty field: unless its error shows, nothing was measured.
  if (error === 0) throw new Error('the field error did not follow the keystrokes');
  return {
    n: times.length,
    ms_median: median(times),
    ms_p95: quantile(times, 0.95),
    ms_max: Math.max(...times),
  };
}

function lighthouse() {
  const cli = tools.resolve('lighthouse/cli/index.js');
  const runs = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    const out = execFileSync(process.execPath, [
      cli, new URL('sign-in', base).href,
      '--quiet', '--output=json', '--output-path=stdout',
      '--only-categories=performance,accessibility,best-practices',
      `--chrome-flags=--headless=new ${flags.join(' ')}`,
    ], { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 64 << 20 });
    const report = JSON.parse(out);
    runs.push({
      performance: report.categories.performance.score,
      accessibility: report.categories.accessibility.score,
      best_practices: report.categories['best-practices'].score,
      interactive_ms: report.audits.interactive.numericValue,
      first_contentful_paint_ms: report.audits['first-contentful-paint'].numericValue,
      largest_contentful_paint_ms: report.audits['largest-contentful-paint'].numericValue,
      total_blocking_time_ms: report.audits['total-blocking-time'].numericValue,
      transferred_kib: Math.round(report.audits['total-byte-weight'].numericValue / 1024),
    });
  }
  // The run with the median performance score stands for all three.
  runs.sort((a, b) => a.performance - b.performance);
  return { runs: runs.length, lighthouse_version: '12.2.3', ...runs[Math.floor(runs.length / 2)] };
}

// The budgets of the size-and-speed issue: [what, measured value, limit, passes].
function verdicts(r) {
  const row = (what, value, unit, limit, ok) => ({ what, value: `${+value.toFixed(2)}${unit}`, limit, pass: ok });
  return [
    row('sign-in interactive, 4x CPU, median of 10 cold loads', r.sign_in.ms_median, ' ms', '<= 1000 ms', r.sign_in.ms_median <= 1000),
    row('qualification interactive (deep link, signed in), 4x CPU, median of 10', r.qualification.ms_median, ' ms', '<= 1500 ms', r.qualification.ms_median <= 1500),
    row(`keystroke -> error state, median of ${r.keystrokes.n}`, r.keystrokes.ms_median, ' ms', '<= 4 ms', r.keystrokes.ms_median <= 4),
    row(`keystroke -> error state, p95 of ${r.keystrokes.n}`, r.keystrokes.ms_p95, ' ms', '<= 16 ms', r.keystrokes.ms_p95 <= 16),
    row('Lighthouse 12.2.3 mobile: performance', r.lighthouse.performance, '', '>= 0.98', r.lighthouse.performance >= 0.98),
    row('Lighthouse: time to interactive', r.lighthouse.interactive_ms, ' ms', '< 1800 ms', r.lighthouse.interactive_ms < 1800),
    row('Lighthouse: accessibility', r.lighthouse.accessibility, '', '1.00', r.lighthouse.accessibility === 1),
    row('Lighthouse: best practices', r.lighthouse.best_practices, '', '1.00', r.lighthouse.best_practices === 1),
  ];
}

function markdown(r) {
  const lines = ['| measure | value | budget | verdict |', '|---|---:|---:|---|'];
  for (const v of r.verdicts) lines.push(`| ${v.what} | ${v.value} | ${v.limit} | ${v.pass ? 'pass' : '**fail**'} |`);
  lines.push('', `JS heap in use after a cold load: sign-in ${r.sign_in.js_heap_kib} KiB, qualification ${r.qualification.js_heap_kib} KiB.`);
  lines.push(`Lighthouse (median of ${r.lighthouse.runs}): first contentful paint ${Math.round(r.lighthouse.first_contentful_paint_ms)} ms, ` +
    `largest ${Math.round(r.lighthouse.largest_contentful_paint_ms)} ms, total blocking time ${Math.round(r.lighthouse.total_blocking_time_ms)} ms, ` +
    `${r.lighthouse.transferred_kib} KiB transferred (with the next pages' code fetched while idle).`);
  return lines.join('\n') + '\n';
}

const browser = await chromium.launch({ executablePath: chrome, args: flags });
try {
  const stored = await session();
  const result = {
    sign_in: await interactive(browser, 'sign-in', 'sign-in', 'form button[type=submit]', null),
    qualification: await interactive(
      browser, 'qualification (deep link, signed in)', 'qualification', 'form button[type=submit]', stored),
    keystrokes: await keystrokes(browser, stored),
  };
  await browser.close();
  result.lighthouse = lighthouse();
  result.verdicts = verdicts(result);
  const md = markdown(result);
  writeFileSync(join(outDir, 'browser.json'), JSON.stringify(result, null, 1) + '\n');
  writeFileSync(join(outDir, 'browser.md'), md);
  console.log(md);
} finally {
  await browser.close().catch(() => {});
}
