// A test keeps it equal to package.json's version.
/** The version of kohort-checkout this module belongs to, e.g. to report which copy a page loaded. */
export const VERSION = '0.1.0';
