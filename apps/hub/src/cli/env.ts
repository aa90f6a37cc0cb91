/** An environment variable's value; an empty one counts as unset, as shells mean it. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === '' ? undefined : value;
}
