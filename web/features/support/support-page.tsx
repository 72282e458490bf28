import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TSession } from '../../../common/api/support.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { MeasureList } from './measure-list.tsx';
import { SessionConfirmStep } from './session-confirm-step.tsx';
import { SessionForm } from './session-form.tsx';
import { type TMyMeasure, useMyMeasures } from './use-support.ts';

type Step =
  | { kind: 'list' }
  | { kind: 'form'; measures: TMyMeasure[] }
  | { kind: 'confirm'; session: TSession };

/** A step's heading that takes focus when the step opens, so keyboard and screen-reader users follow. */
function StepHeading({ id, children }: { id: string; children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Title order={2} size="h3" id={id} ref={ref} tabIndex={-1} mb="sm">
      {children}
    </Title>
  );
}

/**
 * "Mani skolēni": the caller's consultation measures with hours planned and delivered; record a
 * session for one student or a group, then let each student confirm with the PIN on this screen.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const measures = useMyMeasures();
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [selected, setSelected] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const backToList = (text: string | null) => {
    setMessage(text);
    setStep({ kind: 'list' });
  };

  return (
    <Stack gap="md">
      <PageHeading>{t('support.title')}</PageHeading>
      <Group justify="space-between" wrap="wrap">
        <Text>{t('support.intro')}</Text>
        <Anchor component={Link} to="/support/week">
          {t('support.weekLink')}
        </Anchor>
      </Group>
      {step.kind === 'list' && <StatusMessage message={message} />}
      {step.kind === 'form' && (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="support-step">
          <StepHeading id="support-step">{t('support.formTitle')}</StepHeading>
          <SessionForm
            measures={step.measures}
            onCancel={() => backToList(null)}
            onSaved={(session) => {
              setSelected([]);
              setStep({ kind: 'confirm', session });
            }}
          />
        </Paper>
      )}
      {step.kind === 'confirm' && (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="support-step">
          <StepHeading id="support-step">
            {step.session.mode === 'remote' ? t('support.savedRemoteTitle') : t('support.confirmTitle')}
          </StepHeading>
          <SessionConfirmStep session={step.session} onDone={() => backToList(t('support.saved'))} />
        </Paper>
      )}
      {step.kind === 'list' &&
        (measures.isPending ? (
          <LoadingState />
        ) : measures.isError ? (
          <LoadError error={measures.error} onRetry={() => void measures.refetch()} />
        ) : measures.data.length === 0 ? (
          <Text>{t('support.empty')}</Text>
        ) : (
          <MeasureList
            items={measures.data}
            selected={selected}
            onSelectedChange={setSelected}
            onRecord={(chosen) => {
              setMessage(null);
              setStep({ kind: 'form', measures: chosen });
            }}
          />
        ))}
    </Stack>
  );
}
