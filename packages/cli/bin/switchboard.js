#!/usr/bin/env node
// The command npm links as `switchboard`. It is committed (with its execute bit) rather than
// pointing npm at dist/, because npm links bins at install time, before anything is built, and
// turbo's cache restores dist/ files without their mode bits.
import '../dist/bin.js';
