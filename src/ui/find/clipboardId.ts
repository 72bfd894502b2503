import { idKindOf } from '../../core/idShapes';

/** How long Find waits for the clipboard before it asks with an empty box: a clipboard that answers does so in milliseconds. */
export const CLIPBOARD_WAIT_MS = 300;

/**
 * The clipboard's text when it is an id worth prefilling Find with: a correlation id, a Pismo event id
 * (`TENANT::ACCOUNT::TIMESTAMP`) or a number (a TalentLMS event id). A clipboard that answers later than `waitMs`,
 * or fails, gives nothing: Find asks within `waitMs` whatever the clipboard does.
 */
export async function clipboardId(read: () => PromiseLike<string>, waitMs = CLIPBOARD_WAIT_MS): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
  try {
    const text = (await Promise.race([read(), late]))?.trim() ?? '';
    return idKindOf(text) || /^\d{1,30}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
