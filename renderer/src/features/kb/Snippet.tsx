// A search snippet: text segments with the matched words marked. Segments are plain text, never
// HTML, so nothing in an article can inject markup here.
import { Text } from '@mantine/core';
import type { KbHit } from '../../../../contract/kb.ts';

export function Snippet({ segments }: { segments: KbHit['snippet'] }) {
  return (
    <Text size="xs" c="dimmed" lineClamp={2}>
      {segments.map((s, i) => (s.hit ? <mark key={i} className="pult-hit">{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </Text>
  );
}
