import { Button, Code, Group, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NoteAlert } from '../../components/note-alert.tsx';

/** Recovery codes shown once, with download and print. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  function download() {
    const text = `${t('secondFactor.recoveryFileTitle')}\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'pumpurs-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <>
      <NoteAlert color="orange" title={t('secondFactor.recoveryTitle')}>
        {t('secondFactor.recoveryOnce')}
      </NoteAlert>
      <List aria-label={t('secondFactor.recoveryTitle')} listStyleType="none" data-testid="recovery-codes">
        {codes.map((c) => (
          <List.Item key={c}>
            <Code fz="md">{c}</Code>
          </List.Item>
        ))}
      </List>
      <Group>
        <Button variant="default" onClick={download}>
          {t('secondFactor.download')}
        </Button>
        <Button variant="default" onClick={() => window.print()}>
          {t('secondFactor.print')}
        </Button>
      </Group>
    </>
  );
}
