/** Output for people: what a hostile file name or draft could do to a terminal, defused. */
import { escapeControl } from '../node/files';
import type { CliIO } from './io';

/** Text for a terminal: control characters (ESC included) become visible escapes such as \x1b; line breaks stay. */
export function escapeForTerminal(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

/** The same IO with standard error (always read by people) escaped, and standard output too if `human`. */
export function humanIO(io: CliIO, human: boolean): CliIO {
  return { ...io, stderr: (text) => io.stderr(escapeForTerminal(text)), stdout: human ? (text) => io.stdout(escapeForTerminal(text)) : io.stdout };
}
