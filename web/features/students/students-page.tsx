import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { STUDENT_SORTS } from '../../../common/api/students.ts';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { GeneratePinsModal } from './generate-pins-modal.tsx';
import { StudentFilters } from './student-filters.tsx';
import { useStudentSchools } from './student-schools.ts';
import { StudentTable } from './student-table.tsx';
import { type StudentListParams, useStudentList } from './use-students.ts';

const PAGE_SIZE = 50;

function readParams(params: URLSearchParams): Omit<StudentListParams, 'cursor'> {
  const sort = params.get('sort');
  return {
    schoolId: params.get('schoolId'),
    q: params.get('q') ?? '',
    grade: params.get('grade'),
    course: params.get('course'),
    classLabel: params.get('classLabel') ?? '',
    status: params.get('status'),
    sort: (STUDENT_SORTS as readonly string[]).includes(sort ?? '')
      ? (sort as StudentListParams['sort'])
      : 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    pageSize: PAGE_SIZE,
  };
}

/**
 * The student register: search, filters and sort in the address bar, 50 students a page from the
 * server, paged by cursor (a change of filter or sort goes back to the first page). A teacher sees only the students assigned to them, with no school filter.
 */
export function StudentsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [pinsOpen, setPinsOpen] = useState(false);
  const [pinsMessage, setPinsMessage] = useState<string | null>(null);
  const message = pinsMessage ?? (location.state as { message?: string } | null)?.message ?? null;
  const filters = readParams(params);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = { ...filters, cursor: pages.cursor };
  const { schools } = useStudentSchools();
  const students = useStudentList(list);

  function update(changes: Record<string, string | null>) {
    // From the address itself: a filter changed just before may not have re-rendered the page yet.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    setParams(next, { replace: true });
  }

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageHeading>{t('students.title')}</PageHeading>
        <Group>
          {me.can.setPins && (
            <Button variant="default" onClick={() => setPinsOpen(true)}>
              {t('pins.action')}
            </Button>
          )}
          {me.can.manageStudents && (
            <>
              <Button variant="default" component={Link} to="/students/import">
                {t('students.import')}
              </Button>
              <Button component={Link} to="/students/new">
                {t('students.new')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <StatusMessage message={message} />
      {pinsOpen && (
        <GeneratePinsModal
          opened
          schools={schools.filter((s) => s.active)}
          defaultSchoolId={list.schoolId ?? (schools.length === 1 ? schools[0].id : null)}
          defaultClass={list.classLabel}
          onClose={(done) => {
            setPinsOpen(false);
            if (done) setPinsMessage(done);
          }}
        />
      )}
      <StudentFilters value={list} schools={schools} onChange={(changes) => update(changes)} />
      {students.isPending && <LoadingState />}
      {students.isError && <LoadError error={students.error} onRetry={() => void students.refetch()} />}
      {students.data && students.data.items.length === 0 && <Text>{t('students.empty')}</Text>}
      {students.data && students.data.items.length > 0 && (
        <>
          <StudentTable
            items={students.data.items}
            sort={list.sort}
            codeSortable={students.data.codeSortable}
            dir={list.dir}
            showSchool={schools.length > 1 && !list.schoolId}
            busy={students.isFetching}
            onSort={(sort, dir) =>
              update({ sort: sort === 'name' ? null : sort, dir: dir === 'asc' ? null : dir })
            }
          />
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={students.data.items.length}
            total={students.data.total}
            totalAtLeast={students.data.totalAtLeast}
            nextCursor={students.data.nextCursor}
          />
        </>
      )}
    </>
  );
}
