// Errors users see. UserError carries a message already worded for the user (file, line, what
// is wrong, how to fix); anything else reaching the CLI or a step is a bug in the engine.

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
    // Cucumber prints an error's stack under a failed step: for a user's mistake the message is
    // the whole story, so the stack is just `<name>: <message>` (no JavaScript frames).
    Object.defineProperty(this, 'stack', { get: () => `${this.name}: ${this.message}`, configurable: true });
  }
}

/** A step or command asked for something the simulator does not model yet. */
export class NotSupportedError extends UserError {
  constructor(what: string) {
    super(`not supported yet: ${what}`);
    this.name = 'NotSupportedError';
  }
}
