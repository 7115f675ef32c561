/**
 * The memory the pack advises for a Lambda function, in MB: the size this project's own functions run at,
 * which `npm run tune` measured as the balanced choice for an API handler (docs/performance.md). The
 * events-api stack's default memorySize is this value (components/settings.ts), so the pack recommends
 * what the project ships.
 */
export const recommendedMemoryMb = 512;
