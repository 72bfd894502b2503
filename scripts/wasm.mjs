// Assembles src/core/foldScan.wat into src/core/foldScanWasm.ts (the bytes, as base64, bundled with the code).
// `node scripts/wasm.mjs --print` writes the module's text to stdout instead, for the test that checks they agree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src/core/foldScan.wat');
const target = path.join(root, 'src/core/foldScanWasm.ts');

const assembler = await wabt();
const module = assembler.parseWat('foldScan.wat', readFileSync(source, 'utf8'), { simd: true });
const { buffer } = module.toBinary({});
module.destroy();
const text = `// Generated from foldScan.wat by \`npm run wasm\`: do not edit.
export const FOLD_SCAN_WASM = '${Buffer.from(buffer).toString('base64')}';
`;
if (process.argv.includes('--print')) process.stdout.write(text);
else writeFileSync(target, text);
