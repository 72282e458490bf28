import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../common/roles.ts';
import { ROLES } from '../../../common/roles.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApprovalsWaiting } from '../approvals/approvals-waiting.tsx';
import { AuditEntryCard } from '../audit/audit-entry-card.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { MyWorkCard } from '../notes/my-work-card.tsx';
import { PartnerInboxCard } from '../referrals/partner-inbox-card.tsx';
import { TaskCounterCard } from '../tasks/task-counter-card.tsx';
import { WatchListSummaryCard } from '../watch-list/watch-list-summary-card.tsx';

/** Start page: a greeting, the user's roles with their organisations, and what each role does next. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // One "what next" list per role, in the catalogue's order, even when a role is held in several places.
  const roles = ROLES.filter((role) => me.grants.some((grant) => grant.role === role));

  return (
    <Stack gap="lg">
      <PageHeading>{t('home.greeting', { name: me.firstName })}</PageHeading>
      <TaskCounterCard />
      <AuditEntryCard />
      <WatchListSummaryCard />
      <ApprovalsWaiting />
      <PartnerInboxCard />
      <MyWorkCard />
      <section aria-labelledby="home-roles">
        <Title order={2} id="home-roles" size="h3" mb="sm">
          {t('home.rolesTitle')}
        </Title>
        {me.grants.length === 0 ? (
          <Text>{t('home.noRoles')}</Text>
        ) : (
          <List>
            {me.grants.map((grant) => (
              <List.Item key={grant.id}>
                {t('home.roleAt', { role: t(`roles.${grant.role}`), organisation: grant.organisationName })}
              </List.Item>
            ))}
          </List>
        )}
      </section>
      {roles.length > 0 && (
        <section aria-labelledby="home-next">
          <Title order={2} id="home-next" size="h3" mb="sm">
            {t('home.nextTitle')}
          </Title>
          <Stack gap="md">
            {roles.map((role) => (
              <NextSteps key={role} role={role} withHeading={roles.length > 1} />
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}

function NextSteps({ role, withHeading }: { role: Role; withHeading: boolean }) {
  const { t } = useTranslation();
  const steps = t(`home.next.${role}`, { returnObjects: true }) as unknown;
  const items = Array.isArray(steps) ? steps.filter((step): step is string => typeof step === 'string') : [];
  return (
    <div>
      {withHeading && (
        <Title order={3} size="h4" mb="xs">
          {t(`roles.${role}`)}
        </Title>
      )}
      <List>
        {items.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
    </div>
  );
}
