#!/usr/bin/env node
// The `attest` executable (package.json "bin"): runs the command line on this process's arguments and streams.
import { enableCompileCache } from 'node:module';

// Node strips the types of every .ts module on each start, which costs most of a short command's time; the
// compile cache (https://nodejs.org/api/module.html#module-compile-cache, in the OS temp folder unless
// NODE_COMPILE_CACHE says otherwise) keeps the result. It must be on before the engine is imported, hence the
// dynamic import below.
enableCompileCache();
const { runAttest } = await import('./program.ts');

// `attest export ... | head` closes the pipe early; that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runAttest(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
