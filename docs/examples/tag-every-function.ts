import * as pulumi from "@pulumi/pulumi";
import { EventsApi } from "../../components/events-api";

// A transform on the component runs on it and on every resource under it, before each is registered.
const tagFunctions: pulumi.ResourceTransform = ({ type, props, opts }) =>
    type === "aws:lambda/function:Function" ? { props: { ...props, tags: { ...props.tags, team: "events" } }, opts } : undefined;

const api = new EventsApi("events-api", {}, { transforms: [tagFunctions] });

export const functionNames = api.functionNames;
