/** A job's name in words (jobs.names.<name with dots and dashes as underscores>), else the name itself. */
export function jobName(name: string, t: (key: string, o?: Record<string, unknown>) => string): string {
  return t(`jobs.names.${name.replace(/[.-]/g, '_')}`, { defaultValue: name });
}
