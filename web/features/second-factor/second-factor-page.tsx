import { Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMe } from '../../../common/api/auth.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { PublicFrame } from '../auth/public-frame.tsx';
import { useLogout } from '../auth/use-session.ts';
import { CodeInput } from './code-input.tsx';
import { EnrolPanel } from './enrol-panel.tsx';
import { useFinishEnrolment, useVerifySecondFactor } from './use-second-factor.ts';

/** The code step of sign-in (a code or a recovery code). */
function VerifyForm() {
  const { t } = useTranslation();
  const verify = useVerifySecondFactor();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!code.trim());
    if (code.trim()) verify.mutate(code.trim());
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('secondFactor.verifyIntro')}</Text>
        <CodeInput
          value={code}
          onChange={setCode}
          allowRecovery
          autoFocus
          error={
            missing
              ? t('errors.required')
              : verify.error
                ? errorMessage(verify.error, t('errors.unexpected'))
                : null
          }
        />
        <Button type="submit" loading={verify.isPending}>
          {t('secondFactor.verify')}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * Shown instead of the app while the session owes its second factor: the code, or (for a
 * mandatory role without an authenticator) enrolment.
 */
export function SecondFactorPage({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const finish = useFinishEnrolment();
  const enrol = me.secondFactor.pending === 'enrol';
  return (
    <PublicFrame title={enrol ? t('secondFactor.enrolTitle') : t('secondFactor.verifyTitle')} size={480}>
      {enrol && <Text mb="md">{t('secondFactor.enrolIntro')}</Text>}
      {enrol ? <EnrolPanel onDone={() => void finish()} /> : <VerifyForm />}
      <Button variant="subtle" mt="lg" onClick={() => logout.mutate()}>
        {t('secondFactor.signOut')}
      </Button>
    </PublicFrame>
  );
}
