// Steps through a troubleshooting script during a call: the current question with its answers
// (also keys 1…8), the path taken so far, back and start over, and at the end the outcome with the
// whole path ready to copy into a ticket or to save into a conversation as a note.
import { useState } from 'react';
import { Badge, Button, Group, Kbd, Loader, Paper, ScrollArea, Stack, Text, Timeline, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCopy, IconRefresh } from '@tabler/icons-react';
import Markdown from 'react-markdown';
import { useTranslation } from 'react-i18next';
import type { ScriptPath, TroubleshootingScript } from '../../../../contract/domain/script.ts';
import { SaveToConversation } from './SaveToConversation.tsx';
import { back, choose, pathAsText, stepOf } from './script-path.ts';
import { useScript } from './use-scripts.ts';

const OUTCOME_COLOR: Record<string, string> = { resolved: 'teal', customer_action: 'blue', outage: 'orange', engineer_ticket: 'red', escalate: 'grape' };

export function ScriptRunner({ id }: { id: string }) {
  const script = useScript(id);
  if (script.isPending) return <Loader size="sm" m="md" />;
  if (!script.data) return null;
  // Keyed by id: choosing another script starts at its beginning.
  return <Walk key={id} script={script.data} />;
}

function Walk({ script }: { script: TroubleshootingScript }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<ScriptPath>([{ step: script.start, answer: null }]);
  const current = stepOf(script, path.at(-1)!.step);
  useHotkeys(
    current?.kind === 'question' ? current.answers.map((_, i) => [`${i + 1}`, () => setPath((p) => choose(script, p, i))] as [string, () => void]) : [],
  );
  if (!current) return null;
  const outcome = (o: string) => t(`scripts.outcomes.${o}`);
  const copy = async () => {
    await navigator.clipboard.writeText(pathAsText(script, path, outcome));
    notifications.show({ color: 'teal', message: t('scripts.copied') });
  };

  return (
    <Paper withBorder p="md" h="100%" data-testid="script-runner">
      <ScrollArea h="100%" type="auto">
        <Group justify="space-between" mb="sm" wrap="nowrap">
          <Title order={2} size="h4">
            {script.title}
          </Title>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} disabled={path.length < 2} onClick={() => setPath(back)} data-testid="script-back">
              {t('scripts.back')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => setPath([{ step: script.start, answer: null }])}>
              {t('scripts.restart')}
            </Button>
          </Group>
        </Group>

        <Paper p="md" radius="md" bg="var(--mantine-color-default-hover)" data-testid="script-step" data-kind={current.kind}>
          {current.kind === 'end' && (
            <Badge color={OUTCOME_COLOR[current.outcome]} mb="xs" data-testid="script-outcome">
              {outcome(current.outcome)}
            </Badge>
          )}
          <Markdown skipHtml>{current.text}</Markdown>
          {current.kind === 'question' ? (
            <Stack gap={6} mt="sm">
              {current.answers.map((a, i) => (
                <Button key={a.next + i} variant="light" justify="flex-start" leftSection={<Kbd size="xs">{i + 1}</Kbd>} onClick={() => setPath((p) => choose(script, p, i))} data-testid="script-answer">
                  {a.label}
                </Button>
              ))}
            </Stack>
          ) : (
            <>
              <Button mt="sm" variant="default" leftSection={<IconCopy size={16} />} onClick={() => void copy()} data-testid="script-copy">
                {t('scripts.copyPath')}
              </Button>
              <SaveToConversation text={pathAsText(script, path, outcome)} />
            </>
          )}
        </Paper>

        {path.length > 1 && (
          <>
            <Text size="xs" c="dimmed" mt="md" mb={6}>
              {t('scripts.pathTaken')}
            </Text>
            <Timeline active={path.length - 2} bulletSize={14} lineWidth={2} data-testid="script-path">
              {path.slice(0, -1).map((p, i) => {
                const step = stepOf(script, p.step);
                const answer = step?.kind === 'question' && p.answer !== null ? step.answers[p.answer]?.label : '';
                return (
                  <Timeline.Item key={`${p.step}-${i}`} title={<Text size="xs" lineClamp={2}>{step?.text.replace(/\*\*/g, '')}</Text>}>
                    <Text size="xs" fw={600}>
                      {answer}
                    </Text>
                  </Timeline.Item>
                );
              })}
            </Timeline>
          </>
        )}
      </ScrollArea>
    </Paper>
  );
}
