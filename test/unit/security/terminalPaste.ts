import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * A shell as a user meets it in a terminal: interactive, on a pseudo-terminal, with its own defaults (zsh without
 * INTERACTIVE_COMMENTS, so `#` is a command), and whether its line editor asks for bracketed paste.
 */
export interface Shell {
  readonly name: string;
  readonly argv: readonly string[];
  /** The terminal wraps a paste in ESC[200~ … ESC[201~, as VS Code's does once the shell enabled it. */
  readonly bracketed: boolean;
  /** Files the shell reads at start, relative to its HOME. */
  readonly files?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
}

export const SHELLS: readonly Shell[] = [
  { name: 'bash', argv: ['bash', '--norc', '--noprofile', '-i'], bracketed: true },
  // Readline without bracketed paste: pasted text arrives as typed keys.
  { name: 'bash (bracketed paste off)', argv: ['bash', '--norc', '--noprofile', '-i'], bracketed: false, files: { inputrc: 'set enable-bracketed-paste off\n' }, env: { INPUTRC: 'inputrc' } },
  { name: 'zsh', argv: ['zsh', '-f', '-i'], bracketed: true },
  { name: 'fish', argv: ['fish', '-i'], bracketed: true },
  { name: 'dash', argv: ['dash', '-i'], bracketed: false },
];

/**
 * Drives a shell on a pseudo-terminal: waits until it reads lines, pastes the text as a terminal does, presses
 * Enter, waits for a marker command to print, and exits. Each step waits for the shell's own output; the
 * deadline only bounds a shell that never answers. The echoed commands split their markers with '' so that
 * only their output holds them.
 */
const DRIVER = String.raw`
import os, pty, select, sys, time
paste_file, bracketed, limit = sys.argv[1], sys.argv[2] == '1', float(sys.argv[3])
argv = sys.argv[4:]
paste = open(paste_file, 'rb').read()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out = bytearray()
deadline = time.monotonic() + limit

def read():
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([fd], [], [], left)[0]:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:
        return b''

def until(seen, start):
    while out.find(seen, start) < 0:
        chunk = read()
        if not chunk:
            os.kill(pid, 9)
            sys.stdout.buffer.write(bytes(out))
            sys.stderr.write('no %r from the shell %s\n' % (seen, 'in time' if chunk is None else 'before it ended'))
            sys.exit(3)
        out.extend(chunk)
    return out.find(seen, start) + len(seen)

os.write(fd, b"echo RE''ADY\r")
at = until(b'READY\r\n', 0)
if bracketed:
    at = until(b'\x1b[?2004h', at)
os.write(fd, (b'\x1b[200~' + paste + b'\x1b[201~' if bracketed else paste) + b'\r')
os.write(fd, b"echo DO''NE\r")
until(b'DONE\r\n', at)
os.write(fd, b'exit\r')
while True:
    chunk = read()
    if chunk is None:
        os.kill(pid, 9)
        sys.stderr.write('the shell did not exit\n')
        sys.exit(3)
    if not chunk:
        break
    out.extend(chunk)
os.waitpid(pid, 0)
sys.stdout.buffer.write(bytes(out))
`;

/** `curl` for the pasted command: writes its arguments, each ended by NUL, to $CURL_ARGV, and sends nothing. */
const CURL_SHIM = '#!/bin/sh\nfor arg; do printf \'%s\\0\' "$arg"; done > "$CURL_ARGV"\n';
/** Where the shells find `touch`, `printf` and the rest; the shim's folder comes first. */
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';
const DEADLINE_SECONDS = 20;

export interface PasteResult {
  /** The arguments `curl` was run with; undefined when it never ran. */
  readonly curlArgs: string[] | undefined;
  /** What the terminal showed, for the failure message. */
  readonly transcript: string;
}

/** A folder for shells' homes and the curl shim; every shell runs with its own HOME inside it. */
export class Terminal {
  private runs = 0;
  private readonly bin: string;

  constructor(private readonly dir: string) {
    this.bin = join(dir, 'bin');
    mkdirSync(this.bin, { recursive: true });
    writeFileSync(join(this.bin, 'curl'), CURL_SHIM);
    chmodSync(join(this.bin, 'curl'), 0o755);
  }

  /** Fails, saying how to install it, when a shell the tests need is missing: CI installs them all. */
  static requireInstalled(shell: Shell): void {
    const program = shell.argv[0];
    if (!SYSTEM_PATH.split(delimiter).some((d) => existsSync(join(d, program)))) {
      throw new Error(`${program} is not installed: the paste tests need it (scripts/vscode-host/install.sh installs it; or apt-get install ${program}).`);
    }
  }

  /** Pastes `text` into `shell` and presses Enter, with `env` (a secret's variable) set. */
  paste(shell: Shell, text: string, env: Record<string, string> = {}): PasteResult {
    Terminal.requireInstalled(shell);
    const run = join(this.dir, `run-${++this.runs}`);
    const home = join(run, 'home');
    mkdirSync(home, { recursive: true });
    for (const [name, content] of Object.entries(shell.files ?? {})) writeFileSync(join(home, name), content);
    const pasteFile = join(run, 'paste');
    writeFileSync(pasteFile, text);
    const argvFile = join(run, 'curl-argv');
    const shellEnv = Object.fromEntries(Object.entries(shell.env ?? {}).map(([k, v]) => [k, join(home, v)]));
    const result = spawnSync('python3', ['-c', DRIVER, pasteFile, shell.bracketed ? '1' : '0', String(DEADLINE_SECONDS), ...shell.argv], {
      cwd: home,
      env: {
        ...env,
        ...shellEnv,
        HOME: home,
        PATH: `${this.bin}${delimiter}${SYSTEM_PATH}`,
        TERM: 'xterm-256color',
        LANG: 'C.UTF-8',
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local/share'),
        XDG_CACHE_HOME: join(home, '.cache'),
        CURL_ARGV: argvFile,
      },
      timeout: (DEADLINE_SECONDS + 10) * 1000,
    });
    const transcript = `${result.stdout?.toString('utf8') ?? ''}${result.stderr?.toString('utf8') ?? ''}`;
    if (result.status !== 0) throw new Error(`${shell.name} on a pseudo-terminal failed (${result.error?.message ?? `exit ${result.status}`}):\n${transcript}`);
    const curlArgs = existsSync(argvFile) ? readFileSync(argvFile, 'utf8').split('\0').slice(0, -1) : undefined;
    rmSync(run, { recursive: true, force: true });
    return { curlArgs, transcript };
  }
}
