// Entry module of the integration tests, loaded by VS Code's extension host
// (extensionTestsPath). Same contract as @vscode/test-electron: run() resolves
// when every test passed and rejects otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  passed: string[];
  failed: { title: string; error: string }[];
}

/** Every *.test.js below `dir`, sorted so the order does not depend on the file system. */
function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** The runner scripts read this file: it survives however the extension host ends. */
function writeResult(result: TestResult): void {
  const file = process.env.TIMELINE_TEST_RESULT;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function runMocha(mocha: Mocha, result: TestResult): Promise<number> {
  return new Promise((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => result.passed.push(test.fullTitle()));
    // also reports failing hooks, which fail no single test
    runner.on('fail', (test, err) => result.failed.push({ title: test.fullTitle(), error: errorText(err) }));
  });
}

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every *.test.js below `dir` (the smoke suite reuses this with its own folder). */
export async function runTestsIn(dir: string): Promise<void> {
  // TIMELINE_TEST_GREP runs the matching tests only, for a quick loop while working on one feature.
  const grep = process.env.TIMELINE_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const result: TestResult = { passed: [], failed: [] };
  const files = findTests(dir);
  files.forEach((f) => mocha.addFile(f));

  try {
    await runMocha(mocha, result);
  } catch (err) {
    // a test file that throws while loading
    result.failed.push({ title: 'loading the integration tests', error: errorText(err) });
  }
  if (result.passed.length + result.failed.length === 0) {
    // an empty run must not look like a green one
    result.failed.push({ title: 'finding the integration tests', error: `no tests ran (${files.length} *.test.js files under ${dir})` });
  }
  writeResult(result);
  console.log(`${result.passed.length} passed, ${result.failed.length} failed`);
  if (result.failed.length > 0) {
    throw new Error(`${result.failed.length} integration test(s) failed: ${result.failed.map((f) => f.title).join('; ')}`);
  }
}
