import { Button, Modal, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TWatchListItem } from '../../../common/api/ejournal.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { useCreatePlan } from '../plans/use-plans.ts';
import { LegalDutyAlert } from '../risks/legal-duty-alert.tsx';

/**
 * What the user may do from a row of the watch list, as the server's `can` says: start the
 * student's plan for the list's semester, and record that the municipality was informed.
 */
export function WatchListRowActions({ item, semesterId }: { item: TWatchListItem; semesterId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePlan();
  const [open, { open: show, close }] = useDisclosure(false);
  const name = `${item.firstName} ${item.lastName}`;
  if (!item.can.createPlan && !item.can.recordLegalDuty) return null;
  return (
    <Stack gap={4} align="flex-start">
      <ErrorAlert error={create.error} />
      {item.can.createPlan && (
        <Button
          size="xs"
          variant="default"
          loading={create.isPending}
          aria-label={t('watchList.createPlanFor', { name })}
          onClick={() =>
            create.mutate(
              { studentId: item.studentId, semesterId },
              { onSuccess: (plan) => navigate(`/plans/${plan.id}`, { state: { created: true } }) },
            )
          }
        >
          {t('watchList.createPlan')}
        </Button>
      )}
      {item.can.recordLegalDuty && item.legalDuty && (
        <>
          <Button
            size="xs"
            variant="default"
            aria-label={t('watchList.recordLegalDutyFor', { name })}
            onClick={show}
          >
            {t('watchList.recordLegalDuty')}
          </Button>
          <Modal opened={open} onClose={close} title={t('watchList.legalDutyDialog', { name })}>
            <LegalDutyAlert
              studentId={item.studentId}
              semesterId={semesterId}
              duty={item.legalDuty}
              mayRecord
            />
          </Modal>
        </>
      )}
    </Stack>
  );
}
