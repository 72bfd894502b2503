// Screenshot scenes: the extension host sets up the UI, then asks the browser that
// drives the workbench (scripts/vscode-host/screenshots.mjs) for a picture through
// files in TIMELINE_SCENE_DIR:
//   extension host writes  NAME.request
//   driver saves           NAME.png, then writes NAME.done ({} or {"error": "..."})
// Without TIMELINE_SCENE_DIR (a normal test run) snap() does nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

const POLL_MS = 100;
const TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFile(file: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      if (Date.now() > deadline) throw new Error(`no ${path.basename(file)} within ${timeoutMs / 1000}s: is the screenshot driver running?`);
      await sleep(POLL_MS);
    }
  }
}

/** Asks the driver for a screenshot `NAME.png` of the whole workbench and waits until it is saved. */
export async function snap(name: string): Promise<void> {
  const dir = process.env.TIMELINE_SCENE_DIR;
  if (!dir) return;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`scene name "${name}" must be a plain file name`);
  fs.mkdirSync(dir, { recursive: true });
  const request = path.join(dir, `${name}.request`);
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  // write then rename: the driver never sees a half-written request
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ name }));
  fs.renameSync(`${request}.tmp`, request);

  const answer = await waitForFile(done, TIMEOUT_MS);
  fs.rmSync(done, { force: true });
  let error: unknown;
  try {
    error = (JSON.parse(answer) as { error?: unknown }).error;
  } catch {
    error = undefined; // an empty .done is a success too
  }
  if (error) throw new Error(`screenshot "${name}" failed: ${String(error)}`);
}
