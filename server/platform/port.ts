/**
 * A port: a slot a lower domain declares for something only a higher domain knows, filled once by
 * the composition root (server/wiring.ts). The lower domain calls through it without importing the
 * higher one, so the domains' dependencies stay one way. Calling an unfilled port is a wiring bug
 * and throws rather than silently skipping the work.
 */
export interface Port<T> {
  provide(implementation: T): void;
  get(): T;
}

export function definePort<T>(name: string): Port<T> {
  let implementation: T | null = null;
  return {
    provide(value: T) {
      implementation = value;
    },
    get(): T {
      if (implementation === null) throw new Error(`port not wired: ${name} (see server/wiring.ts)`);
      return implementation;
    },
  };
}
