#!/usr/bin/env bash
# `npm run demo`: the demo pipeline on examples/demo-app (arrives with the pipeline issue).
echo "demo: the pipeline command is not built yet" >&2
exit 2
