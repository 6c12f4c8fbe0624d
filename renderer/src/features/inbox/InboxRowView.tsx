// One row of the Inbox list: channel icon, the customer's name (or the address they wrote from),
// time and a dot when unread; the subject (or the last message) with the last message after it;
// status, category, whose it is when not the operator's own (free, or a teammate's) and the running
// SLA clock. A fixed height, so the virtual list places rows without measuring them.
//
// Plain elements and CSS (inbox.css), not Mantine's Group/Text/Badge: a screen of rows is drawn at
// once when the Inbox opens, and each Mantine component costs its props and styles resolution
// (measured: the list's first draw took 150 ms of script with them).
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../../contract/inbox-ipc.ts';
import { CHANNELS, CONVERSATION_STATUSES, type Channel, type ConversationStatus } from '../../../../contract/domain/conversation.ts';
import { ARTICLE_CATEGORIES } from '../../../../contract/domain/article.ts';
import { CHANNEL_LOOK, STATUS_COLOR } from './channel-look.ts';
import { chipStyle } from './chip-style.ts';
import { listTime } from './inbox-time.ts';
import { SlaChip } from './SlaChip.tsx';

export const INBOX_ROW_HEIGHT = 78;

/** The words every row repeats, looked up once per language rather than a dozen times per row. */
export function useRowWords() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      language,
      channel: Object.fromEntries(CHANNELS.map((c) => [c, t(`inbox.channel.${c}`)])) as Record<Channel, string>,
      status: Object.fromEntries(CONVERSATION_STATUSES.map((s) => [s, t(`inbox.status.${s}`)])) as Record<ConversationStatus, string>,
      category: Object.fromEntries(ARTICLE_CATEGORIES.map((c) => [c, t(`kb.categories.${c}`)])) as Record<string, string>,
      previewBy: { out: t('inbox.previewBy.out'), internal_note: t('inbox.previewBy.internal_note') } as Record<string, string>,
      noMessages: t('inbox.noMessages'),
      unread: t('inbox.unread'),
      unassigned: t('queues.unassigned'),
      unassignedHint: t('queues.unassignedHint'),
    }),
    [t, language],
  );
}

export type RowWords = ReturnType<typeof useRowWords>;

export const InboxRowView = memo(function InboxRowView({ row, active, selected, me, words }: { row: InboxRow; active: boolean; selected: boolean; me?: string | null; words: RowWords }) {
  const { t } = useTranslation();
  const look = CHANNEL_LOOK[row.channel];
  const Icon = look.icon;
  const who = row.customerName ?? row.externalAddress;
  const by = row.previewDirection && row.previewDirection !== 'in' ? (words.previewBy[row.previewDirection] ?? '') : '';
  const line = row.subject ?? (row.preview ? `${by}${row.preview}` : words.noMessages);
  const teammate = me && row.assigneeId !== null && row.assigneeId !== me ? row.assigneeName : null;
  return (
    <div
      className="pult-inbox-row"
      data-active={active || undefined}
      data-selected={selected || undefined}
      data-unread={row.unread || undefined}
      data-testid="inbox-row"
      data-id={row.id}
      data-channel={row.channel}
      data-status={row.status}
      data-queue={row.assigneeId === null ? 'unassigned' : me && row.assigneeId !== me ? 'team' : undefined}
      style={{ height: INBOX_ROW_HEIGHT }}
    >
      <div className="pult-inbox-row-head">
        <Icon size={16} stroke={1.7} color={`var(--mantine-color-${look.color}-6)`} aria-label={words.channel[row.channel]} role="img" style={{ flexShrink: 0 }} />
        <span className="pult-inbox-row-name" data-testid="inbox-row-name">
          {who}
        </span>
        <span className="pult-inbox-row-time">{listTime(row.updatedAt, words.language)}</span>
        {row.unread && <span className="pult-inbox-unread" role="img" aria-label={words.unread} data-testid="inbox-row-unread" />}
      </div>
      <div className="pult-inbox-row-text" data-dimmed={row.subject ? undefined : true}>
        <span data-testid="inbox-row-line">{line}</span>
        {row.subject && row.preview && (
          <span className="pult-inbox-row-preview">
            {' — '}
            {by}
            {row.preview}
          </span>
        )}
      </div>
      <div className="pult-inbox-row-chips">
        <span className="pult-chip" style={chipStyle(STATUS_COLOR[row.status], 'light')} data-testid="inbox-row-status">
          {words.status[row.status]}
        </span>
        {row.category && (
          <span className="pult-chip pult-chip-shrink" style={chipStyle('gray', 'outline')} title={words.category[row.category]} data-testid="inbox-row-category">
            {words.category[row.category]}
          </span>
        )}
        {row.assigneeId === null ? (
          <span className="pult-chip pult-chip-dot pult-chip-plain" style={chipStyle('violet', 'dot')} title={words.unassignedHint} data-testid="inbox-row-unassigned">
            {words.unassigned}
          </span>
        ) : (
          teammate && (
            <span className="pult-inbox-row-assignee" data-testid="inbox-row-assignee">
              {t('queues.assignedTo', { name: teammate })}
            </span>
          )
        )}
        <SlaChip sla={row.sla} status={row.status} createdAt={row.createdAt} />
      </div>
    </div>
  );
});
