/** Every CLI command, in the order `kinema --help` lists them. One file per command. */
import type { Command } from 'commander';
import { defineStart } from './start.ts';
import { defineBuild } from './build.ts';
import { defineEval } from './eval.ts';
import { defineExplore } from './explore.ts';
import { defineExport } from './export.ts';
import { defineFetch } from './fetch.ts';
import { defineSample } from './sample.ts';
import { defineServe } from './serve.ts';
import { defineTmdb } from './tmdb.ts';
import { defineDeploy } from './deploy.ts';
import { defineExportSite } from './export-site.ts';
import { defineRecommend } from './recommend.ts';
import { defineRefresh } from './refresh.ts';

export type DefineCommand = (program: Command) => void;

export const COMMANDS: DefineCommand[] = [
  defineStart,
  defineFetch,
  defineSample,
  defineBuild,
  defineRefresh,
  defineExplore,
  defineRecommend,
  defineExport,
  defineServe,
  defineTmdb,
  defineExportSite,
  defineDeploy,
  defineEval,
];
