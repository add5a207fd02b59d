// orval configuration for the generator matrix (api/clients/run-matrix.sh).
// The driver passes the spec in SPEC and in OUT the folder that holds this
// client's script and fetcher.ts; the generated client goes to OUT/generated.
const path = require('node:path');

const spec = path.resolve(process.env.SPEC || 'openapi.yaml');
const out = path.resolve(process.env.OUT || 'build/clients/src/orval');

module.exports = {
  partnercenter: {
    input: { target: spec },
    output: {
      // The fetch client: no runtime dependency beyond the platform's fetch, and
      // it answers every documented status as a typed { data, status, headers }
      // union instead of throwing, so a 404 or 412 can be inspected.
      client: 'fetch',
      mode: 'single',
      target: path.join(out, 'generated', 'partnercenter.ts'),
      // Without this orval leaves header parameters out of the generated
      // functions: If-Match, MS-ContinuationToken and the MS-* IDs would have to
      // be added by hand to every call.
      headers: true,
      override: {
        // Requests go through fetcher.ts, which adds the base URL and the token
        // at run time (orval's way to configure the fetch client).
        mutator: { path: path.join(out, 'fetcher.ts'), name: 'customFetch' },
      },
    },
  },
};
