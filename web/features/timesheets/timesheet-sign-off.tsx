import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTimesheet } from '../../../common/api/support.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { NOTE_STYLES } from '../support/support-labels.ts';
import { monthLabel } from './month-options.ts';
import { timesheetXlsxUrl, useSignOffMonth } from './use-timesheets.ts';

type Props = {
  schoolId: string;
  month: string;
  timesheet: TTimesheet;
  manySchools: boolean;
  /** The timesheet's `can.signOff`, from the server's gate (false once signed off). */
  maySignOff: boolean;
};

/** Whether the month is signed off (who, when) in words, the sign-off with a confirmation, and the XLSX. */
export function TimesheetSignOff({ schoolId, month, timesheet, manySchools, maySignOff }: Props) {
  const { t } = useTranslation();
  const signOff = useSignOffMonth();
  const [asking, setAsking] = useState(false);
  const signed = timesheet.signedOff;

  return (
    <Stack gap="sm">
      {signed ? (
        <Alert color="teal" title={t('timesheets.signedOffTitle')} styles={NOTE_STYLES}>
          {signed.byName
            ? t('timesheets.signedOffBy', { at: formatDateTime(signed.at), name: signed.byName })
            : t('timesheets.signedOffAt', { at: formatDateTime(signed.at) })}
        </Alert>
      ) : (
        <Text>
          {t('timesheets.notSignedOff')} {maySignOff ? '' : t('timesheets.signOffByCoordinator')}
        </Text>
      )}
      <ErrorAlert error={signOff.error} />
      <Group gap="sm">
        {!signed && maySignOff && (
          <Button onClick={() => setAsking(true)} disabled={timesheet.rows.length === 0}>
            {t('timesheets.signOff')}
          </Button>
        )}
        <Button component="a" variant="default" href={timesheetXlsxUrl(month, schoolId)} download>
          {t('timesheets.download')}
        </Button>
        {manySchools && (
          <Button component="a" variant="default" href={timesheetXlsxUrl(month, null)} download>
            {t('timesheets.downloadAll')}
          </Button>
        )}
      </Group>
      <ConfirmModal
        opened={asking}
        title={t('timesheets.signOffConfirmTitle')}
        text={t('timesheets.signOffConfirmText', {
          month: monthLabel(t, month),
          school: timesheet.schoolName,
        })}
        confirmLabel={t('timesheets.signOff')}
        loading={signOff.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => signOff.mutate({ schoolId, month }, { onSettled: () => setAsking(false) })}
      />
    </Stack>
  );
}
