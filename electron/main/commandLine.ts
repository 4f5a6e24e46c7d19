// Which case file a command line names: `attest path/to/case.attest`, from a first launch or a second instance.
import { isAbsolute, resolve } from 'node:path';
import { CASE_EXTENSION } from '../../db/caseFile.ts';

/**
 * The last argument that names a .attest file, resolved against the directory the command ran in. Switches are
 * skipped: Chromium adds its own (--allow-file-access-from-files, ...) to a second instance's argv, and in
 * development argv also holds the Electron binary and the app folder (`electron . case.attest`).
 */
export function casePathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let index = argv.length - 1; index >= 1; index -= 1) {
    const arg = argv[index]!;
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(CASE_EXTENSION)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
