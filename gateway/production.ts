/**
 * Imported first by the entry point (before graphql loads): unless told otherwise, the gateway runs
 * in production mode, which among other things turns off graphql-js's development-only checks that
 * run for every resolved field.
 */
process.env.NODE_ENV ??= 'production';
