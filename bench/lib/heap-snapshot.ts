// How much of a page's V8 heap is compiled code (bytecode, machine code, feedback vectors — what the
// JIT adds while a page warms up, not data the page keeps), from a CDP heap snapshot: the sum of
// the self sizes of the snapshot's nodes of type "code".
import type { CDPSession } from '@playwright/test';

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

export async function compiledCodeBytes(cdp: CDPSession): Promise<number> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => { chunks.push(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join('')) as SnapshotJson;
  const fields = snap.snapshot.meta.node_fields;
  const code = snap.snapshot.meta.node_types[0].indexOf('code');
  const [width, typeAt, sizeAt] = [fields.length, fields.indexOf('type'), fields.indexOf('self_size')];
  let bytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) if (snap.nodes[i + typeAt] === code) bytes += snap.nodes[i + sizeAt]!;
  return bytes;
}
