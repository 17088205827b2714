// Loaded first in the strict-CSP group (web-test-runner.config.mjs): any violation of the page's
// policy while the suites run is thrown, so the run fails and names what broke the policy.
document.addEventListener('securitypolicyviolation', (event) => {
  const what = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ${event.sample ? `(${event.sample})` : ''} at ${event.sourceFile}:${event.lineNumber}`;
  setTimeout(() => {
    throw new Error(`Content Security Policy violation: ${what}`);
  });
});
