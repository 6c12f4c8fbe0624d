// The composer outside WhatsApp's 24-hour window: no free text, only an approved template — chosen
// from the canned responses, shown as the customer will read it, with its parameters to check or
// fill in (one without a value stays empty and blocks sending, never goes out blank).
import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CannedValues } from './canned-variables.ts';
import { soleVariable, templateToSend, type PickedTemplate } from './composer-template.ts';

export interface TemplateReplyProps {
  picked: PickedTemplate | null;
  values: CannedValues;
  hasTemplates: boolean;
  onChange(next: PickedTemplate | null): void;
  onChoose(): void;
}

export function TemplateReply({ picked, values, hasTemplates, onChange, onChoose }: TemplateReplyProps) {
  const { t } = useTranslation();
  if (!picked) {
    return (
      <Group gap={6}>
        <Button size="xs" leftSection={<IconTemplate size={14} />} onClick={onChoose} disabled={!hasTemplates} data-testid="composer-choose-template">
          {t('composer.template.choose')}
        </Button>
        {!hasTemplates && <Text size="xs" c="dimmed">{t('composer.template.none')}</Text>}
      </Group>
    );
  }
  const sending = templateToSend(picked, values);
  const source = picked.response.template!;
  return (
    <Paper withBorder p="xs" data-testid="composer-template" data-template={source.name}>
      <Group justify="space-between" gap={6}>
        <Group gap={6}>
          <Text size="sm" fw={600}>{picked.response.title}</Text>
          <Badge size="xs" variant="outline" color="gray">{source.language}</Badge>
        </Group>
        <Button size="compact-xs" variant="subtle" onClick={onChoose}>{t('composer.template.other')}</Button>
      </Group>
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="composer-template-preview">{sending.body}</Text>
      <Stack gap={4} mt={6}>
        {source.parameters.map((p, i) => {
          const v = soleVariable(p);
          const value = sending.template.parameters[i] ?? '';
          return (
            <TextInput
              key={i}
              size="xs"
              label={v ? t('composer.template.parameterNamed', { n: i + 1, what: t(`composer.variables.${v}`) }) : t('composer.template.parameter', { n: i + 1 })}
              value={picked.edits[i] ?? (sending.missing.includes(i + 1) ? '' : value)}
              onChange={(e) => onChange({ ...picked, edits: { ...picked.edits, [i]: e.currentTarget.value } })}
              error={sending.missing.includes(i + 1) ? t('composer.template.fill') : undefined}
              maxLength={1024}
              data-testid="composer-template-parameter"
            />
          );
        })}
      </Stack>
    </Paper>
  );
}
