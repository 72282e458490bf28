import type { Db } from '../../platform/db.ts';
import { definePort } from '../../platform/port.ts';

/**
 * What plans need to know about the help delivered under a plan, which support (sessions,
 * timesheets) and budgets (payments) record. Plans must not import those domains (they build on
 * plans), so plans declares this narrow port and the composition root (server/wiring.ts) fills it.
 */
export interface DeliveryFacts {
  /** Whether anything was delivered or paid under the plan (a session, a payment, a timesheet entry). */
  planHasDeliveries(db: Db, planId: string): Promise<boolean>;
  /** Confirmed and unconfirmed hours per plan and measure, from the support log. */
  findDeliveredHours(
    db: Db,
    planIds: string[],
  ): Promise<{ plan_id: string; measure_id: string; delivered: string; unconfirmed: string }[]>;
  /** The plan's economic payments (at least the measure and the amount). */
  findPayments(db: Db, planId: string): Promise<{ measure_id: string; amount_cents: number }[]>;
}

const port = definePort<DeliveryFacts>('plans: delivery facts');

/** Called once by the composition root with support's and budgets' implementations. */
export function registerDeliveryFacts(facts: DeliveryFacts): void {
  port.provide(facts);
}

export const planHasDeliveries: DeliveryFacts['planHasDeliveries'] = (db, planId) =>
  port.get().planHasDeliveries(db, planId);
export const findDeliveredHours: DeliveryFacts['findDeliveredHours'] = (db, planIds) =>
  port.get().findDeliveredHours(db, planIds);
export const findPayments: DeliveryFacts['findPayments'] = (db, planId) =>
  port.get().findPayments(db, planId);
