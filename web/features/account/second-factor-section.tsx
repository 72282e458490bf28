import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { CodeInput } from '../second-factor/code-input.tsx';
import { EnrolPanel } from '../second-factor/enrol-panel.tsx';
import { RecoveryCodes } from '../second-factor/recovery-codes.tsx';
import {
  useDisableSecondFactor,
  useFinishEnrolment,
  useRegenerateRecoveryCodes,
  useSecondFactorStatus,
} from '../second-factor/use-second-factor.ts';

/**
 * The account page's second factor (issue 16): whether it is on and how many recovery codes are left;
 * switching it on (roles where it is optional; the mandatory roles enrol at sign-in); new recovery
 * codes and switching it off, each with the current code.
 */
export function SecondFactorSection() {
  const { t } = useTranslation();
  const status = useSecondFactorStatus();
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableSecondFactor();
  const finish = useFinishEnrolment();
  const [enrolling, setEnrolling] = useState(false);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (status.error) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) return <LoadingState />;
  const { enabled, mandatory, recoveryCodesLeft } = status.data;
  const failure = regenerate.error ?? disable.error;

  function act(event: FormEvent, what: 'regenerate' | 'disable') {
    event.preventDefault();
    const typed = code.trim();
    setMissing(!typed);
    setNotice(null);
    if (!typed) return;
    if (what === 'regenerate') regenerate.mutate(typed, { onSuccess: () => setCode('') });
    else
      disable.mutate(typed, {
        onSuccess: () => {
          setCode('');
          setNotice(t('accountSecondFactor.disabled'));
        },
      });
  }

  return (
    <section aria-labelledby="second-factor-heading">
      <Title order={2} size="h3" id="second-factor-heading" mb="xs">
        {t('accountSecondFactor.title')}
      </Title>
      <Stack gap="sm" mb="xl" maw={560}>
        <Text>
          {enabled
            ? t('accountSecondFactor.on', { count: recoveryCodesLeft })
            : t('accountSecondFactor.off')}
        </Text>
        {mandatory && <Text size="sm">{t('accountSecondFactor.mandatory')}</Text>}
        <StatusMessage message={notice} />
        {!enabled && !enrolling && (
          <Group>
            <Button onClick={() => setEnrolling(true)}>{t('accountSecondFactor.enable')}</Button>
          </Group>
        )}
        {!enabled && enrolling && (
          <>
            <EnrolPanel
              onDone={() => {
                setEnrolling(false);
                setNotice(t('accountSecondFactor.enabled'));
                void finish();
              }}
            />
            <Group>
              <Button variant="default" onClick={() => setEnrolling(false)}>
                {t('accountSecondFactor.cancel')}
              </Button>
            </Group>
          </>
        )}
        {enabled && regenerate.data && <RecoveryCodes codes={regenerate.data.recoveryCodes} />}
        {enabled && (
          <form onSubmit={(event) => act(event, 'regenerate')} noValidate>
            <Stack gap="sm">
              <Text size="sm">{t('accountSecondFactor.manageHint')}</Text>
              <CodeInput
                value={code}
                onChange={setCode}
                error={missing ? t('accountSecondFactor.codeMissing') : failure ? errorMessage(failure, t('errors.unexpected')) : null}
              />
              <Group>
                <Button type="submit" loading={regenerate.isPending}>
                  {t('accountSecondFactor.regenerate')}
                </Button>
                {!mandatory && (
                  <Button
                    variant="default"
                    loading={disable.isPending}
                    onClick={(event) => act(event, 'disable')}
                  >
                    {t('accountSecondFactor.disable')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </section>
  );
}
