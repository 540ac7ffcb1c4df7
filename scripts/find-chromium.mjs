// Where the docs-site browser tests find Chromium (or Chrome): CHROMIUM_PATH when set, else the
// usual install locations of Debian/Ubuntu, Fedora, Arch and macOS. Run as a script, it prints the
// path, or explains what to do and exits 1. Both the test set-up script and the tests ask it, so
// they never disagree about which browser runs.
import { accessSync, constants, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const isExecutableFile = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser to run, or a reason there is none. A CHROMIUM_PATH that is not an executable file
 * is an error, never silently replaced by another browser.
 */
export function findChromium(env = process.env, candidates = CANDIDATES) {
  const given = env.CHROMIUM_PATH;
  if (given !== undefined && given !== '') {
    return isExecutableFile(given) ? { path: given } : { problem: `CHROMIUM_PATH is ${JSON.stringify(given)}, which is not an executable file.` };
  }
  const found = candidates.find(isExecutableFile);
  return found
    ? { path: found }
    : { problem: `No Chromium or Chrome found (looked in ${candidates.join(', ')}). Install one (Debian: apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to its executable.` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findChromium();
  if ('path' in found) console.log(found.path);
  else {
    console.error(found.problem);
    process.exit(1);
  }
}
