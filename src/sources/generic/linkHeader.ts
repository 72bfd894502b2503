/**
 * The target of the first link in an RFC 8288 `Link` header whose relation types include `rel`
 * (`<https://api.example.com/logs?after=X>; rel="next"`), as written; undefined when there is none. One pass
 * over the header, whatever it holds: a header of 10,000 links costs one read of its characters.
 */
export function linkTarget(header: string | undefined, rel: string): string | undefined {
  if (!header) return undefined;
  const wanted = rel.toLowerCase();
  let at = 0;
  while (at < header.length) {
    const open = header.indexOf('<', at);
    if (open < 0) return undefined;
    const close = header.indexOf('>', open + 1);
    if (close < 0) return undefined;
    const target = header.slice(open + 1, close).trim();
    const params = readParams(header, close + 1);
    if (params.rels.includes(wanted)) return target;
    at = params.end;
  }
  return undefined;
}

/** The `rel` values of one link's parameters, read up to the comma that ends the link (quoted commas skipped). */
function readParams(header: string, from: number): { rels: string[]; end: number } {
  let rels: string[] = [];
  let i = from;
  while (i < header.length && header[i] !== ',') {
    if (header[i] !== ';') {
      i++;
      continue;
    }
    const nameStart = ++i;
    while (i < header.length && !'=;,'.includes(header[i])) i++;
    const name = header.slice(nameStart, i).trim().toLowerCase();
    if (header[i] !== '=') continue;
    i++;
    while (header[i] === ' ' || header[i] === '\t') i++;
    let value: string;
    if (header[i] === '"') {
      let j = i + 1;
      let out = '';
      while (j < header.length && header[j] !== '"') {
        if (header[j] === '\\') j++;
        out += header[j] ?? '';
        j++;
      }
      value = out;
      i = j + 1;
    } else {
      const start = i;
      while (i < header.length && header[i] !== ';' && header[i] !== ',') i++;
      value = header.slice(start, i).trim();
    }
    // RFC 8288: only the first rel parameter of a link counts
    if (name === 'rel' && rels.length === 0) rels = value.toLowerCase().split(/\s+/).filter(Boolean);
  }
  return { rels, end: i + 1 };
}
