import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';

/** The frame of the pages used without signing in: the product name, the language switch, one `<main>`. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
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
      <Container component="main" size={420} py="xl">
        <Paper withBorder p="xl">
          <PageHeading>{title}</PageHeading>
          {children}
        </Paper>
      </Container>
    </>
  );
}
