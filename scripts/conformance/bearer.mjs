// Preloaded into the conformance suite's server mode (node --import) so its requests carry Chitin's bearer token,
// as any client of `chitin mcp serve --http` must: the suite itself has no option for request headers.
import { createRequire } from 'node:module';

const token = process.env.CONFORMANCE_BEARER_TOKEN;
const modules = process.env.CONFORMANCE_NODE_MODULES;
if (token && modules) {
  const require = createRequire(`${modules}/`);
  const { getGlobalDispatcher, setGlobalDispatcher } = require('undici');
  const withToken = (dispatch) => (options, handler) => {
    const headers = options.headers;
    if (Array.isArray(headers)) {
      options = { ...options, headers: [...headers, 'authorization', `Bearer ${token}`] };
    } else {
      options = { ...options, headers: { ...(headers ?? {}), authorization: `Bearer ${token}` } };
    }
    return dispatch(options, handler);
  };
  setGlobalDispatcher(getGlobalDispatcher().compose(withToken));
}
