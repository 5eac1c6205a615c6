/** The bfrsim version, written into every run manifest. Keep in step with package.json. */
export const VERSION = "0.1.0";
