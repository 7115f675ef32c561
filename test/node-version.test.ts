import * as assert from "assert";
import { unsupportedNode } from "../tools/node-version";

describe("the Node.js version check of the npm commands", () => {
    it("refuses a Node.js below package.json's engines (>=22) in one line naming both versions and the binary", () => {
        assert.strictEqual(
            unsupportedNode("npm start", "20.20.2", "/usr/bin/node"),
            "npm start needs Node.js >=22 (package.json engines); this is Node.js v20.20.2 at /usr/bin/node",
        );
        assert.match(unsupportedNode("npm run bench", "21.7.3", "/opt/node") ?? "", /^npm run bench needs Node\.js >=22 /);
    });

    it("accepts 22 and newer, the Node.js this test runs on included", () => {
        assert.strictEqual(unsupportedNode("npm start", "22.0.0"), undefined);
        assert.strictEqual(unsupportedNode("npm start", "24.21.0"), undefined);
        assert.strictEqual(unsupportedNode("npm start"), undefined);
    });
});
