/**
 * Native modules (sharp and its libvips) cannot be bundled by esbuild: they are left out of the
 * bundle and installed beside it, from the npm registry, for Lambda's platform (Linux, glibc,
 * the function's CPU) whatever machine synthesizes. The version is the one the lockfile pins,
 * read from node_modules, so the deployed code runs what the tests ran. No Docker needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { REPOSITORY_ROOT, type FunctionSpec } from './functions';

export type NativeArchitecture = 'arm64' | 'x64';

export function pinnedVersion(name: string, root = REPOSITORY_ROOT): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/** The npm command that installs `modules` into `outputDir` for Linux on `architecture`. */
export function nativeInstallCommand(
  modules: readonly string[],
  architecture: NativeArchitecture,
  outputDir: string,
  root = REPOSITORY_ROOT,
): string {
  const specs = modules.map((name) => `${name}@${pinnedVersion(name, root)}`).join(' ');
  return [
    `npm install --prefix "${outputDir}" ${specs}`,
    `--cpu=${architecture} --os=linux --libc=glibc`,
    '--omit=dev --no-save --no-package-lock --no-audit --no-fund --prefer-offline --loglevel=error',
  ].join(' ');
}

/** Bundling options: `modules` external to esbuild, then installed for the target platform. */
export function nativeModulesBundling(
  modules: readonly string[],
  architecture: NativeArchitecture,
  root = REPOSITORY_ROOT,
): Partial<BundlingOptions> {
  const commandHooks: ICommandHooks = {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      nativeInstallCommand(modules, architecture, outputDir, root),
    ],
  };
  return { externalModules: [...modules], commandHooks };
}

/**
 * A function's bundling: its native and lazily loaded modules installed beside the bundle for
 * Lambda's platform, and its assets (files
 * the code loads at run time, such as HiGHS's WebAssembly) copied next to the bundle.
 */
export function bundlingOf(
  spec: Pick<FunctionSpec, 'nativeModules' | 'lazyModules' | 'assets'>,
  architecture: NativeArchitecture,
  root = REPOSITORY_ROOT,
): Partial<BundlingOptions> {
  const modules = [...(spec.nativeModules ?? []), ...(spec.lazyModules ?? [])];
  const assets = spec.assets ?? [];
  const commandHooks: ICommandHooks = {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => [
      ...assets.map((file) => `cp "${join(inputDir, file)}" "${outputDir}/"`),
      ...(modules.length > 0 ? [nativeInstallCommand(modules, architecture, outputDir, root)] : []),
    ],
  };
  return { ...(modules.length > 0 ? { externalModules: [...modules] } : {}), commandHooks };
}
