/**
 * Reads a required environment variable at module load, so a function deployed without it fails its
 * cold start with this message instead of failing every request later.
 */
export function requireEnv(name: string): string {
    const value = process.env[name];
    if (!value?.trim()) throw new Error(`environment variable ${name} is not set`);
    return value;
}
