import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { errorMessage, LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { NOTE_STYLES, shortTime } from './support-labels.ts';
import { type TPublicSession, useConfirmRemote, usePublicSession } from './use-support.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The student picks their name and types the PIN; a confirmed student is shown as such. */
function ConfirmForm({ token, session }: { token: string; session: TPublicSession }) {
  const { t } = useTranslation();
  const confirm = useConfirmRemote(token);
  const open = session.students.filter((s) => !s.confirmed);
  // With one student left to confirm there is nothing to choose.
  const [studentId, setStudentId] = useState<string | null>(open.length === 1 ? open[0].id : null);
  const [pin, setPin] = useState('');
  const [problems, setProblems] = useState<{ student?: boolean; pin?: boolean }>({});
  const [done, setDone] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = { student: !studentId, pin: !/^\d{4,6}$/.test(pin) };
    setProblems(next);
    if (next.student || next.pin || !studentId) return;
    const name = session.students.find((s) => s.id === studentId)?.name ?? '';
    confirm.mutate(
      { studentId, pin },
      {
        onSuccess: () => {
          setDone(name);
          setStudentId(null);
        },
        onSettled: () => setPin(''),
      },
    );
  }

  const server = confirm.error
    ? (fieldErrorsFrom(confirm.error).pin ?? errorMessage(confirm.error, t('errors.unexpected')))
    : undefined;

  return (
    <Stack gap="md">
      <Text role="status" fw={700} c="teal.9">
        {done ? t('confirm.thanks', { name: done }) : ''}
      </Text>
      {open.length === 0 ? (
        <Text>{t('confirm.allDone')}</Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Select
              label={t('confirm.student')}
              placeholder={t('confirm.studentPlaceholder')}
              required
              data={open.map((s) => ({ value: s.id, label: s.name }))}
              value={studentId}
              onChange={(value) => {
                setStudentId(value);
                setDone(null);
              }}
              error={problems.student ? t('errors.required') : undefined}
              allowDeselect={false}
            />
            <TextInput
              label={t('confirm.pin')}
              description={t('support.pinHint')}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              required
              value={pin}
              onChange={(event) => setPin(event.currentTarget.value.replace(/\D/g, ''))}
              error={problems.pin ? t('support.pinFormat') : server}
            />
            <Button type="submit" loading={confirm.isPending}>
              {t('confirm.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** The session facts and the participants' states, in words. */
function SessionFacts({ session }: { session: TPublicSession }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2 }} component="dl" m={0}>
        <Fact label={t('confirm.date')}>{formatDate(session.onDate)}</Fact>
        <Fact label={t('confirm.time')}>
          {shortTime(session.startTime)}, {t('support.minutesValue', { count: session.minutes })}
        </Fact>
        <Fact label={t('confirm.provider')}>{session.providerName}</Fact>
        <Fact label={t('confirm.topic')}>{session.topic}</Fact>
      </SimpleGrid>
      <div>
        <Title order={2} size="h4" mb="xs">
          {t('confirm.participants')}
        </Title>
        <List>
          {session.students.map((s) => (
            <List.Item key={s.id}>
              {s.name} — {s.confirmed ? t('confirm.confirmed') : t('confirm.notYet')}
            </List.Item>
          ))}
        </List>
      </div>
    </Stack>
  );
}

/** The public page of a remote session's link: no sign-in, the student confirms with the PIN. */
export function ConfirmPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const session = usePublicSession(token);
  const notFound =
    session.error instanceof ApiError && (session.error.status === 404 || session.error.status === 400);

  return (
    <>
      <Box component="header" px="lg" py="sm">
        <Group justify="space-between">
          <Text fw={700} size="lg" component="span">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" size={520} py="xl">
        <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
          <PageHeading>{t('confirm.title')}</PageHeading>
          {session.isPending ? (
            <LoadingState />
          ) : notFound ? (
            <Alert color="red" role="alert" title={t('confirm.invalidTitle')} styles={NOTE_STYLES}>
              {t('confirm.invalidText')}
            </Alert>
          ) : session.isError ? (
            <LoadError error={session.error} onRetry={() => void session.refetch()} />
          ) : (
            <Stack gap="lg">
              <Text>{t('confirm.intro')}</Text>
              <SessionFacts session={session.data} />
              {session.data.open ? (
                <ConfirmForm token={token} session={session.data} />
              ) : (
                <Alert color="gray" title={t('confirm.closedTitle')} styles={NOTE_STYLES}>
                  {t('confirm.closedText')}
                </Alert>
              )}
            </Stack>
          )}
        </Paper>
      </Container>
    </>
  );
}
