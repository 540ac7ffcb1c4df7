/**
 * `--jobs` as both command lines read it (`generator/dist/cli.js` and `switchboard generate`): a
 * whole number of 1 or more, or the sentence that refuses it.
 */
export function jobsFromText(given: string): { jobs: number } | { problem: string } {
  const jobs = Number(given);
  return Number.isInteger(jobs) && jobs >= 1 ? { jobs } : { problem: `--jobs takes a whole number of 1 or more, not ${JSON.stringify(given)}.` };
}
