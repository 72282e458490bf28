import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/**
 * One figure of a start-page card, inside a `<dl>`: the label as the term, the number as a link to the
 * list it counts (its accessible name says both, "Atvērti: 3").
 */
export function CountLink({ label, value, to }: { label: string; value: number; to: string }) {
  return (
    <div>
      <Text component="dt" fz="sm">
        {label}
      </Text>
      <Text component="dd" m={0} fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Anchor component={Link} to={to} fz="inherit" fw={700} aria-label={`${label}: ${value}`}>
          {value}
        </Anchor>
      </Text>
    </div>
  );
}
