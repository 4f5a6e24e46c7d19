// The Electron main process entry (bundled to out/main/main.cjs): starts the desktop shell.
import { startShell } from './shell.ts';

startShell({ argv: process.argv, cwd: process.cwd() });
