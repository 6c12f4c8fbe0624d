// Sound and devices: the microphone (with a live level meter), the speaker for calls and the ringer
// for the ringtone, each with a test; ringtone volume; auto-answer for headset users and its delay.
// Devices are picked by id and remembered with their name, so a renewed id still finds them.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Alert, Button, Group, Paper, Progress, Select, Slider, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMicrophone, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  AUTO_ANSWER_MAX_DELAY_SECONDS, DEFAULT_AUDIO_SETTINGS, DEFAULT_AUTO_ANSWER, type AudioDeviceChoice, type AudioSettings, type Settings,
} from '../../../../contract/config.ts';
import { useUpdateSettings } from '../../api/hooks.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { audioDevices } from '../../sip/devices/audio-devices.ts';
import { pickable, ROLE_KIND, type AudioDevice, type AudioRole } from '../../sip/devices/device-choice.ts';
import { ringer } from '../../sip/devices/ringer.ts';
import { useMicLevel } from './use-mic-level.ts';

const SYSTEM = '';

export function SoundDevicesSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const devices = useSyncExternalStore(audioDevices.subscribe, audioDevices.getSnapshot);
  useEffect(() => audioDevices.watch(), []);
  const audio = settings.audio ?? DEFAULT_AUDIO_SETTINGS;
  const autoAnswer = settings.autoAnswer ?? DEFAULT_AUTO_ANSWER;
  const [volume, setVolume] = useState(Math.round(audio.ringVolume * 100));
  const [delay, setDelay] = useState(autoAnswer.delaySeconds);
  const [metering, setMetering] = useState(false);
  const mic = useMicLevel(audio.microphone?.deviceId ?? null, metering);

  const fail = (e: unknown) => notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, e) });
  const saveAudio = (patch: Partial<AudioSettings>) => update.mutate({ audio: { ...audio, ...patch } }, { onError: fail });
  const choose = (role: AudioRole, deviceId: string | null) => {
    const device = devices.devices.find((d) => d.deviceId === deviceId && d.kind === ROLE_KIND[role]);
    const choice: AudioDeviceChoice | null = deviceId && device ? { deviceId, label: device.label } : null;
    saveAudio({ [role]: choice });
  };
  const sinkOf = (role: 'speaker' | 'ringer') => audio[role]?.deviceId ?? SYSTEM;

  const picker = (role: AudioRole, test: React.ReactNode) => (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <Select
        data-testid={`audio-${role}`}
        label={t(`settings.audio.${role}`)}
        data={options(t, pickable(devices.devices, ROLE_KIND[role]), audio[role])}
        value={audio[role]?.deviceId ?? SYSTEM}
        onChange={(v) => choose(role, v || null)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        style={{ flex: 1 }}
        error={devices.resolved[role].missing ? t('settings.audio.missing') : undefined}
      />
      {test}
    </Group>
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-audio-title" data-testid="settings-audio">
      <Title order={2} id="settings-audio-title" mb="xs">
        {t('settings.audio.title')}
      </Title>
      <Stack gap="md">
        {!devices.labelled && (
          <Alert variant="light" color="blue" data-testid="audio-unlock">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('settings.audio.needPermission')}</Text>
              <Button size="xs" variant="light" onClick={() => audioDevices.unlockLabels().catch((e: unknown) => notifications.show({ color: 'red', title: t('settings.audio.permissionFailed'), message: errorMessage(t, e) }))}>
                {t('settings.audio.allow')}
              </Button>
            </Group>
          </Alert>
        )}
        <div>
          {picker(
            'microphone',
            <Button variant={metering ? 'filled' : 'default'} data-testid="audio-mic-test" leftSection={<IconMicrophone size={16} aria-hidden />} onClick={() => setMetering(!metering)}>
              {metering ? t('settings.audio.stop') : t('settings.audio.test')}
            </Button>,
          )}
          {metering && (
            <Stack gap={4} mt="xs">
              <Progress data-testid="audio-mic-level" data-level={mic.level.toFixed(2)} value={mic.level * 100} color={mic.level > 0.85 ? 'orange' : 'teal'} size="lg" aria-label={t('settings.audio.level')} transitionDuration={0} />
              <Text size="xs" c={mic.error ? 'red' : 'dimmed'}>
                {mic.error ? errorMessage(t, mic.error) : t('settings.audio.levelHint')}
              </Text>
            </Stack>
          )}
        </div>
        {picker(
          'speaker',
          <Button variant="default" data-testid="audio-speaker-test" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => void ringer.beep(sinkOf('speaker'), audio.ringVolume, true)}>
            {t('settings.audio.test')}
          </Button>,
        )}
        {picker(
          'ringer',
          <Button variant="default" data-testid="audio-ringer-test" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => ringer.preview(sinkOf('ringer'), audio.ringVolume)}>
            {t('settings.audio.test')}
          </Button>,
        )}
        <div>
          <Text size="sm" fw={500} mb={4} id="audio-volume-label">
            {t('settings.audio.volume')}
          </Text>
          <Slider
            data-testid="audio-volume"
            aria-labelledby="audio-volume-label"
            value={volume}
            onChange={setVolume}
            onChangeEnd={(v) => saveAudio({ ringVolume: v / 100 })}
            min={0}
            max={100}
            step={5}
            label={(v) => `${v}%`}
            marks={[{ value: 0, label: '0%' }, { value: 50, label: '50%' }, { value: 100, label: '100%' }]}
            mb="md"
          />
        </div>
        <Stack gap="xs">
          <Switch
            data-testid="auto-answer-toggle"
            checked={autoAnswer.enabled}
            onChange={(e) => update.mutate({ autoAnswer: { ...autoAnswer, enabled: e.currentTarget.checked } }, { onError: fail })}
            label={t('settings.audio.autoAnswer')}
            description={t('settings.audio.autoAnswerHint')}
          />
          <Text size="sm" fw={500} id="auto-answer-delay-label">
            {t('settings.audio.autoAnswerDelay', { count: delay })}
          </Text>
          <Slider
            data-testid="auto-answer-delay"
            aria-labelledby="auto-answer-delay-label"
            disabled={!autoAnswer.enabled}
            value={delay}
            onChange={setDelay}
            onChangeEnd={(v) => update.mutate({ autoAnswer: { ...autoAnswer, delaySeconds: v } }, { onError: fail })}
            min={0}
            max={AUTO_ANSWER_MAX_DELAY_SECONDS}
            step={1}
            label={(v) => t('settings.audio.seconds', { count: v })}
            marks={[{ value: 0, label: '0' }, { value: 5, label: '5' }, { value: AUTO_ANSWER_MAX_DELAY_SECONDS, label: String(AUTO_ANSWER_MAX_DELAY_SECONDS) }]}
            mb="md"
          />
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The system default first, the devices plugged in, and a chosen one that is not (so it still shows). */
function options(t: TFunction, list: AudioDevice[], chosen: AudioDeviceChoice | null) {
  const items = [{ value: SYSTEM, label: t('settings.audio.system') }];
  list.forEach((d, i) => items.push({ value: d.deviceId, label: d.label || t('settings.audio.unnamed', { n: i + 1 }) }));
  if (chosen && !list.some((d) => d.deviceId === chosen.deviceId)) {
    items.push({ value: chosen.deviceId, label: t('settings.audio.notConnected', { device: chosen.label || t('phone.devices.unnamed') }) });
  }
  return items;
}
