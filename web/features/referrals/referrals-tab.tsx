import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReferral } from '../../../common/api/referrals.ts';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { ReferralCard } from './referral-card.tsx';
import { ReferralForm } from './referral-form.tsx';
import { useEndReferral, useStudentReferrals } from './use-referrals.ts';

/** The "Referrals" tab of a student: the referrals to partner institutions, and the form to send one. */
export function ReferralsTab({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const referrals = useStudentReferrals(studentId);
  const end = useEndReferral();
  const [message, setMessage] = useState<string | null>(null);

  if (referrals.isPending) return <LoadingState />;
  if (referrals.isError)
    return <LoadError error={referrals.error} onRetry={() => void referrals.refetch()} />;
  const data = referrals.data;

  function finish(r: TReferral, how: 'close' | 'withdraw') {
    setMessage(null);
    end.mutate(
      { id: r.id, how },
      { onSuccess: () => setMessage(t(how === 'close' ? 'referrals.closed' : 'referrals.withdrawn')) },
    );
  }

  return (
    <Stack gap="xl">
      {data.can.send && <ReferralForm studentId={studentId} data={data} />}
      <section aria-labelledby="referrals-title">
        <Title order={2} size="h3" id="referrals-title" mb="md">
          {t('referrals.title')}
        </Title>
        <ErrorAlert error={end.error} />
        <StatusMessage message={message} />
        {data.items.length === 0 ? (
          <Text>{t('referrals.none')}</Text>
        ) : (
          <Stack gap="md">
            {data.items.map((r) => (
              <ReferralCard
                key={r.id}
                referral={r}
                actions={
                  (r.can.close || r.can.withdraw) && (
                    <Group>
                      {r.can.close && (
                        <Button size="sm" onClick={() => finish(r, 'close')} loading={end.isPending}>
                          {t('referrals.close')}
                        </Button>
                      )}
                      {r.can.withdraw && (
                        <Button
                          size="sm"
                          variant="default"
                          onClick={() => finish(r, 'withdraw')}
                          loading={end.isPending}
                        >
                          {t('referrals.withdraw')}
                        </Button>
                      )}
                    </Group>
                  )
                }
              />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
