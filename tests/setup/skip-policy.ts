import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

interface AllowedSkip {
  project: string;
  file: string;
  test: string;
  reason: string;
}

const listFile = path.join(import.meta.dirname, '../allowed-skips.json');

/**
 * A skipped test proves nothing, and a run that skips one looks as green as a run that ran it.
 * Every skip must be listed, with its reason, in tests/allowed-skips.json; any other fails the run.
 */
export default class SkipPolicy implements Reporter {
  private filtered = false;
  private pattern: unknown;

  onInit(vitest: Vitest) {
    // A run narrowed by name (-t) skips the rest on purpose.
    this.pattern = vitest.config.testNamePattern;
    this.filtered = this.pattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    if (this.filtered) {
      // A name filter that matches nothing skips everything, and would pass.
      const ran = testModules.some((testModule) => [...testModule.children.allTests()].some((test) => test.result().state !== 'skipped'));
      if (!ran) {
        console.error(`\nThe test name filter (${String(this.pattern)}) matched no test: nothing was run.\n`);
        process.exitCode = 1;
      }
      return;
    }
    const allowed = (JSON.parse(readFileSync(listFile, 'utf8')) as AllowedSkip[]).map(({ project, file, test }) => `${project} ${file} › ${test}`);
    const unlisted: string[] = [];
    for (const testModule of testModules) {
      const file = path.relative(process.cwd(), testModule.moduleId);
      for (const test of testModule.children.allTests()) {
        if (test.result().state !== 'skipped') continue;
        const name = `${testModule.project.name} ${file} › ${test.fullName}`;
        if (!allowed.includes(name)) unlisted.push(name);
      }
    }
    if (unlisted.length === 0) return;
    console.error(`\nSkipped tests not listed in tests/allowed-skips.json (run what they need, or list them with a reason):\n${unlisted.map((name) => `  ${name}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}
