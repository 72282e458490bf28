/**
 * The one place the API client asks for a step-up (issue 16): the dialog registers a handler
 * here; a request answered 403 `step_up_required` waits for it and, when the user confirmed,
 * is sent once more. No handler (tests, the sign-in page): the error goes to the caller.
 */
let handler: (() => Promise<boolean>) | null = null;

/** Registers the step-up dialog's opener; returns a function that removes it. */
export function registerStepUpHandler(open: () => Promise<boolean>): () => void {
  handler = open;
  return () => {
    if (handler === open) handler = null;
  };
}

/** Opens the step-up dialog; true when the user confirmed with a code (or password). */
export function askForStepUp(): Promise<boolean> {
  return handler ? handler() : Promise.resolve(false);
}
