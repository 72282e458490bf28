import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';

/**
 * The frame of the pages used without (or before fully) signing in: the product name, the language
 * switch, one `<main>` with the page's heading. `size` widens it (the second factor's enrolment).
 */
export function PublicFrame({
  title,
  size = 420,
  children,
}: {
  title: string;
  size?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
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
      <Container component="main" size={size} py="xl">
        <Paper withBorder p="xl">
          <PageHeading>{title}</PageHeading>
          {children}
        </Paper>
      </Container>
    </>
  );
}
