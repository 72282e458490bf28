/** Types of second-factor-http.mjs (a plain module shared by the smoke check, benchmarks and fault tests). */
export function demoTotpSecret(email: string): string;
export function passSecondFactorHttp(
  base: string,
  headers: Record<string, string>,
  email: string,
  pending: string | null,
): Promise<void>;
