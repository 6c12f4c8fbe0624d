// The star beside an article's title: in or out of this agent's favourites (kept on this PC).
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useKbSaved, useSetFavourite } from './use-kb-saved.ts';

export function FavouriteToggle({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const saved = useKbSaved();
  const set = useSetFavourite();
  const starred = set.isPending ? set.variables.favourite : (saved.data?.favourites.some((f) => f.id === articleId) ?? false);
  const label = starred ? t('kb.saved.unstar') : t('kb.saved.star');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color={starred ? 'yellow' : 'gray'}
        size="lg"
        aria-label={label}
        aria-pressed={starred}
        data-testid="kb-favourite"
        onClick={() => set.mutate({ articleId, favourite: !starred })}
      >
        {starred ? <IconStarFilled size={20} aria-hidden /> : <IconStar size={20} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}
