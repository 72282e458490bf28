import type { Db } from '../../platform/db.ts';
import { definePort } from '../../platform/port.ts';

/**
 * Ends every session of a user (deactivated, or the password changed). Sessions belong to sign-in
 * (auth), which builds on users (its navigation summary reads users' actions), so users reach it
 * through this port, which the composition root (server/wiring.ts) fills.
 */
export type SessionRevoker = (db: Db, userId: string) => Promise<void>;

const port = definePort<SessionRevoker>('users: session revocation');

export function registerSessionRevoker(revoke: SessionRevoker): void {
  port.provide(revoke);
}

export const deleteSessionsOfUser: SessionRevoker = (db, userId) => port.get()(db, userId);
