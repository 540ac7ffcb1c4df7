import { join } from 'node:path';
import type { Catalog, Provider } from '../model.js';
import { readIfExists } from './tree.js';

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** A client package.json whose version cannot be kept. */
export class PackageVersionError extends Error {
  constructor(
    /** Project-relative path of the package.json. */
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The catalog with each provider's client version as released. Changesets owns that version and
 * records it in the client's package.json (`changeset version`); the rest of that file is
 * generated, so the version is read back here and written out unchanged. A client not generated
 * yet keeps the loader's initial version.
 */
export function withPackageVersions(catalog: Catalog, rootDir: string): Catalog {
  return { ...catalog, providers: catalog.providers.map((provider) => withPackageVersion(provider, rootDir)) };
}

/** One provider with its client's released version (see withPackageVersions). */
export function withPackageVersion(provider: Provider, rootDir: string): Provider {
  const file = join(provider.packageDir, 'package.json');
  const text = readIfExists(join(rootDir, file));
  return text === null ? provider : { ...provider, version: versionIn(file, text) };
}

function versionIn(file: string, text: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new PackageVersionError(file, `is not valid JSON, so the client's version cannot be kept; restore it with git checkout, or delete it to start again at the initial version.`);
  }
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw new PackageVersionError(file, `has version ${JSON.stringify(version)}; expected a semver version such as 1.2.0 (Changesets writes it: npx changeset version).`);
  }
  return version;
}
