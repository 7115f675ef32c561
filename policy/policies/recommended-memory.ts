/**
 * The memory the pack advises for a Lambda function, in MB: what `npm run tune` measured as the balanced
 * choice (Power Tuning's, weight 0.5) for an API handler that reads or writes one item
 * (docs/performance.md); this project's list route, which merges shards, gets more. The pack is a package
 * of its own, so this restates the smallest of the route table's defaults (components/routes.ts), and
 * test/policy-recommendation.test.ts keeps the two equal.
 */
export const recommendedMemoryMb = 1024;
