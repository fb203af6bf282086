/**
 * The extension test entry point, loaded by VS Code's extension host (`extensionTestsPath`). It runs
 * every `suite/*.test.js` with mocha and writes each result as a JSON line to ECSWB_TEST_RESULTS,
 * which the launcher streams to the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

type Event =
  | { type: 'suite'; title: string; depth: number }
  | { type: 'pass'; title: string; depth: number; duration: number }
  | { type: 'fail'; title: string; depth: number; error: string }
  | { type: 'end'; passes: number; failures: number; version: string };

function depthOf(runnable: Mocha.Runnable | Mocha.Suite): number {
  let depth = 0;
  for (let p = runnable.parent; p && !p.root; p = p.parent) depth++;
  return depth;
}

export async function run(): Promise<void> {
  const resultsFile = process.env.ECSWB_TEST_RESULTS;
  const write = (event: Event): void => {
    if (resultsFile) fs.appendFileSync(resultsFile, `${JSON.stringify(event)}\n`);
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'base' });
  const suiteDir = path.join(__dirname, 'suite');
  const only = process.env.ECSWB_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(suiteDir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, file));
  }
  let passes = 0;
  let failures = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('suite', (suite: Mocha.Suite) => {
      if (!suite.root) write({ type: 'suite', title: suite.title, depth: depthOf(suite) });
    });
    runner.on('pass', (test: Mocha.Test) => {
      passes++;
      write({ type: 'pass', title: test.title, depth: depthOf(test), duration: test.duration ?? 0 });
    });
    runner.on('fail', (test: Mocha.Test, error: Error) => {
      failures++;
      write({
        type: 'fail',
        title: test.fullTitle(),
        depth: depthOf(test),
        error: error.stack ?? String(error),
      });
    });
  });
  write({ type: 'end', passes, failures, version: vscode.version });
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
