import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A tinted note (return comments, pause reason, "nothing changed"): title and message in the normal
 * text colour, since the tinted status colours fall below 4.5:1 on their own tint.
 */
export function NoteAlert({
  color,
  title,
  children,
  mt,
}: {
  color: 'orange' | 'teal' | 'blue';
  title?: string;
  children: ReactNode;
  mt?: string;
}) {
  return (
    <Alert
      color={color}
      variant="light"
      title={title}
      mt={mt}
      styles={{
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      }}
    >
      {children}
    </Alert>
  );
}
