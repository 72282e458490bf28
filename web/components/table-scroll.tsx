import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The one wrapper for every table: on a narrow screen the table scrolls sideways inside it, and the
 * scroll box is a named, focusable region so keyboard users can scroll it with the arrow keys
 * (axe "scrollable-region-focusable"). `label` is normally the table's caption.
 */
export function TableScroll({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth?: number;
  children: ReactNode;
}) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} className="table-scroll" mb="xs">
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
