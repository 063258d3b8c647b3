// Public API of the CloudTrail log-tree generator (dev tooling: benchmarks,
// the committed samples, tests). See cli.ts for the command-line wrapper.

export { generateTree, type TreeOptions, type TreeStats } from './tree.js';
export { generateSamples, SAMPLE_ACCOUNTS, SAMPLE_REGIONS, SAMPLE_DAYS, type SampleStats } from './samples.js';
export { LOG_FILE_RE, logFilePath, fileStamp, WINDOW_MS } from './layout.js';
export { ROGUE_IP } from './story.js';
export { DEFAULT_ACCOUNTS, DEFAULT_REGIONS } from './world.js';
