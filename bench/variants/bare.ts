/** The cold-start floor without the SDK: a bare `node` process that loads a handler doing nothing. */
export const handler = async () => ({ statusCode: 200 });
