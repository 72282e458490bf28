import { z } from 'zod';

/** The default password of every generated account when PUMPURS_GENERATED_PASSWORD is unset. */
export const DEFAULT_GENERATED_PASSWORD = 'Pumpurs-national-1';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `generate` options as typed on the command line. */
export const ZGenerateOptions = z.object({
  students: int(1, 1_000_000),
  schools: int(1, 2_000),
  semesters: int(1, 6).default(2),
  seed: int(0, 2_147_483_647).default(1),
  databaseUrl: z.string().min(1),
  password: z.string().min(8),
});
export type TGenerateOptions = z.infer<typeof ZGenerateOptions>;

const FLAGS: Record<string, keyof TGenerateOptions> = {
  '--students': 'students',
  '--schools': 'schools',
  '--semesters': 'semesters',
  '--seed': 'seed',
  '--database-url': 'databaseUrl',
};

/**
 * Parses `--students N --schools M [--semesters S] [--seed N] [--database-url URL]`; the URL
 * defaults to DATABASE_URL and the password comes from PUMPURS_GENERATED_PASSWORD. Throws an
 * Error with a readable message on anything else.
 */
export function parseGenerateArgs(args: string[], env: NodeJS.ProcessEnv): TGenerateOptions {
  const raw: Record<string, unknown> = {
    databaseUrl: env.DATABASE_URL || undefined,
    password: env.PUMPURS_GENERATED_PASSWORD || DEFAULT_GENERATED_PASSWORD,
  };
  for (let i = 0; i < args.length; i += 2) {
    const key = FLAGS[args[i]];
    if (!key || args[i + 1] === undefined) throw new Error(`Unknown or incomplete option: ${args[i]}`);
    raw[key] = args[i + 1];
  }
  if (!raw.databaseUrl)
    throw new Error(
      'generate fills PostgreSQL only: give --database-url postgres://… or set DATABASE_URL (PGlite is not supported).',
    );
  const parsed = ZGenerateOptions.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues
        .map(
          (i) =>
            `${i.path.join('.') === 'password' ? 'PUMPURS_GENERATED_PASSWORD' : i.path.join('.')}: ${i.message}`,
        )
        .join('; '),
    );
  if (parsed.data.students < parsed.data.schools)
    throw new Error('--students must be at least --schools (every school gets a student).');
  if (!/^postgres(ql)?:\/\//.test(parsed.data.databaseUrl))
    throw new Error('generate fills PostgreSQL only: the database URL must start with postgres://.');
  return parsed.data;
}
