#!/usr/bin/env node
/** The `cdk-fortress` command (package bin). */
import { runCli } from './cli';

process.exitCode = runCli(process.argv.slice(2));
