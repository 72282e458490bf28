/**
 * Support's public module: the delivery facts plans need (filled into plans' port by the
 * composition root). Other domains import support only from here.
 */
export { findDeliveredHours, planHasDeliveries } from './repo.ts';
