import { Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_TYPES, type RiskType, type TRiskItem } from '../../../common/api/risks.ts';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { RiskItemModal } from './risk-item-modal.tsx';
import { riskItemDescription } from './risk-labels.ts';
import { useRiskCatalogue, useSetRiskRetired } from './use-risks.ts';

type Editing = { item: TRiskItem | null } | null;

/**
 * The risk catalogue in the programme's four types. Everyone may read it; the national admin adds
 * items, rewords them (each wording is a new version; earlier records keep theirs) and retires them.
 */
export function RiskCataloguePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = me.can.manageRiskCatalogue;
  const catalogue = useRiskCatalogue();
  const retire = useSetRiskRetired();
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);

  function toggleRetired(item: TRiskItem) {
    setMessage(null);
    retire.mutate(
      { id: item.id, retired: !item.retired },
      {
        onSuccess: (saved) =>
          setMessage(
            t(saved.retired ? 'riskCatalogue.retired' : 'riskCatalogue.restored', { code: saved.code }),
          ),
      },
    );
  }

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageHeading>{t('riskCatalogue.title')}</PageHeading>
        {canManage && <Button onClick={() => setEditing({ item: null })}>{t('riskCatalogue.add')}</Button>}
      </Group>
      <Text mb="md" maw={900}>
        {canManage ? t('riskCatalogue.introAdmin') : t('riskCatalogue.intro')}
      </Text>
      <Text mb="md" maw={900} data-testid="risk-source-legend">
        <Text span fw={700}>
          {t('riskCatalogue.sourceLegendTitle')}:
        </Text>{' '}
        {t('riskCatalogue.sourceLegend')}
      </Text>
      <StatusMessage message={message} />
      <ErrorAlert error={retire.error} />
      {catalogue.isPending && <LoadingState />}
      {catalogue.isError && <LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      {catalogue.data &&
        RISK_TYPES.map((type) => (
          <RiskTypeSection
            key={type}
            type={type}
            items={catalogue.data.filter((item) => item.riskType === type)}
            canManage={canManage}
            busyId={retire.isPending ? retire.variables?.id : undefined}
            onEdit={(item) => setEditing({ item })}
            onToggleRetired={toggleRetired}
          />
        ))}
      <RiskItemModal
        opened={editing !== null}
        item={editing?.item ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setMessage(
            t(editing?.item ? 'riskCatalogue.revised' : 'riskCatalogue.created', {
              code: saved.code,
              version: saved.version,
            }),
          );
          setEditing(null);
        }}
      />
    </>
  );
}

type SectionProps = {
  type: RiskType;
  items: TRiskItem[];
  canManage: boolean;
  busyId: string | undefined;
  onEdit: (item: TRiskItem) => void;
  onToggleRetired: (item: TRiskItem) => void;
};

function RiskTypeSection({ type, items, canManage, busyId, onEdit, onToggleRetired }: SectionProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = `risk-type-${type}`;
  return (
    <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {t(`riskCatalogue.types.${type}`)}
      </Title>
      {items.length === 0 ? (
        <Text>{t('riskCatalogue.emptyType')}</Text>
      ) : (
        <TableScroll label={t(`riskCatalogue.types.${type}`)} minWidth={900}>
          <Table striped verticalSpacing="sm">
            <caption>
              <VisuallyHidden>{t(`riskCatalogue.types.${type}`)}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('riskCatalogue.code')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.nameLv')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.nameEn')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.description')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.source')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.version')}</Table.Th>
                <Table.Th scope="col">{t('riskCatalogue.state')}</Table.Th>
                {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                    {item.code}
                  </Table.Th>
                  <Table.Td>{item.nameLv}</Table.Td>
                  <Table.Td lang="en">{item.nameEn}</Table.Td>
                  <Table.Td fz="sm">{riskItemDescription(item, language) || t('common.none')}</Table.Td>
                  <Table.Td data-testid="risk-source">{t(`riskCatalogue.sources.${item.source}`)}</Table.Td>
                  <Table.Td>{item.version}</Table.Td>
                  <Table.Td>
                    <Text span fz="inherit" fw={item.retired ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>
                      {item.retired ? t('riskCatalogue.stateRetired') : t('riskCatalogue.stateInUse')}
                    </Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => onEdit(item)}
                          aria-label={t('common.editItem', { name: item.code })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={busyId === item.id}
                          onClick={() => onToggleRetired(item)}
                          aria-label={t(
                            item.retired ? 'riskCatalogue.restoreItem' : 'riskCatalogue.retireItem',
                            { code: item.code },
                          )}
                        >
                          {item.retired ? t('riskCatalogue.restore') : t('riskCatalogue.retire')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}
