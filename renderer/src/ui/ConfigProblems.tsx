// IT's preset problems, each with the file and field it is about, so whoever reads it knows what to fix.
import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from '../../../contract/config.ts';
import { fieldLabel } from '../i18n/error-message.ts';

export function ConfigProblems({ problems }: { problems: readonly ConfigProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert
      data-testid="config-problems"
      color="yellow"
      variant="light"
      title={t('config.problemsTitle')}
      icon={<IconAlertTriangle size={18} />}
    >
      <List size="sm" spacing={4}>
        {problems.map((p, i) => (
          <List.Item key={i}>
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {p.field
                ? t('config.problem', { source: p.source, field: `${fieldLabel(t, p.field)} (${p.field})`, message: p.message })
                : t('config.problemNoField', { source: p.source, message: p.message })}
            </Text>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt="xs">
        {t('config.problemsHint')}
      </Text>
    </Alert>
  );
}
