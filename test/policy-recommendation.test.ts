import * as assert from "assert";
import { routes } from "../components/routes";
import { recommendedMemoryMb } from "../policy/policies/recommended-memory";

describe("the memory the policy pack recommends", () => {
    it("is the least memory this project gives any of its own API handlers by default, so the pack advises what the project ships", () => {
        assert.strictEqual(recommendedMemoryMb, Math.min(...routes.map((route) => route.defaultMemorySizeMb)));
        assert.strictEqual(recommendedMemoryMb, 1024);
    });
});
