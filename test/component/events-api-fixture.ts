import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EventsApi, EventsApiArgs } from "../../components/events-api";
import { RecordedResource } from "../../tools/mock-program";
import { MockHarness } from "../support/pulumi-mocks";

/**
 * An EventsApi named `api` under the mocks of test/support/pulumi-mocks.ts (stack `test`, eu-west-1), the
 * setup the component tests share: build it, look its children up by role, and check that bad args fail
 * as the component fails them.
 */
export class EventsApiFixture {
    /** The component's name. */
    readonly name = "api";
    /** Every child's name starts with the component's name and the stack: `<name>-<stack>-<role>`. */
    readonly prefix = `${this.name}-test`;
    readonly harness = new MockHarness();

    /** Forgets what an earlier build registered; with `preview`, the next build runs as `pulumi preview` does. */
    reset(options: { preview?: boolean } = {}): void {
        this.harness.reset({}, options);
    }

    /** Declares the component and waits for every registration. */
    build(args?: EventsApiArgs, opts?: pulumi.ComponentResourceOptions): Promise<EventsApi> {
        return this.harness.declare(() => new EventsApi(this.name, args, opts));
    }

    /** The child with this role (`table`, `get-event-fn`); with `type`, it must be of that type. */
    child(role: string, type?: string): RecordedResource {
        const resource = this.harness.named(`${this.prefix}-${role}`);
        if (type !== undefined) assert.strictEqual(resource.type, type, resource.name);
        return resource;
    }

    /** The outputs the mocks gave the child with this role (its ARN, physical name...). */
    state(role: string): Record<string, string> {
        return this.harness.state(`${this.prefix}-${role}`);
    }

    /** Fails unless `args` fail the build with a ResourceError listing exactly `problems`, before anything registers. */
    async rejects(args: EventsApiArgs, ...problems: string[]): Promise<void> {
        this.reset();
        await assert.rejects(this.build(args), (error: Error) => {
            assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${error}`);
            assert.strictEqual(error.message, ["invalid EventsApi args:", ...problems].join("\n  "));
            return true;
        });
        assert.deepStrictEqual(this.harness.resources, [], "bad args registered resources");
    }
}
