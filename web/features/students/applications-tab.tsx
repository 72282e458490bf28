import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TApplication, TStudentDetail } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ApplicationForm } from './application-form.tsx';
import { ApplicationScan } from './application-scan.tsx';
import { ApplicationWithdrawModal } from './application-withdraw-modal.tsx';
import { ApplicationBadge } from './student-header.tsx';
import { applicationStateLabel } from './student-labels.ts';

/** The "Applications" tab: every signed application with its state and scan, and the form to add one. */
export function ApplicationsTab({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const [withdrawing, setWithdrawing] = useState<TApplication | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canManage = student.can.manageApplications;

  return (
    <Stack gap="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="applications-title">
        <Title order={2} size="h3" id="applications-title" mb="sm">
          {t('applications.title')}
        </Title>
        <Text mb="md">{t('applications.intro')}</Text>
        <StatusMessage message={message} />
        <Stack gap="md">
          <div>
            <ApplicationBadge inForce={student.applicationInForce} />
          </div>
          {student.applications.length === 0 ? (
            <Text>{t('applications.none')}</Text>
          ) : (
            <TableScroll label={t('applications.caption')} minWidth={860}>
              <Table striped>
                <caption>
                  <VisuallyHidden>{t('applications.caption')}</VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('applications.signedOn')}</Table.Th>
                    <Table.Th scope="col">{t('applications.signer')}</Table.Th>
                    <Table.Th scope="col">{t('applications.scope')}</Table.Th>
                    <Table.Th scope="col">{t('applications.documentRef')}</Table.Th>
                    <Table.Th scope="col">{t('applications.state')}</Table.Th>
                    <Table.Th scope="col">{t('applications.scan')}</Table.Th>
                    {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {student.applications.map((application) => (
                    <Table.Tr key={application.id}>
                      <Table.Td>{formatDate(application.signedOn)}</Table.Td>
                      <Table.Td>
                        {application.signerName}
                        <Text size="sm">
                          {application.signerType === 'student'
                            ? t('applications.signerStudent')
                            : t('applications.signerGuardian')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`applicationScopes.${application.scope}`)}</Table.Td>
                      <Table.Td>{application.documentRef ?? t('common.none')}</Table.Td>
                      <Table.Td>
                        <Text fz="inherit" fw={application.inForce ? 700 : 400}>
                          {applicationStateLabel(t, application)}
                        </Text>
                        {application.withdrawalReason && (
                          <Text size="sm">{application.withdrawalReason}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <ApplicationScan
                          studentId={student.id}
                          application={application}
                          canUpload={canManage}
                        />
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          {!application.withdrawnOn && (
                            <Button
                              size="xs"
                              variant="outline"
                              color="red.9"
                              aria-label={t('applications.withdrawFor', {
                                date: formatDate(application.signedOn),
                              })}
                              onClick={() => setWithdrawing(application)}
                            >
                              {t('applications.withdraw')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Paper>
      {canManage && (
        <Paper withBorder p="lg" component="section" aria-labelledby="application-add-title">
          <Title order={2} size="h3" id="application-add-title" mb="md">
            {t('applications.addTitle')}
          </Title>
          <ApplicationForm student={student} />
        </Paper>
      )}
      <ApplicationWithdrawModal
        studentId={student.id}
        application={withdrawing}
        onClose={(withdrawn) => {
          setWithdrawing(null);
          if (withdrawn) setMessage(t('applications.withdrawn'));
        }}
      />
    </Stack>
  );
}
