import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EjournalKind } from '../../../common/api/ejournal.ts';
import { LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { useStudentSchools } from '../students/student-schools.ts';
import { EjournalColumns } from './ejournal-columns.tsx';
import { EjournalUploadForm } from './ejournal-upload-form.tsx';

/**
 * The e-journal import: attendance, marks or behaviour notes exported from e-klase or Mykoob (CSV or
 * XLSX) for one school. Every row is checked first; nothing is saved while any row is wrong, and
 * importing the same file again changes nothing. Flags and the watch list follow at once.
 */
export function EjournalPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { isPending, managedSchools } = useStudentSchools();
  const [kind, setKind] = useState<EjournalKind>('attendance');

  return (
    <>
      <PageHeading>{t('ejournal.title')}</PageHeading>
      <Text mb="lg" maw={900}>
        {t('ejournal.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <Paper withBorder p="lg" component="section" aria-labelledby="ejournal-upload-title">
          <Title order={2} size="h3" id="ejournal-upload-title" mb="sm">
            {t('ejournal.uploadTitle')}
          </Title>
          {isPending && <LoadingState />}
          {!isPending && managedSchools.length === 0 && <Text>{t('ejournal.noSchools')}</Text>}
          {managedSchools.length > 0 && (
            <EjournalUploadForm
              schools={managedSchools}
              kind={kind}
              onKindChange={setKind}
              showWatchList={me.can.viewWatchList}
            />
          )}
        </Paper>
        <EjournalColumns kind={kind} />
      </SimpleGrid>
    </>
  );
}
