import { Anchor, List, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EJOURNAL_KINDS, type EjournalKind } from '../../../common/api/ejournal.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

/** The columns the server reads for each kind (server/domains/ejournal/rows.ts EJOURNAL_COLUMNS), in file order. */
export const EJOURNAL_FIELDS: Record<EjournalKind, { field: string; required: boolean }[]> = {
  attendance: [
    { field: 'personalCode', required: true },
    { field: 'date', required: true },
    { field: 'lesson', required: false },
    { field: 'lessons', required: false },
    { field: 'subject', required: false },
    { field: 'reason', required: true },
  ],
  marks: [
    { field: 'personalCode', required: true },
    { field: 'date', required: true },
    { field: 'subject', required: true },
    { field: 'mark', required: true },
  ],
  behaviour: [
    { field: 'personalCode', required: true },
    { field: 'date', required: true },
    { field: 'kind', required: true },
    { field: 'note', required: true },
  ],
};

/** The address of the example file of a kind. */
export function templateUrl(kind: EjournalKind): string {
  return `/api/ejournal/templates/${kind}`;
}

/** What a file of the chosen kind must look like: the example files, then a table of the columns read. */
export function EjournalColumns({ kind }: { kind: EjournalKind }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ejournal-columns-title">
      <Title order={2} size="h3" id="ejournal-columns-title" mb="sm">
        {t('ejournal.columnsTitle')}
      </Title>
      <Text mb="sm">{t('ejournal.columnsIntro')}</Text>
      <Text fw={700} mb={4}>
        {t('ejournal.templatesTitle')}
      </Text>
      <List mb="md">
        {EJOURNAL_KINDS.map((each) => (
          <List.Item key={each}>
            <Anchor href={templateUrl(each)} download={`pumpurs-${each}.csv`}>
              {t('ejournal.templateLink', { kind: t(`ejournal.kinds.${each}`) })}
            </Anchor>
          </List.Item>
        ))}
      </List>
      <TableScroll label={t('ejournal.columnsCaption', { kind: t(`ejournal.kinds.${kind}`) })}>
        <Table striped withTableBorder>
          <caption>
            <VisuallyHidden>
              {t('ejournal.columnsCaption', { kind: t(`ejournal.kinds.${kind}`) })}
            </VisuallyHidden>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ejournal.column')}</Table.Th>
              <Table.Th scope="col">{t('ejournal.required')}</Table.Th>
              <Table.Th scope="col">{t('ejournal.columnNote')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {EJOURNAL_FIELDS[kind].map(({ field, required }) => (
              <Table.Tr key={field}>
                <Table.Th scope="row">{t(`ejournal.fields.${kind}.${field}.name`)}</Table.Th>
                <Table.Td>{required ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{t(`ejournal.fields.${kind}.${field}.note`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </section>
  );
}
