// The task inspector's UI end-to-end test: a user opens the fixture service, opens the Loopguard
// activity-bar container and reads the Task Inspector tree at the side bar's default width (no label
// is cut); a click on the blocking call's row selects it in the editor. Then "problems only" on the
// route file shows its six problems, and a syntax error leaves the last tree in place, marked stale.
// Playwright drives Debian's headless Chromium against code-server. Screenshots go to test-results/
// (task-inspector.png, task-inspector-problems-only.png, task-inspector-stale.png); the first also,
// when missing or LOOPGUARD_UPDATE_SCREENSHOTS=1, to docs/images/task-inspector.png for the README.
import fs from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { launchChromium } from '../runner/chromium';
import { startCodeServer } from '../runner/codeServer';
import { REPO_ROOT, RESULTS_DIR } from '../runner/paths';
import { createSandbox } from '../runner/sandbox';
import { closeUiSession } from '../runner/uiSession';
import type { ToolPaths } from '../runner/versions';
import { workbenchUrl } from '../runner/workbench';

const FILE = 'userService.js';
const ROUTES = 'routes.js';
const ROUTE_PROBLEMS = 6;
const BLOCKING_CALL = 'fs.readFileSync("settings.json", "utf8")';
const SCREENSHOT = path.join(RESULTS_DIR, 'task-inspector.png');
const PROBLEMS_SCREENSHOT = path.join(RESULTS_DIR, 'task-inspector-problems-only.png');
const STALE_SCREENSHOT = path.join(RESULTS_DIR, 'task-inspector-stale.png');
const OUT_DIR = path.join(RESULTS_DIR, 'ui', 'task-inspector');
const DOCS_IMAGE = path.join(REPO_ROOT, 'docs', 'images', 'task-inspector.png');
const STEP_TIMEOUT_MS = 60_000;
/** Loading the workbench and the first lint (extension activation, server start-up) take longer. */
const STARTUP_TIMEOUT_MS = 180_000;

/** The rows the view shows for the fixture, top to bottom: label, then description (as in the integration suite). */
const EXPECTED_ROWS: [string, string][] = [
  ['2 awaits · 1 fan-out', '1 detached · 1 blocking'],
  ['UserService.load', 'async'],
  ['await fetch(`/users/${id}`)', ''],
  ['UserService.loadAll', 'async'],
  ['Promise.all', 'one per element of ids, unbounded'],
  ['calls UserService.load()', 'returned'],
  ['UserService.readSettings', 'async'],
  ['blocks: fs.readFileSync', 'blocks the event loop · no-blocking-in-async'],
  ['app.get("/x") handler', 'async'],
  ['await service.loadAll(…)', 'calls UserService.loadAll()'],
  ['floating: service.load(…)', 'its result and error are lost · no-floating-promises'],
];

