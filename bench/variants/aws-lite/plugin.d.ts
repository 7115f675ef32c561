// @aws-lite/dynamodb ships no types (they are a separate package, @aws-lite/dynamodb-types, which the
// substitute does not need: it types the four calls it makes itself).
declare module "@aws-lite/dynamodb" {
    const plugin: object;
    export default plugin;
}
