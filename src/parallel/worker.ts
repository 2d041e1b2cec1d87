/** The body of a RunPool worker thread: runs each RunRequest it is sent to its summary. */
import { executeRunRequest } from './run-request.js';
import { serveRequests } from './serve-requests.js';

serveRequests(executeRunRequest);
