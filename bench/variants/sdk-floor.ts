/**
 * The cold-start floor with the SDK: loads the runtime's DynamoDB client and document client and
 * constructs them at module scope, as every handler does, and nothing else. Our init minus this
 * floor's is the cost of our own code.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: client ? 200 : 500 });