export async function uiTaskInspectorTest(tools: ToolPaths, chromiumPath: string, folder: string, say: (line: string) => void): Promise<boolean> {
  const started = Date.now();
  let expecting = 'the workbench to load';
  const step = (what: string): void => say(`[ui task inspector ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
  const expect = (what: string): void => { expecting = what; };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const source = fs.readFileSync(path.join(folder, FILE), 'utf8');
  const blockingAt = positionOf(source, BLOCKING_CALL);
  const sandbox = createSandbox();
  const server = await startCodeServer(tools, sandbox);
  const browser = await launchChromium(tools, chromiumPath);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  let ok = false;
  try {
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPaths: [REPO_ROOT] }), { waitUntil: 'commit' });
    expect(`${FILE} in the Explorer`);
    const fileRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE });
    await fileRow.first().waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await fileRow.first().click();
    expect(`${FILE} in an editor`);
    await page.locator('.monaco-editor .view-lines', { hasText: 'readSettings' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    step(`opened ${FILE}`);
    expect('the squiggle under the blocking call (the server has linted the file)');
    await page.locator('.monaco-editor [class*="squiggly-"]').first().waitFor({ timeout: STARTUP_TIMEOUT_MS });

    expect('the Loopguard container in the activity bar');
    await page.locator('.part.activitybar [aria-label^="Loopguard"]').first().click({ timeout: STEP_TIMEOUT_MS });
    const inspector = viewPane(page, 'Task Inspector');
    await inspector.waitFor({ timeout: STEP_TIMEOUT_MS });
    // the other views of the container fold away, so every row of the tree has room
    for (const other of ['Problems by Rule', 'Live']) await collapse(viewPane(page, other));
    step('opened the Loopguard container (side bar at its default width)');

    expect('the Task Inspector rows');
    const rows = inspector.locator('.monaco-list-row');
    await rows.filter({ hasText: EXPECTED_ROWS.at(-1)![1] }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const shown = await readRows(rows);
    step(`Task Inspector: ${JSON.stringify(shown.map(([label, description]) => (description ? `${label} — ${description}` : label)))}`);
    if (JSON.stringify(shown) !== JSON.stringify(EXPECTED_ROWS)) {
      throw new Error(`the tree shows ${JSON.stringify(shown)}, expected ${JSON.stringify(EXPECTED_ROWS)}`);
    }
    const problemIcons = await rows.locator('.codicon-error').count();
    if (problemIcons !== 2) throw new Error(`expected the 2 problem rows to carry the error icon, found ${problemIcons}`);
    const cut = await cutLabels(rows);
    if (cut.length > 0) throw new Error(`labels cut at the default side-bar width: ${JSON.stringify(cut)}`);

    expect('the blocking call selected in the editor after a click on its row');
    await rows.filter({ hasText: 'blocks: fs.readFileSync' }).first().click();
    const selection = `Ln ${blockingAt.line}, Col ${blockingAt.column + BLOCKING_CALL.length} (${BLOCKING_CALL.length} selected)`;
    await page.locator('.statusbar-item', { hasText: selection }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    step(`clicking the row selected the call: ${selection}`);
    await page.screenshot({ path: SCREENSHOT });
    publishScreenshot(step);

    expect(`"Show Problems Only" in the Task Inspector's title bar, then ${ROUTES} with its ${ROUTE_PROBLEMS} problems`);
    await inspector.hover();
    await inspector.locator('.actions [aria-label="Show Problems Only"]').first().click({ timeout: STEP_TIMEOUT_MS });
    await openFromExplorer(page, ROUTES, 'users/import');
    const problemRows = rows.filter({ has: page.locator('.codicon-error, .codicon-warning') });
    await problemRows.nth(ROUTE_PROBLEMS - 1).waitFor({ timeout: STEP_TIMEOUT_MS });
    const problems = await readRows(problemRows);
    if (problems.length !== ROUTE_PROBLEMS) throw new Error(`"problems only" shows ${problems.length} problem rows, expected ${ROUTE_PROBLEMS}: ${JSON.stringify(problems)}`);
    step(`problems only on ${ROUTES}: ${JSON.stringify(problems.map(([label]) => label))}`);
    await page.screenshot({ path: PROBLEMS_SCREENSHOT });

    expect('the last tree to stay, marked stale, while the file does not parse');
    await page.locator('.monaco-editor .view-lines', { hasText: 'users/import' }).first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst broken = ;');
    await inspector.locator('.message', { hasText: 'Syntax error' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await inspector.locator('.pane-header', { hasText: 'stale' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const staleRows = await readRows(problemRows);
    if (staleRows.length !== ROUTE_PROBLEMS) throw new Error(`the stale tree shows ${staleRows.length} problem rows, expected ${ROUTE_PROBLEMS}`);
    step('syntax error: the last tree stays, marked stale');
    await page.screenshot({ path: STALE_SCREENSHOT });
    await page.keyboard.press('Control+Z');
    ok = true;
  } catch (error) {
    say(`[ui task inspector] FAILED waiting for ${expecting}: ${(error as Error).message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(OUT_DIR, 'failure.png'), timeout: STEP_TIMEOUT_MS })
      .catch((screenshotError: Error) => say(`[ui task inspector] no failure screenshot: ${screenshotError.message.split('\n')[0]}`));
  } finally {
    await closeUiSession({ browser, server, sandbox }, OUT_DIR);
  }
  say(`[ui task inspector] ${ok ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

/** The side-bar pane of a view, found by the title in its header. */
function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
}

/** Opens a file of the workspace from the Explorer and waits for its editor to show `text`. */
async function openFromExplorer(page: Page, file: string, text: string): Promise<void> {
  await page.locator('.part.activitybar [aria-label^="Explorer"]').first().click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first().click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.monaco-editor .view-lines', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.part.activitybar [aria-label^="Loopguard"]').first().click({ timeout: STEP_TIMEOUT_MS });
}

/** The labels (not descriptions) a row cannot show whole: their text runs past the row's label area. */
async function cutLabels(rows: Locator): Promise<string[]> {
  const cut: string[] = [];
  for (const row of await rows.all()) {
    const overflow = await row.evaluate((element) => {
      const name = element.querySelector('.label-name');
      const container = element.querySelector('.monaco-icon-label-container');
      if (!name || !container) return false;
      // the text's own extent: the element itself may be clipped to the row with an ellipsis
      const text = element.ownerDocument.createRange();
      text.selectNodeContents(name);
      return text.getBoundingClientRect().right > container.getBoundingClientRect().right + 0.5;
    });
    if (overflow) cut.push((await row.locator('.label-name').first().innerText()).trim());
  }
  return cut;
}

async function collapse(pane: Locator): Promise<void> {
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded', { timeout: STEP_TIMEOUT_MS })) === 'true') await header.click();
}

/** Label and description of every row, top to bottom (the list may keep its row elements in any order). */
async function readRows(rows: Locator): Promise<[string, string][]> {
  const shown: [number, string, string][] = [];
  for (const row of await rows.all()) {
    const index = Number(await row.getAttribute('data-index'));
    const label = (await row.locator('.label-name').first().innerText()).trim();
    const descriptions = row.locator('.label-description');
    const description = (await descriptions.count()) > 0 ? (await descriptions.first().innerText()).trim() : '';
    shown.push([index, label, description]);
  }
  return shown.sort((a, b) => a[0] - b[0]).map(([, label, description]) => [label, description]);
}

/** 1-based line and column of the first occurrence of `text`. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const offset = source.indexOf(text);
  if (offset === -1) throw new Error(`${FILE} of the fixture workspace no longer contains ${text}`);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function publishScreenshot(step: (what: string) => void): void {
  if (fs.existsSync(DOCS_IMAGE) && process.env.LOOPGUARD_UPDATE_SCREENSHOTS !== '1') return;
  fs.mkdirSync(path.dirname(DOCS_IMAGE), { recursive: true });
  fs.copyFileSync(SCREENSHOT, DOCS_IMAGE);
  step(`copied the screenshot to ${path.relative(REPO_ROOT, DOCS_IMAGE)}`);
}
