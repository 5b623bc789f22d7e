/**
 * The host globals the pure core uses that ES2022 does not declare. They are not Node-only: browsers, web
 * workers and Node all have them. Declared here, at their smallest, so that src/core/tsconfig.json can leave out
 * Node's types (and with them process, Buffer and require).
 */
interface Performance {
  now(): number;
}

declare var performance: Performance;

declare function queueMicrotask(callback: () => void): void;
