import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EJOURNAL_KINDS,
  type EjournalKind,
  type TEjournalImportResult,
} from '../../../common/api/ejournal.ts';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { SchoolFileUploadForm } from '../../components/school-file-upload.tsx';
import { EjournalErrors, EjournalResult } from './ejournal-result.tsx';
import { ejournalContentType, useEjournalImport } from './use-watch-list.ts';

/** The server refuses e-journal uploads past 256 MB (MAX_EJOURNAL_BYTES). */
const MAX_BYTES = 256 * 1024 * 1024;

type Props = {
  schools: readonly TOrganisation[];
  kind: EjournalKind;
  onKindChange: (kind: EjournalKind) => void;
  showWatchList: boolean;
};

/** School, kind and file; the upload shows its progress, then the counts or every wrong row. */
export function EjournalUploadForm({ schools, kind, onKindChange, showWatchList }: Props) {
  const { t } = useTranslation();
  const upload = useEjournalImport();
  const [result, setResult] = useState<TEjournalImportResult | null>(null);

  function reset() {
    upload.reset();
    setResult(null);
  }

  return (
    <SchoolFileUploadForm
      schools={schools}
      fileLabel={t('ejournal.file')}
      fileHint={t('ejournal.fileHint')}
      submitLabel={t('ejournal.submit')}
      checkFile={(file) =>
        !ejournalContentType(file.name)
          ? t('imports.fileType')
          : file.size > MAX_BYTES
            ? t('ejournal.fileTooLarge')
            : null
      }
      pending={upload.isPending}
      onSubmit={(sent) => {
        setResult(null);
        upload.mutate({ ...sent, kind }, { onSuccess: setResult });
      }}
      onFileChange={reset}
      onSchoolChange={reset}
      fields={
        <Select
          label={t('ejournal.kind')}
          required
          allowDeselect={false}
          data={EJOURNAL_KINDS.map((each) => ({ value: each, label: t(`ejournal.kinds.${each}`) }))}
          value={kind}
          onChange={(next) => {
            if (next) onKindChange(next as EjournalKind);
            reset();
          }}
        />
      }
      after={
        <>
          <EjournalErrors error={upload.error} kind={kind} />
          {result && <EjournalResult result={result} showWatchList={showWatchList} />}
        </>
      }
    />
  );
}
