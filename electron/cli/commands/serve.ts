// `attest serve CASE`: browser mode on a case file, until interrupted.
import type { Command } from 'commander';
import { wholeNumber } from '../options.ts';
import { authorName, resolvePath, type Session } from '../session.ts';
import { leaf } from './common.ts';

export function registerServeCommand(program: Command, session: Session): void {
  leaf(program, 'serve <case>', 'open the case in a browser: serves Attest on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'the port to listen on (default: a free one)', wholeNumber('The port', 1, 65535))
    .action(async (path: string, options: { port?: number; json?: boolean }) => {
      // Loaded here, not at the top: every other command starts faster without the HTTP server's modules.
      const { startServer } = await import('../../serve/server.ts');
      const server = await startServer({
        casePath: resolvePath(session, path),
        author: authorName(session),
        port: options.port,
      });
      session.io.stdout(
        options.json
          ? `${JSON.stringify({ url: server.url, port: server.port })}\n`
          : `Attest is serving ${path} at\n  ${server.url}\nOpen that address in a browser on this machine. Press Ctrl-C to stop.\n`,
      );
      // Runs until the process is asked to stop; the case is closed cleanly first.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
