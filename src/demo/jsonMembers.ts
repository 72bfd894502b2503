/**
 * The members of a JSON object, each value as its exact text: numbers keep every digit and spacing inside
 * a value is kept, which a JSON.parse and JSON.stringify round trip would lose. The text must already be
 * valid JSON holding an object (JSON.parse accepted it), so the scan needs no error handling.
 */
export function objectMembers(text: string): { readonly key: string; readonly value: string }[] {
  const members: { key: string; value: string }[] = [];
  let i = skipSpace(text, 0) + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === '}') return members;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const start = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    const end = valueEnd(text, start);
    members.push({ key, value: text.slice(start, end) });
    i = skipSpace(text, end);
    if (text[i] === ',') i++;
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}

/** Just past the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first !== '{' && first !== '[') {
    let i = start; // a number, true, false or null
    while (i < text.length && !' \t\n\r,}]'.includes(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; ; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
}
