/** The mandate-lint executable. */
import { runCli } from './run';

/** Standard input as bytes (decoded later like a file); stops reading once there are more than `maxBytes`. */
function readStdin(maxBytes = Infinity): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > maxBytes) {
        // Enough to say it is too large: stop reading (a pipe from /dev/zero never ends).
        process.stdin.off('data', onData);
        process.stdin.pause();
        process.stdin.destroy();
        resolvePromise(Buffer.concat(chunks));
      }
    };
    process.stdin.on('data', onData);
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/**
 * A reader that goes away (`mandate-lint drafts/ | head -1`) closes the pipe: the rest of the output is dropped
 * quietly and the process ends with its normal exit code, instead of an unhandled EPIPE error.
 */
let stdoutClosed = false;
let stderrClosed = false;
const closedPipe = (error: NodeJS.ErrnoException) => error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (closedPipe(error)) {
    stdoutClosed = true;
    return;
  }
  if (!stderrClosed) process.stderr.write(`mandate-lint: cannot write the output: ${error.message}\n`);
  process.exitCode = 2;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  stderrClosed = true;
  if (!closedPipe(error)) process.exitCode = 2;
});

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => {
    if (!stderrClosed) process.stderr.write(text);
  },
  readStdin,
  stdoutIsTTY: !!process.stdout.isTTY,
  env: process.env,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    if (!stderrClosed) process.stderr.write(`mandate-lint: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 2;
  });
