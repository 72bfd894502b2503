/**
 * Re-indents JSON text token by token, without parsing values, so every number and string keeps the exact
 * characters the server sent (JSON.stringify(JSON.parse(x)) would round 12345678901234567890 and turn
 * `1.10` into `1.1`).
 *
 * Indentation grows with depth, so the output of hostile nesting grows with the square of it (31 KB nested
 * 16,000 deep would be 488 MB). The output's size is measured first, in one pass that builds nothing; past
 * `maxFormattedChars` the text is kept as sent and the caller says why.
 */
export interface FormattedJson {
  /** The re-indented text, or the text as sent when `asSent` is set. */
  readonly text: string;
  /** Set when re-indenting would have made `chars` characters (nesting `depth` levels deep). */
  readonly asSent?: { readonly chars: number; readonly depth: number };
}

/** Four times the input, and at least 1 MB: plenty for any real event, whose layout adds a few spaces a line. */
function maxFormattedChars(inputChars: number): number {
  return Math.max(4 * inputChars, 1 << 20);
}

export function formatJson(text: string, indent = '  '): FormattedJson {
  const size = measure(text, indent.length);
  if (size.chars > maxFormattedChars(text.length)) return { text, asSent: size };
  // one string per depth, built once: each line's indentation is then a shared string, not a new repeat
  const indents = [''];
  let out = '';
  layout(text, {
    token: (piece) => (out += piece),
    newline: (depth) => (out += '\n' + (indents[depth] ??= indents[depth - 1] + indent)),
  });
  return { text: out };
}

/** formatJson's text: re-indented, or as sent when that would be too large. */
export function reindentJson(text: string, indent = '  '): string {
  return formatJson(text, indent).text;
}

function measure(text: string, indentWidth: number): { chars: number; depth: number } {
  let chars = 0;
  let depth = 0;
  layout(text, {
    token: (piece) => (chars += piece.length),
    newline: (d) => {
      chars += 1 + d * indentWidth;
      if (d > depth) depth = d;
    },
  });
  return { chars, depth };
}

interface Sink {
  token(piece: string): void;
  /** A line break followed by the indentation of `depth` (depth only ever moves by one between calls). */
  newline(depth: number): void;
}

function layout(text: string, sink: Sink): void {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      sink.token(text.slice(i, end));
      i = end;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = nextSignificant(text, i + 1);
      if (text[next] === close) {
        sink.token(c + close);
        i = next + 1;
        continue;
      }
      depth++;
      sink.token(c);
      sink.newline(depth);
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      sink.newline(depth);
      sink.token(c);
    } else if (c === ',') {
      sink.token(',');
      sink.newline(depth);
    } else if (c === ':') {
      sink.token(': ');
    } else {
      // a number, a literal or stray text: one piece up to the next structural character
      const end = wordEnd(text, i);
      sink.token(text.slice(i, end));
      i = end;
      continue;
    }
    i++;
  }
}

function wordEnd(text: string, i: number): number {
  while (i < text.length && !STRUCTURAL.has(text[i])) i++;
  return i;
}

const STRUCTURAL = new Set(['"', ' ', '\n', '\r', '\t', '{', '}', '[', ']', ',', ':']);

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return Math.min(i, text.length);
}

function nextSignificant(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}
