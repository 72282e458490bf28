import { Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useRetentionClasses } from './use-privacy.ts';

/** The retention classes: the period (current settings), what it covers, its source and its setting. */
export function RetentionSection() {
  const { t } = useTranslation();
  const classes = useRetentionClasses();
  const lang = currentLanguage();
  if (classes.isPending) return <LoadingState />;
  if (classes.isError) return <LoadError error={classes.error} onRetry={() => void classes.refetch()} />;
  return (
    <Stack gap="sm">
      <Text maw={800}>{t('privacy.retentionIntro')}</Text>
      <TableScroll label={t('privacy.retentionCaption')} minWidth={980}>
        <Table striped verticalSpacing="sm">
          <Table.Caption>{t('privacy.retentionCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="14%">
                {t('privacy.colClass')}
              </Table.Th>
              <Table.Th scope="col" w="18%">
                {t('privacy.colPeriod')}
              </Table.Th>
              <Table.Th scope="col" w="24%">
                {t('privacy.colRule')}
              </Table.Th>
              <Table.Th scope="col" w="26%">
                {t('privacy.colSource')}
              </Table.Th>
              <Table.Th scope="col" w="18%">
                {t('privacy.colSetting')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {classes.data.items.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Th scope="row" fw={600}>
                  {t(`privacy.classes.${c.code}`, { defaultValue: c.code })}
                </Table.Th>
                <Table.Td>{c.period[lang]}</Table.Td>
                <Table.Td>{c.rule[lang]}</Table.Td>
                <Table.Td>{c.source[lang]}</Table.Td>
                <Table.Td>
                  {c.setting ? (
                    c.setting.split(', ').map((name) => (
                      <Code key={name} display="block" mb={4} style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Code>
                    ))
                  ) : (
                    <Text size="sm">{t('privacy.fixedInCode')}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
