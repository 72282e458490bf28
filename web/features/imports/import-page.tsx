import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TImportPreview, TImportUpload, TStudentMapping } from '../../../common/api/imports.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { useStudentSchools } from '../students/student-schools.ts';
import { ImportMappingStep } from './import-mapping-step.tsx';
import { ImportPreviewStep } from './import-preview-step.tsx';
import { ImportSteps } from './import-steps.tsx';
import { ImportUploadStep } from './import-upload-step.tsx';
import { type ImportResult, useCommitImport, usePreviewImport } from './use-imports.ts';

/**
 * The class-list import wizard: 1 upload the file, 2 map its columns, 3 check every row and import
 * all of them or nothing. A new mapping needs a new check before anything can be imported.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { managedSchools } = useStudentSchools();
  const [upload, setUpload] = useState<TImportUpload | null>(null);
  const [schoolName, setSchoolName] = useState('');
  const [mapping, setMapping] = useState<TStudentMapping>({});
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const importId = upload?.importId ?? null;
  const check = usePreviewImport(importId);
  const commit = useCommitImport(importId);
  const step = result ? 4 : preview ? 3 : upload ? 2 : 1;

  function runPreview(rows: Set<number>) {
    check.mutate({ mapping, excludedRows: [...rows] }, { onSuccess: setPreview });
  }

  function restart() {
    setUpload(null);
    setPreview(null);
    setResult(null);
    setExcluded(new Set());
    check.reset();
    commit.reset();
  }

  function toggle(rowNumber: number, exclude: boolean) {
    const next = new Set(excluded);
    if (exclude) next.add(rowNumber);
    else next.delete(rowNumber);
    setExcluded(next);
    runPreview(next);
  }

  function runCommit() {
    commit.mutate(
      { mapping, excludedRows: [...excluded] },
      {
        onSuccess: setResult,
        // The file changed under us (another import, an edit): show the rows as they are now.
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'import_has_errors') runPreview(excluded);
        },
      },
    );
  }

  return (
    <>
      <Anchor component={Link} to="/students" mb="sm" display="inline-block">
        {t('students.backToList')}
      </Anchor>
      <PageHeading>{t('imports.title')}</PageHeading>
      <ImportSteps
        current={step}
        labels={[
          t('imports.stepFile'),
          t('imports.stepMapping'),
          t('imports.stepPreview'),
          t('imports.stepResult'),
        ]}
      />
      {result ? (
        <ImportResultPanel result={result} onRestart={restart} />
      ) : (
        <Stack gap="xl">
          {!upload && (
            <ImportUploadStep
              schools={managedSchools}
              onUploaded={(uploaded, schoolId) => {
                setUpload(uploaded);
                setSchoolName(managedSchools.find((school) => school.id === schoolId)?.name ?? '');
                setMapping(uploaded.mapping);
                setExcluded(new Set());
                setPreview(null);
              }}
            />
          )}
          {upload && (
            <ImportMappingStep
              upload={upload}
              schoolName={schoolName}
              mapping={mapping}
              pending={check.isPending && !preview}
              error={preview ? null : check.error}
              onChange={(next) => {
                // A preview belongs to one mapping: a new mapping goes back to step 2.
                setMapping(next);
                setPreview(null);
                check.reset();
                commit.reset();
              }}
              onPreview={() => runPreview(excluded)}
              onRestart={restart}
            />
          )}
          {upload && preview && (
            <ImportPreviewStep
              importId={upload.importId}
              preview={preview}
              excluded={excluded}
              refreshing={check.isPending}
              committing={commit.isPending}
              commitError={commit.error ?? check.error}
              onToggle={toggle}
              onCommit={runCommit}
            />
          )}
        </Stack>
      )}
    </>
  );
}

/** After the commit: what was saved, and where to go next. */
function ImportResultPanel({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  const { t } = useTranslation();
  const items = [
    ['created', result.created],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
    ['excluded', result.excluded],
  ] as const;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="import-result-title">
      <Title order={2} size="h3" id="import-result-title" mb="md">
        {t('imports.resultTitle')}
      </Title>
      <Text role="status" mb="md">
        {t('imports.resultText')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0} mb="lg">
        {items.map(([key, value]) => (
          <div key={key}>
            <Text component="dt" fw={700}>
              {t(`imports.result.${key}`)}
            </Text>
            <Text component="dd" m={0} fz="xl">
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Group>
        <Button component={Link} to="/students">
          {t('imports.toList')}
        </Button>
        <Button variant="default" onClick={onRestart}>
          {t('imports.another')}
        </Button>
      </Group>
    </Paper>
  );
}
