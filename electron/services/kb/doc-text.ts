// kb_doc's text and terms as UTF-16 BLOBs: the database is UTF-8, and turning a few kilobytes of
// Cyrillic UTF-8 into a JS string costs several times a plain copy of UTF-16 — on every hit of
// every search, and at every insert the other way round.
export const toStored = (text: string): Buffer => Buffer.from(text, 'utf16le');
export const fromStored = (stored: Uint8Array): string => Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('utf16le');
