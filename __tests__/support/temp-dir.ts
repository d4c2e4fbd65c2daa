/**
 * Temporary folders for tests, removed when their test file ends (setup.ts registers
 * removeTempDirs as an afterAll of every file). Before, each `npm test` left over 200 folders
 * in the system's temporary directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';

const made: string[] = [];

/** A new empty folder under the system's temporary directory, named `ecr-platform-test-<prefix>…`. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ecr-platform-test-${prefix}`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** cdktf's Testing.app() (version stubbed) writing into a tempDir: Testing.app() alone leaves a folder per call. */
export function testApp(): App {
  return Testing.app({ outdir: tempDir('cdktf-') });
}
