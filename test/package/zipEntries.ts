import * as fs from 'node:fs';

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * The entries a zip file (a .vsix) lists in its central directory. Reading the directory is all the
 * packaging test needs, and it takes these few lines rather than an archive library.
 */
export function zipEntries(file: string): ZipEntry[] {
  const zip = fs.readFileSync(file);
  // the end record is the last 22 bytes, followed by a comment of at most 65,535 bytes
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0 || zip.length - end > 22 + 0xffff) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${file}: bad central directory entry ${i}`);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + skip;
  }
  return entries;
}
