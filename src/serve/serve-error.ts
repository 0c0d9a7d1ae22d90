// The error of the dev and preview servers (a port taken, no site to preview); printed like every ProofpressError.
import { ProofpressError } from '../errors.ts';

/** A server could not start or has nothing to serve. */
export class ServeError extends ProofpressError {}
