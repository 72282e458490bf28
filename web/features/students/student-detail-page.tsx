import { Anchor, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { ChronologyTab } from '../chronology/chronology-tab.tsx';
import { LettersTab } from '../letters/letters-tab.tsx';
import { NotesTab } from '../notes/notes-tab.tsx';
import { StudentPlansTab } from '../plans/student-plans-tab.tsx';
import { AnonymisedNote, EraseStudentAction } from '../privacy/erase-student-action.tsx';
import { ReferralsTab } from '../referrals/referrals-tab.tsx';
import { StudentIndicatorsTab } from '../risks/student-indicators-tab.tsx';
import { StudentRisksTab } from '../risks/student-risks-tab.tsx';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { SubjectExportAction } from '../subject-access/subject-export-action.tsx';
import { StudentTasksTab } from '../tasks/student-tasks-tab.tsx';
import { ApplicationsTab } from './applications-tab.tsx';
import { GuardiansTab } from './guardians-tab.tsx';
import { StudentBasicsTab } from './student-basics-tab.tsx';
import { StudentHeader } from './student-header.tsx';
import { StudentHistoryTab } from './student-history-tab.tsx';
import { studentName } from './student-labels.ts';
import { useStudent } from './use-students.ts';

const TABS = [
  'basics',
  'guardians',
  'applications',
  'risks',
  'indicators',
  'plans',
  'letters',
  'referrals',
  'notes',
  'chronology',
  'tasks',
  'history',
] as const;
type Tab = (typeof TABS)[number];

/**
 * A student's profile: the header with the facts people look for first, then tabs for the record,
 * guardians, applications (consent) and history. The open tab is kept in the address (`?tab=`).
 */
export function StudentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const student = useStudent(id);
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'basics';
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;

  if (student.isPending) return <LoadingState />;
  if (student.isError) {
    // Another school's student is a 404 on the server; show the same page as a wrong address.
    if (student.error instanceof ApiError && student.error.status === 404) return <NotFoundPage />;
    return <LoadError error={student.error} onRetry={() => void student.refetch()} />;
  }
  const data = student.data;

  function selectTab(value: string | null) {
    const next = new URLSearchParams(params);
    if (value && value !== 'basics') next.set('tab', value);
    else next.delete('tab');
    setParams(next, { replace: true });
  }

  return (
    <>
      <Anchor component={Link} to="/students" mb="sm" display="inline-block">
        {t('students.backToList')}
      </Anchor>
      <PageHeading>{studentName(data)}</PageHeading>
      <StatusMessage message={justCreated ? t('students.created') : null} />
      <StudentHeader student={data} />
      {data.can.subjectExport && <SubjectExportAction studentId={data.id} />}
      {data.anonymisedAt ? (
        <AnonymisedNote anonymisedAt={data.anonymisedAt} />
      ) : (
        data.can.erase && <EraseStudentAction studentId={data.id} />
      )}
      {/* Anonymisation replaces the record: the tabs' forms start again from the cleared values. */}
      <Tabs key={data.anonymisedAt ?? 'kept'} value={tab} onChange={selectTab} keepMounted={false} mt="lg">
        <Tabs.List mb="lg">
          <Tabs.Tab value="basics">{t('students.tabBasics')}</Tabs.Tab>
          <Tabs.Tab value="guardians">{t('students.tabGuardians', { n: data.guardians.length })}</Tabs.Tab>
          <Tabs.Tab value="applications">
            {t('students.tabApplications', { n: data.applications.length })}
          </Tabs.Tab>
          <Tabs.Tab value="risks">{t('risks.tab')}</Tabs.Tab>
          <Tabs.Tab value="indicators">{t('indicators.tab')}</Tabs.Tab>
          <Tabs.Tab value="plans">{t('plans.nav')}</Tabs.Tab>
          {data.can.viewLetters && <Tabs.Tab value="letters">{t('letters.tab')}</Tabs.Tab>}
          {data.can.viewReferrals && <Tabs.Tab value="referrals">{t('referrals.tab')}</Tabs.Tab>}
          <Tabs.Tab value="notes">{t('notes.tab')}</Tabs.Tab>
          <Tabs.Tab value="chronology">{t('chronology.tab')}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('tasks.studentTab')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('students.tabHistory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="basics">
          <StudentBasicsTab student={data} />
        </Tabs.Panel>
        <Tabs.Panel value="guardians">
          <GuardiansTab student={data} />
        </Tabs.Panel>
        <Tabs.Panel value="applications">
          <ApplicationsTab student={data} />
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <StudentRisksTab studentId={data.id} can={data.can} />
        </Tabs.Panel>
        <Tabs.Panel value="indicators">
          <StudentIndicatorsTab studentId={data.id} can={data.can} />
        </Tabs.Panel>
        <Tabs.Panel value="plans">
          <StudentPlansTab student={data} />
        </Tabs.Panel>
        {data.can.viewLetters && (
          <Tabs.Panel value="letters">
            <LettersTab studentId={data.id} />
          </Tabs.Panel>
        )}
        {data.can.viewReferrals && (
          <Tabs.Panel value="referrals">
            <ReferralsTab studentId={data.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="notes">
          <NotesTab studentId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="chronology">
          <ChronologyTab studentId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <StudentTasksTab studentId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <StudentHistoryTab student={data} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
