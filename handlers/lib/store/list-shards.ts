import { listShardsVariable, maxListShards } from "../../../components/table-schema";
import { requireEnv } from "../env";

/**
 * `LIST_SHARDS`, read at cold start by the two routes that need it (create writes an event's shard,
 * list queries every shard); a value the component could not have set fails the cold start.
 */
export const listShards = Number(requireEnv(listShardsVariable));
if (!(listShards % 1 === 0 && listShards >= 1 && listShards <= maxListShards)) throw new Error(`environment variable ${listShardsVariable} must be an integer from 1 to ${maxListShards}`);
