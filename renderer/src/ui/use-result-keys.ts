// Keyboard for a search field above a result list: ↓/↑ move the highlighted result, Enter opens it.
// The field keeps focus, so the operator can go on typing.
import { useState } from 'react';

export function useResultKeys(ids: readonly string[], open: (id: string) => void) {
  const [cursor, setCursor] = useState(0);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!ids.length) return;
    if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, ids.length - 1));
    else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
    else if (e.key === 'Enter') open(ids[Math.min(cursor, ids.length - 1)]!);
    else return;
    e.preventDefault();
  };
  return { cursor, setCursor, onKeyDown };
}
