/** Every CLI command, in the order `kinema --help` lists them. One file per command. */
import type { Command } from 'commander';
import { defineBuild } from './build.ts';
import { defineExport } from './export.ts';
import { defineFetch } from './fetch.ts';

export type DefineCommand = (program: Command) => void;

export const COMMANDS: DefineCommand[] = [defineFetch, defineBuild, defineExport];
