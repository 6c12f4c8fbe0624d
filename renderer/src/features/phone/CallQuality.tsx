// The call-quality indicator beside the call's status: signal bars coloured by level and the MOS,
// the figures behind it in a tooltip (hover or keyboard focus), and a warning in words while the
// line stays bad (sip/call-quality/quality-warning.ts says when).
import { Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { codecName } from '../../sip/call-quality/codec-impairment.ts';
import type { QualityLevel, QualitySample } from '../../sip/call-quality/quality-sample.ts';
import { useCallQuality } from './use-call-quality.ts';

const COLOR: Record<QualityLevel, string> = { good: 'teal', fair: 'orange', poor: 'red' };
const BARS_LIT: Record<QualityLevel, number> = { good: 4, fair: 3, poor: 1 };
const CODEC_LABEL: Record<string, string> = { opus: 'Opus', pcmu: 'G.711 μ-law (PCMU)', pcma: 'G.711 A-law (PCMA)', g722: 'G.722' };

export function CallQuality({ sipId, active }: { sipId: string; active: boolean }) {
  const { t, i18n } = useTranslation();
  const quality = useCallQuality(sipId, active);
  if (!quality) return null;
  const { sample, warning } = quality;
  const color = COLOR[sample.level];
  const decimal = (x: number) => new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
  const whole = (x: number | null) => (x === null ? t('phone.quality.noData') : t('phone.quality.ms', { value: Math.round(x) }));
  const loss = (x: number | null | undefined) => (x == null ? t('phone.quality.noData') : t('phone.quality.percent', { value: decimal(x) }));
  const mos = decimal(sample.mos);
  const title = t('phone.quality.title', { level: t(`phone.quality.level.${sample.level}`) });
  const lines = [
    t('phone.quality.mos', { mos }),
    t('phone.quality.rtt', { value: whole(sample.rttMs) }),
    t('phone.quality.jitter', { value: whole(sample.jitterMs) }),
    t('phone.quality.lossIn', { value: loss(sample.received?.lossPct) }),
    t('phone.quality.lossOut', { value: loss(sample.sent?.lossPct) }),
    t('phone.quality.codec', { value: codecLabel(sample, t('phone.quality.noData')) }),
  ];

  return (
    <Stack gap={2} align="flex-end" data-testid="call-quality" data-level={sample.level} data-mos={sample.mos.toFixed(2)} data-warning={warning}>
      <Tooltip
        withArrow
        multiline
        events={{ hover: true, focus: true, touch: true }}
        label={
          <Stack gap={0} data-testid="call-quality-details">
            <Text size="sm" fw={600}>{title}</Text>
            {lines.map((line) => (
              <Text size="xs" key={line}>{line}</Text>
            ))}
          </Stack>
        }
      >
        <Group gap={6} wrap="nowrap" tabIndex={0} aria-label={[title, ...lines].join('. ')} style={{ cursor: 'default', borderRadius: 4 }}>
          <SignalBars lit={BARS_LIT[sample.level]} color={color} />
          <Text size="sm" fw={600} c={`${color}.7`} data-testid="call-quality-mos" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('phone.quality.mosShort', { mos })}
          </Text>
        </Group>
      </Tooltip>
      {warning && (
        // Narrow, so the call panel keeps room for the caller's name: the text wraps instead.
        <Text size="xs" c="red.7" fw={500} ta="right" maw={210} data-testid="call-quality-warning" role="alert">
          <IconAlertTriangle size={13} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
          {t('phone.quality.warning')}
        </Text>
      )}
    </Stack>
  );
}

/** Four bars of rising height, the first `lit` in the level's colour. */
function SignalBars({ lit, color }: { lit: number; color: string }) {
  return (
    <svg width={18} height={14} viewBox="0 0 18 14" aria-hidden data-testid="call-quality-bars" data-lit={lit}>
      {[0, 1, 2, 3].map((i) => {
        const h = 5 + i * 3;
        return <rect key={i} x={i * 4.5} y={14 - h} width={3.2} height={h} rx={0.8} fill={i < lit ? `var(--mantine-color-${color}-6)` : 'var(--mantine-color-default-border)'} />;
      })}
    </svg>
  );
}

function codecLabel(sample: QualitySample, none: string): string {
  const name = codecName(sample.codec);
  if (!name) return none;
  return CODEC_LABEL[name] ?? name.toUpperCase();
}
