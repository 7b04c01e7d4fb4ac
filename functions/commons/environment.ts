/** Settings every function reads from its environment; read on first use so tests and the local server can set them first. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const tableName = () => requiredEnv('TABLE_NAME');
