import * as assert from "assert";
import { listPartition, listShardOf } from "../components/table-schema";
import { documentedPartition } from "./support/list-partition";

/**
 * Ids whose listing partition was worked out by hand: 0xc21564fb is 3,256,182,011 (its low four bits,
 * 0xb, give 3 of 4 and 11 of 16; its digits sum to 29, so 2 of 3); 0x80000000 is 2^31 (2^31 mod 3 = 2,
 * mod 5 = 3, mod 7 = 2); 0xffffffff is 2^32 - 1, divisible by 3; a count of 1 puts everything in EVENT.
 */
const workedOut: [id: string, shards: number, partition: string][] = [
    ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 1, "EVENT"],
    ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 3, "EVENT#2"],
    ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 4, "EVENT#3"],
    ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 16, "EVENT#11"],
    ["80000000-0000-4000-8000-000000000000", 3, "EVENT#2"],
    ["80000000-0000-4000-8000-000000000000", 5, "EVENT#3"],
    ["80000000-0000-4000-8000-000000000000", 7, "EVENT#2"],
    ["80000000-0000-4000-8000-000000000000", 16, "EVENT"],
    ["ffffffff-ffff-4fff-bfff-ffffffffffff", 3, "EVENT"],
    ["ffffffff-ffff-4fff-bfff-ffffffffffff", 4, "EVENT#3"],
    ["ffffffff-ffff-4fff-bfff-ffffffffffff", 16, "EVENT#15"],
    ["00000005-0000-4000-8000-000000000000", 4, "EVENT#1"],
    ["00000000-0000-4000-8000-000000000000", 16, "EVENT"],
];

describe("the listing partition of an event id", () => {
    it("is the one worked out by hand for each known id, in the tests' helper", () => {
        assert.deepStrictEqual(
            workedOut.map(([id, shards]) => documentedPartition(id, shards)),
            workedOut.map(([, , partition]) => partition),
        );
    });

    it("is the one worked out by hand for each known id, in the table schema the handlers use", () => {
        assert.deepStrictEqual(
            workedOut.map(([id, shards]) => listPartition(listShardOf(id, shards))),
            workedOut.map(([, , partition]) => partition),
        );
    });
});
