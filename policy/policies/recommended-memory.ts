/**
 * The memory the pack advises for a Lambda function, in MB: what `npm run tune` measured as the balanced
 * choice for an API handler (docs/performance.md). It is advice for any team's function, set on its own:
 * the events-api stack's defaults are per route and live on its route table (components/routes.ts).
 */
export const recommendedMemoryMb = 512;
