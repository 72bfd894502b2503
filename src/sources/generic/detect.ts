import { RawPage } from '../../core/rawPage';
import { ItemReader } from './events';
import type { GenericFields } from './mapping';
import { checkMapping } from './mappingSchema';
import { GENERIC_PRESETS, type GenericPreset } from './presets';

/** Each preset's fields, checked once. */
let checked: { preset: GenericPreset; fields: GenericFields }[] | undefined;

/**
 * The first preset (in GENERIC_PRESETS' order: the built-in kinds first, so their exports are found by their
 * shape) whose fields read an id, a time and a type from every one of `items`.
 */
export function detectPreset(items: readonly unknown[]): { preset: GenericPreset; fields: GenericFields } | undefined {
  if (items.length === 0) return undefined;
  checked ??= GENERIC_PRESETS.flatMap((preset) => {
    const result = checkMapping(preset.mapping);
    return 'mapping' in result ? [{ preset, fields: result.mapping.fields }] : [];
  });
  // the reader needs a page only to quote an item that does not fit, which is caught here
  const page = new RawPage(Buffer.from('[]'), undefined);
  return checked.find(({ fields }) => {
    const reader = new ItemReader(fields, page, false, (text) => text);
    return items.every((item, index) => {
      try {
        return reader.read(item, index)?.type !== 'UNKNOWN';
      } catch {
        return false;
      }
    });
  });
}
