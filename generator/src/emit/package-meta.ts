/**
 * What every published package says about the project: licence, where the source and the
 * documentation live, how to publish it. One place for the generated packages; the hand-written
 * ones carry the same values, and `test/clients/publish.test.ts` checks that all of them agree
 * with the root package.json.
 */

/** The project's repository (the root package.json's `repository.url`). */
export const REPOSITORY_URL = 'https://github.com/switchboard-dev/switchboard';
/** The docs site; each client's homepage is its provider's reference page there. */
export const DOCS_SITE_URL = 'https://switchboard-dev.github.io/switchboard/';

export const LICENSE_NAME = 'MIT';
/** The root LICENSE, shipped in every package's tarball (npm includes a LICENSE file at the package root). */
export const LICENSE_TEXT = "MIT License\n\nCopyright (c) 2026 The Switchboard contributors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";

/** `directory` is the package's folder in the repository; `docsPath` its page on the docs site, if any. */
export function publishedPackageFields(directory: string, keywords: string[], docsPath = '') {
  return {
    license: LICENSE_NAME,
    homepage: `${DOCS_SITE_URL}${docsPath}`,
    repository: { type: 'git', url: `git+${REPOSITORY_URL}.git`, directory },
    bugs: { url: `${REPOSITORY_URL}/issues` },
    keywords,
    // Published from CI with a provenance statement linking the tarball to its source commit.
    publishConfig: { access: 'public', provenance: true },
  };
}
