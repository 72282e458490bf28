import { Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStudentRisk } from '../../../common/api/risks.ts';
import type { TStudentAbilities } from '../../../common/api/students.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { FlagList } from '../watch-list/flag-list.tsx';
import { LegalDutyAlert } from './legal-duty-alert.tsx';
import { semesterLabel } from './risk-labels.ts';
import { RiskRecordForm } from './risk-record-form.tsx';
import { useSemesterChoice } from './semester-select.tsx';
import { StudentRiskList } from './student-risk-list.tsx';
import { useIndicators } from './use-indicators.ts';
import { useRemoveRisk, useRiskCatalogue, useStudentRisks } from './use-risks.ts';

type Removing = { risk: TStudentRisk; name: string } | null;

/**
 * The profile's "Risks" tab: why the student is flagged in the chosen semester, the form to record a
 * risk with its justification, and every record so far grouped by semester.
 */
export function StudentRisksTab({ studentId, can }: { studentId: string; can: TStudentAbilities }) {
  const { t } = useTranslation();
  const { semesters, semesterId, setSemesterId } = useSemesterChoice();
  const risks = useStudentRisks(studentId);
  const catalogue = useRiskCatalogue();
  const indicators = useIndicators(studentId, semesterId);
  const remove = useRemoveRisk(studentId);
  const [removing, setRemoving] = useState<Removing>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (risks.isPending || semesters.isPending || catalogue.isPending) return <LoadingState />;
  if (risks.isError) return <LoadError error={risks.error} onRetry={() => void risks.refetch()} />;
  if (semesters.isError)
    return <LoadError error={semesters.error} onRetry={() => void semesters.refetch()} />;
  if (catalogue.isError)
    return <LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} />;
  const semester = semesters.data.find((each) => each.id === semesterId);
  const flags = indicators.data?.flags ?? [];

  return (
    <>
      <StatusMessage message={message} />
      <ErrorAlert error={remove.error} />
      {semester && (
        <Paper withBorder p="lg" component="section" aria-labelledby="risk-flags-title" mb="lg">
          <Title order={2} size="h3" id="risk-flags-title" mb="sm">
            {t('risks.flagsTitle', { semester: semesterLabel(t, semester) })}
          </Title>
          {indicators.isPending ? <Text>{t('common.loading')}</Text> : <FlagList flags={flags} size="md" />}
          {/* The watch list opens this tab: the legal-duty notice can be recorded here too. */}
          {indicators.data?.legalDuty && semesterId && (
            <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
              <LegalDutyAlert
                studentId={studentId}
                semesterId={semesterId}
                mayRecord={can.recordLegalDuty}
                duty={indicators.data.legalDuty}
              />
            </div>
          )}
        </Paper>
      )}
      {risks.data.canRecord ? (
        <RiskRecordForm
          studentId={studentId}
          catalogue={catalogue.data}
          semesterId={semesterId}
          onSemesterChange={setSemesterId}
          onRecorded={(name) => setMessage(t('risks.recorded', { name }))}
        />
      ) : (
        <Text mb="lg">{t('risks.cannotRecord')}</Text>
      )}
      <StudentRiskList
        items={risks.data.items}
        semesters={semesters.data}
        canRecord={risks.data.canRecord}
        onRemove={(risk, name) => {
          setMessage(null);
          setRemoving({ risk, name });
        }}
      />
      <ConfirmModal
        opened={removing !== null}
        title={t('risks.removeTitle')}
        text={t('risks.removeText', { name: removing?.name ?? '' })}
        confirmLabel={t('common.remove')}
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.risk.id, {
            onSuccess: () => {
              setMessage(t('risks.removedMessage', { name: removing.name }));
              setRemoving(null);
            },
          });
        }}
      />
    </>
  );
}
