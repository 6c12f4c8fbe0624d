// Which canned responses the composer offers for the open conversation, and the picker's filter.
// Outside WhatsApp's 24-hour window only approved templates may go out, so only they are offered;
// inside it (and in other channels) the text responses that suit the channel.
import type { CannedResponse } from '../../../../contract/domain/canned-response.ts';
import type { Channel } from '../../../../contract/domain/conversation.ts';
import type { ReplyWindow } from './composer-window.ts';

export function cannedFor(all: readonly CannedResponse[], channel: Channel, window: ReplyWindow): CannedResponse[] {
  return all.filter((c) => {
    if (!c.active) return false;
    if (c.channels.length > 0 && !c.channels.includes(channel)) return false;
    if (window.kind === 'templates_only') return c.kind === 'whatsapp_template';
    return c.kind === 'text';
  });
}

const fold = (s: string) => s.toLocaleLowerCase('ru').replaceAll('ё', 'е');

/** Every word of the query in the title or the text, ё as е, any case. */
export function matchCanned(list: readonly CannedResponse[], query: string): CannedResponse[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((c) => {
    const hay = fold(`${c.title} ${c.body}`);
    return words.every((w) => hay.includes(w));
  });
}
