/**
 * The names a request handler's parameters have (`(req, res, next)`, `(request, response)`, and the same with a leading
 * underscore when unused): how code that serves requests is told without types.
 */
export const REQUEST_PARAMETER_NAMES: ReadonlySet<string> = new Set(['req', 'request', '_req', '_request']);
export const RESPONSE_PARAMETER_NAMES: ReadonlySet<string> = new Set(['res', 'response', '_res', '_response']);
