import { Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { current: number; labels: string[] };

/** The wizard's steps as an ordered list; the current one is marked with aria-current and bold text. */
export function ImportSteps({ current, labels }: Props) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('imports.stepsLabel')}>
      <Group component="ol" gap="lg" m={0} mb="lg" p={0} style={{ listStyle: 'none' }}>
        {labels.map((label, index) => {
          const step = index + 1;
          const done = step < current;
          const active = step === current;
          return (
            <Text
              component="li"
              key={label}
              fw={active ? 700 : 400}
              td={active ? 'underline' : undefined}
              aria-current={active ? 'step' : undefined}
            >
              <span aria-hidden="true">{done ? '✓ ' : `${step}. `}</span>
              {label}
              {done && <VisuallyHidden>{` (${t('imports.stepDone')})`}</VisuallyHidden>}
            </Text>
          );
        })}
      </Group>
    </nav>
  );
}
