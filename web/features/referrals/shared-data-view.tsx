import { List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TSharedData } from '../../../common/api/referrals.ts';
import { formatDate } from '../../../common/format.ts';

/**
 * The student's data as the partner sees it: one row per chosen item, nothing else. Used for the
 * sender's preview and on the partner's referral page, so both show the same.
 */
export function SharedDataView({ data, caption }: { data: TSharedData; caption: string }) {
  const { t } = useTranslation();
  const rows: { key: string; label: string; value: React.ReactNode }[] = [];
  if (data.name)
    rows.push({
      key: 'name',
      label: t('referrals.items.name'),
      value: `${data.name.firstName} ${data.name.lastName}`,
    });
  if (data.birthDate !== undefined)
    rows.push({
      key: 'birth',
      label: t('referrals.items.birth_date'),
      value: data.birthDate ? formatDate(data.birthDate) : t('common.none'),
    });
  if (data.personalCode)
    rows.push({ key: 'code', label: t('referrals.items.personal_code'), value: data.personalCode });
  if (data.schoolClass) {
    const c = data.schoolClass;
    rows.push({
      key: 'class',
      label: t('referrals.items.school_class'),
      value: t('referrals.classAt', { classLabel: c.classLabel, school: c.schoolName }),
    });
  }
  if (data.guardians)
    rows.push({
      key: 'guardians',
      label: t('referrals.items.guardians'),
      value:
        data.guardians.length === 0 ? (
          t('common.none')
        ) : (
          <List size="sm">
            {data.guardians.map((g) => (
              <List.Item key={`${g.name}-${g.phone ?? ''}-${g.email ?? ''}`}>
                {[
                  g.name,
                  t(`guardianRelations.${g.relation}`, { defaultValue: g.relation }),
                  g.phone,
                  g.email,
                ]
                  .filter(Boolean)
                  .join(', ')}
              </List.Item>
            ))}
          </List>
        ),
    });
  if (data.attendance !== undefined)
    rows.push({
      key: 'attendance',
      label: t('referrals.items.attendance'),
      value: data.attendance
        ? t('referrals.attendanceText', {
            from: formatDate(data.attendance.from),
            to: formatDate(data.attendance.to),
            unjustified: data.attendance.unjustifiedLessons,
            justified: data.attendance.justifiedLessons,
            other: data.attendance.otherLessons,
          })
        : t('referrals.noAttendance'),
    });
  if (data.risks)
    rows.push({
      key: 'risks',
      label: t('referrals.items.risks'),
      value:
        data.risks.length === 0 ? (
          t('referrals.noRisks')
        ) : (
          <List size="sm">
            {data.risks.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: risks of the snapshot have no ids and never reorder
              <List.Item key={i}>
                {t(`riskCatalogue.types.${r.riskType}`, { defaultValue: r.riskType })}
                {r.name ? `: ${r.name}` : ''}
              </List.Item>
            ))}
          </List>
        ),
    });
  if (rows.length === 0) return <Text>{t('common.none')}</Text>;
  return (
    <Table withTableBorder variant="vertical" layout="fixed" captionSide="top">
      <caption style={{ textAlign: 'left', fontWeight: 600, marginBottom: 4 }}>{caption}</caption>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" w="35%">
              {r.label}
            </Table.Th>
            <Table.Td>{r.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
